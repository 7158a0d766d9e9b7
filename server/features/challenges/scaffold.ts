/**
 * `jam new <id>`: a new challenge folder that lints clean, in English and Japanese, with two
 * clues and a debrief, pointing editors at the JSON Schema. Every text says what to write
 * there, so the author replaces them one by one.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ScaffoldResult {
  folder: string;
  files: string[];
}

export class ScaffoldError extends Error {}

/** Writes `<dir>/<id>/` with challenge.yaml and both briefings; `schemaFile` is the JSON Schema's path. */
export async function scaffoldChallenge(dir: string, id: string, schemaFile: string): Promise<ScaffoldResult> {
  if (!/^[a-z0-9-]{1,80}$/.test(id)) throw new ScaffoldError(`"${id}" is not a challenge id: use 1-80 of a-z, 0-9 and -`);
  const folder = path.join(dir, id);
  if (await stat(folder).catch(() => undefined)) throw new ScaffoldError(`${folder} already exists`);
  await mkdir(folder, { recursive: true });
  const schema = schemaReference(folder, schemaFile);
  const files = {
    'challenge.yaml': challengeYaml(id, schema),
    'briefing.en.md': 'The story of the challenge: who the team is, what happened, what the session taught. Markdown is allowed.\n',
    'briefing.ja.md': 'チャレンジの背景です。チームの立場、起きたこと、セッションで学んだことを書きます。Markdown を使えます。\n',
  };
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text, { flag: 'wx' });
  return { folder, files: Object.keys(files).map((name) => path.join(folder, name)) };
}

/**
 * How a challenge file in `folder` names the JSON Schema: relative inside the repository that
 * holds the schema (it moves with it), absolute for a tree kept elsewhere.
 */
export function schemaReference(folder: string, schemaFile: string): string {
  const repository = path.dirname(path.dirname(path.resolve(schemaFile)));
  const inside = !path.relative(repository, path.resolve(folder)).startsWith('..');
  return inside ? path.relative(folder, schemaFile).split(path.sep).join('/') : path.resolve(schemaFile);
}

function challengeYaml(id: string, schema: string): string {
  return `# yaml-language-server: $schema=${schema}
# Replace every text below. The format, every field and the linter's messages: docs/challenge-format.md
id: ${id}
title:
  en: "Title of the challenge"
  ja: "チャレンジのタイトル"
category: Uncategorised
difficulty: medium
source: "The session it teaches, e.g. re:Invent 2023 CON405"
summary:
  en: "One or two sentences for the card on the board."
  ja: "ボードのカードに表示する、一、二文の説明です。"
tasks:
  - id: first-task
    title:
      en: "First task"
      ja: "最初のタスク"
    prompt:
      en: "The question the team answers. Markdown is allowed."
      ja: "チームが答える問題です。Markdown を使えます。"
    points: 100
    answer:
      type: text
      accept: ["the answer", "another accepted spelling"]
    clues:
      - text:
          en: "A first, gentle clue."
          ja: "最初の、控えめなヒントです。"
        penalty: 20
      - text:
          en: "A second clue that nearly gives the answer away."
          ja: "答えにかなり近づく、二つ目のヒントです。"
        penalty: 40
    debrief:
      en: "Why this is the answer; shown once the task is solved."
      ja: "なぜこれが答えなのかの解説です。タスクを解いた後に表示されます。"
`;
}
