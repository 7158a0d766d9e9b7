import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../server/features/challenges/challenge.lint.ts';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { possibleAnswers, timingWarnings } from '../../../../server/features/challenges/fair-play.lint.ts';

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A tree of challenges, each given as the YAML lines after the common head (id and texts). */
async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jam-fair-'));
  temporary.push(dir);
  for (const [id, rest] of Object.entries(files)) {
    await mkdir(path.join(dir, id));
    const head = `id: ${id}\ntitle: T\ncategory: C\ndifficulty: easy\nsource: S\nsummary: S\n`;
    await writeFile(path.join(dir, id, 'challenge.yaml'), head + rest);
  }
  return dir;
}

const textTask = 'tasks:\n  - id: t\n    title: T\n    prompt: P\n    points: 100\n    answer: { type: text, accept: [x] }\n';
const choiceTask = (extra = '') =>
  `tasks:\n  - id: t\n    title: T\n    prompt: P\n    points: 100\n${extra}    answer:\n      type: choice\n      options: [{ id: a, label: A }, { id: b, label: B }, { id: c, label: C }, { id: d, label: D }]\n      correct: [a]\n`;

async function lint(dir: string) {
  const { problems, warnings } = await loadChallengeTree(dir);
  const strip = (line: string) => line.replace(`${dir}/`, '');
  return { problems: problems.map(formatProblem).map(strip), warnings: warnings.map(formatProblem).map(strip) };
}

describe('the guessing warning', () => {
  it('warns about a choice, order or match with few possible answers and neither attempts nor wrongPenalty', async () => {
    const dir = await tree({ guess: choiceTask() });
    expect(await lint(dir)).toEqual({
      problems: [],
      warnings: [
        'guess/challenge.yaml:8:5 warning: tasks[0]: this choice has 4 possible answers and neither attempts nor wrongPenalty: it can be won by guessing',
      ],
    });
  });

  it('is satisfied by a wrong-attempt penalty, or by an attempt cap that stops a team trying every answer', async () => {
    expect((await lint(await tree({ penalty: choiceTask('    wrongPenalty: 25\n') }))).warnings).toEqual([]);
    expect((await lint(await tree({ capped: choiceTask('    attempts: 2\n') }))).warnings).toEqual([]);
  });

  it('warns when the cap still lets a team try every answer', async () => {
    expect((await lint(await tree({ loose: choiceTask('    attempts: 3\n') }))).warnings).toEqual([
      'loose/challenge.yaml:12:15 warning: tasks[0].attempts: 3 wrong attempts still let a team try all 4 possible answers; lower it or add wrongPenalty',
    ]);
  });

  it('counts what the controls allow: options, non-empty subsets, permutations, assignments', () => {
    const labels = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i) }));
    expect(possibleAnswers({ type: 'choice', options: labels(4), correct: ['0'] })).toBe(4);
    expect(possibleAnswers({ type: 'choice', options: labels(6), correct: ['0', '1'] })).toBe(63);
    expect(possibleAnswers({ type: 'order', items: labels(5) })).toBe(120);
    expect(possibleAnswers({ type: 'match', left: labels(3), right: labels(4) })).toBe(64);
    expect(possibleAnswers({ type: 'text' })).toBeUndefined();
  });
});

describe('attempts, wrongPenalty and releaseAfterMinutes', () => {
  it('refuses attempts below 1 and negative penalties or minutes, at their positions', async () => {
    const dir = await tree({
      bad: `${textTask}    attempts: 0\n    wrongPenalty: -5\n    clues:\n      - { text: C, penalty: 5, releaseAfterMinutes: -1 }\n`,
    });
    expect((await lint(dir)).problems).toEqual([
      'bad/challenge.yaml:13:15 tasks[0].attempts: attempts must be at least 1 (leave it out for no limit)',
      'bad/challenge.yaml:14:19 tasks[0].wrongPenalty: wrongPenalty cannot be negative',
      'bad/challenge.yaml:16:53 tasks[0].clues[0].releaseAfterMinutes: releaseAfterMinutes cannot be negative',
    ]);
  });

  it('refuses a clue released before an earlier one, since clues open in order', async () => {
    const dir = await tree({
      order: `${textTask}    clues:\n      - { text: A, penalty: 5, releaseAfterMinutes: 60 }\n      - { text: B, penalty: 5, releaseAfterMinutes: 30 }\n      - { text: C, penalty: 5 }\n`,
      never: `${textTask}    clues:\n      - { text: A, penalty: 5 }\n      - { text: B, penalty: 5, releaseAfterMinutes: 30 }\n`,
    });
    expect((await lint(dir)).problems).toEqual([
      'never/challenge.yaml:15:53 tasks[0].clues[1].releaseAfterMinutes: clue 2 would be free at 30 minutes, before clue 1 (never released); clues open in order, so release clue 1 no later',
      'order/challenge.yaml:15:53 tasks[0].clues[1].releaseAfterMinutes: clue 2 would be free at 30 minutes, before clue 1 (free at 60 minutes); clues open in order, so release clue 1 no later',
    ]);
  });

  it('warns about timed rules at or after the end of the event', () => {
    const challenge = {
      id: 'c',
      unlock: { atMinute: 120 },
      tasks: [
        {
          id: 't',
          clues: [
            { index: 1, releaseAfterMinutes: 30 },
            { index: 2, releaseAfterMinutes: 200 },
          ],
        },
      ],
    };
    expect(timingWarnings([challenge], 120)).toEqual([
      'c: unlock.atMinute 120 is not before the end of the 120-minute event; it would never open by time',
      'c/t: clue 2 releaseAfterMinutes 200 is not before the end of the 120-minute event; it would never be released',
    ]);
    expect(timingWarnings([challenge], 240)).toEqual([]);
  });
});

describe('unlock', () => {
  it('refuses a prerequisite that names no challenge, at its position', async () => {
    const dir = await tree({ a: `unlock: { after: [b, nope] }\n${textTask}`, b: textTask });
    expect((await lint(dir)).problems).toEqual(['a/challenge.yaml:7:22 unlock.after[1]: no challenge "nope" in the tree']);
  });

  it('refuses prerequisites that wait for each other, at each edge of the cycle', async () => {
    const dir = await tree({
      a: `unlock:\n  after: [b]\n${textTask}`,
      b: `unlock:\n  after: [c]\n${textTask}`,
      c: `unlock:\n  after: [a]\n${textTask}`,
      d: `unlock: { after: [d] }\n${textTask}`,
    });
    expect((await lint(dir)).problems).toEqual([
      'a/challenge.yaml:8:11 unlock.after[0]: "a" → "b" → "c" → "a" wait for each other; no team could ever open them',
      'b/challenge.yaml:8:11 unlock.after[0]: "a" → "b" → "c" → "a" wait for each other; no team could ever open them',
      'c/challenge.yaml:8:11 unlock.after[0]: "a" → "b" → "c" → "a" wait for each other; no team could ever open them',
      'd/challenge.yaml:7:19 unlock.after[0]: "d" → "d" wait for each other; no team could ever open them',
    ]);
  });

  it('refuses an empty rule and warns about waiting for a hidden challenge', async () => {
    const dir = await tree({ a: `unlock: {}\n${textTask}`, b: `unlock: { after: [c] }\n${textTask}`, c: `hidden: true\n${textTask}` });
    expect(await lint(dir)).toEqual({
      problems: ['a/challenge.yaml:7:9 unlock: unlock needs after, atMinute or both'],
      warnings: ['b/challenge.yaml:7:19 warning: unlock.after[0]: "c" is hidden; until it is put in play this challenge does not wait for it'],
    });
  });
});
