import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { challengeJsonSchema } from '../../../../server/features/challenges/challenge.json-schema.ts';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { jam } from './cli-support.ts';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jam-cli-'));
  temporary.push(dir);
  return dir;
}

describe('jam schema', () => {
  it('prints the JSON Schema generated from the zod schema', async () => {
    const run = await jam(['schema']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(challengeJsonSchema());
    expect(
      JSON.parse(run.stdout).properties.tasks.items.properties.answer.oneOf.map((a: { properties: { type: { const: string } } }) => a.properties.type.const),
    ).toEqual(['text', 'regex', 'number', 'choice', 'order', 'match', 'lab', 'check', 'any']);
  });

  it('writes it to a file with --out', async () => {
    const out = path.join(await tempDir(), 'schema.json');
    const run = await jam(['schema', '--out', out]);
    expect(run).toMatchObject({ code: 0, stderr: `wrote ${out}\n` });
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(challengeJsonSchema());
  });
});

describe('jam new', () => {
  it('scaffolds a challenge in English and Japanese, with two clues and a debrief, that lints clean', async () => {
    const dir = await tempDir();
    const run = await jam(['new', 'my-challenge', '--dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(
      ['challenge.yaml', 'briefing.en.md', 'briefing.ja.md'].map((f) => `wrote ${path.join(dir, 'my-challenge', f)}`),
    );
    const { challenges, problems, warnings } = await loadChallengeTree(dir, { requireLanguages: ['en', 'ja'] });
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    const [challenge] = challenges.map((c) => c.definition);
    expect(challenge).toMatchObject({ id: 'my-challenge', title: { en: expect.any(String), ja: expect.any(String) } });
    expect(challenge!.tasks[0]!.clues).toHaveLength(2);
    expect(challenge!.tasks[0]!.debrief).toEqual({ en: expect.any(String), ja: expect.any(String) });
    expect(challenge!.briefing).toEqual({ en: expect.any(String), ja: expect.any(String) });
    // Outside the repository, editors are pointed at the schema by its absolute path.
    const first = (await readFile(path.join(dir, 'my-challenge', 'challenge.yaml'), 'utf8')).split('\n')[0];
    expect(first).toBe(`# yaml-language-server: $schema=${path.resolve('schema/challenge.schema.json')}`);
  });

  it('refuses an existing folder and an id that is not one, changing nothing', async () => {
    const dir = await tempDir();
    expect((await jam(['new', 'twice', '--dir', dir])).code).toBe(0);
    const again = await jam(['new', 'twice', '--dir', dir]);
    expect(again).toEqual({ code: 1, stdout: '', stderr: `${path.join(dir, 'twice')} already exists\n` });
    const bad = await jam(['new', 'Not An Id', '--dir', dir]);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: '"Not An Id" is not a challenge id: use 1-80 of a-z, 0-9 and -\n' });
    expect((await jam(['new'])).code).toBe(2);
  });
});
