import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { ConversionError, convertCtfdChallenge, slugify } from '../../../../server/features/challenges/ctfd-convert.ts';
import { importCtfd } from '../../../../server/features/challenges/ctfd-import.ts';

const FIXTURES = 'tests/fixtures/ctfd';
let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'jam-ctfd-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function importOne(name: string) {
  const report = await importCtfd(`${FIXTURES}/${name}/challenge.yml`, out);
  const { challenges, problems } = await loadChallengeTree(out);
  expect(problems).toEqual([]);
  return { report, definition: challenges[0]!.definition };
}

describe('importCtfd', () => {
  it('turns several static flags into one case-sensitive text answer', async () => {
    const { report, definition } = await importOne('static');
    expect(report.written).toEqual([path.join(out, 'registry-basics', 'challenge.yaml')]);
    expect(definition).toMatchObject({
      id: 'registry-basics',
      title: { en: 'Registry Basics' },
      category: 'Containers',
      difficulty: 'medium',
      source: 'ctfcli challenge by alice',
      summary: { en: 'Which AWS service stores container images?' },
      tags: ['containers', 'warmup'],
    });
    expect(definition.tasks).toHaveLength(1);
    expect(definition.tasks[0]).toMatchObject({
      prompt: { en: 'Which AWS service stores container images?\n\nAnswer with its short name.' },
      points: 100,
      answer: { type: 'text', accept: ['ECR', 'Amazon ECR'], caseSensitive: true },
      clues: [],
    });
  });

  it('keeps a case-insensitive static flag case-insensitive', async () => {
    const { definition } = await importOne('case-insensitive');
    expect(definition.tasks[0]!.answer).toEqual({ type: 'text', accept: ['Firehose', 'Data Firehose'], caseSensitive: false });
    expect(definition.category).toBe('Analytics');
  });

  it('turns a regex flag into a regex answer and drops static flags it already accepts', async () => {
    const { report, definition } = await importOne('regex');
    expect(definition.tasks[0]!.answer).toEqual({ type: 'regex', pattern: 'v(?<major>[0-9]+)\\.[0-9]+', flags: '' });
    expect(report.notes).toEqual([
      `${FIXTURES}/regex/challenge.yml: flags: Python named groups (?P<...>) rewritten for JavaScript`,
      `${FIXTURES}/regex/challenge.yml: flags: static flags dropped because the regex flag already accepts them (v1.0)`,
      `${FIXTURES}/regex/challenge.yml: difficulty: ctfcli has none; set to medium`,
    ]);
  });

  it('turns hints into clues in order, with the cost as the penalty', async () => {
    const { definition } = await importOne('hints');
    expect(definition.tasks[0]!.clues).toEqual([
      { index: 1, text: { en: 'Look at the architecture slide.' }, penalty: 20 },
      { index: 2, text: { en: 'This hint is free' }, penalty: 0 },
      { index: 3, text: { en: 'It is more than one and fewer than three.' }, penalty: 50 },
    ]);
    expect(definition.tasks[0]!.answer).toEqual({ type: 'text', accept: ['2'], caseSensitive: true });
  });

  it('reports one line for each thing of a dynamic challenge it cannot carry', async () => {
    const { report, definition } = await importOne('dynamic');
    expect(definition.id).toBe('dynamic-doner-pull');
    expect(definition.tasks[0]!.points).toBe(500);
    const file = `${FIXTURES}/dynamic/challenge.yml`;
    expect(report.notes).toEqual([
      `${file}: type: dynamic scoring (initial 500, decay 100, minimum 50) is not carried; the task is worth a fixed 500 points`,
      `${file}: difficulty: ctfcli has none; set to medium`,
      `${file}: state: hidden is not carried; the challenge is visible once it is in the tree`,
      `${file}: connection_info: connection info is not carried; add it to the prompt if players need it (nc registry.example 31337)`,
      `${file}: attempts: attempt limits are not carried; attempts are rate-limited per team and task instead (5)`,
      `${file}: topics: topics are not carried (docker registry)`,
      `${file}: files: attached files are not carried; put them beside challenge.yaml and link them in the prompt (dist/client.py, dist/README.txt)`,
      `${file}: requirements: prerequisite challenges are not carried; every challenge is open from the start (Registry Basics)`,
    ]);
    const written = await readFile(report.written[0]!, 'utf8');
    expect(written).toContain('# ctfcli state: hidden.');
  });

  it('refuses more than three hints with an error naming the file, and still imports the rest', async () => {
    const report = await importCtfd(FIXTURES, out);
    expect(report.errors).toEqual([`${FIXTURES}/too-many-hints/challenge.yml: hints: 4 hints, but a task takes at most 3 clues; merge or drop some first`]);
    expect(report.written.map((file) => path.basename(path.dirname(file))).sort()).toEqual([
      'dynamic-doner-pull',
      'hinted-router',
      'registry-basics',
      'stream-choice',
      'tag-format',
    ]);
    const { challenges, problems } = await loadChallengeTree(out);
    expect(problems).toEqual([]);
    expect(challenges).toHaveLength(5);
  });

  it('does not overwrite an existing challenge unless forced', async () => {
    const file = `${FIXTURES}/static/challenge.yml`;
    await importCtfd(file, out);
    const again = await importCtfd(file, out);
    expect(again.errors).toEqual([`${file}: ${path.join(out, 'registry-basics', 'challenge.yaml')} already exists; pass --force to replace it`]);
    expect((await importCtfd(file, out, { force: true })).errors).toEqual([]);
  });

  it('reports an input that does not exist', async () => {
    const report = await importCtfd(`${FIXTURES}/missing`, out);
    expect(report.errors).toEqual([`${FIXTURES}/missing: no such file or directory`]);
  });
});

describe('convertCtfdChallenge', () => {
  const base = { name: 'Mixed', category: 'Misc', description: 'D', value: 10 };
  const errorOf = (raw: unknown) => {
    try {
      convertCtfdChallenge(raw, 'fallback');
    } catch (error) {
      expect(error).toBeInstanceOf(ConversionError);
      return (error as Error).message;
    }
    throw new Error('expected a ConversionError');
  };

  it('refuses flag mixes one answer cannot express', () => {
    expect(errorOf({ ...base, flags: ['a', { type: 'static', content: 'b', data: 'case_insensitive' }] })).toMatch(
      /^flags: mixes case-sensitive and case-insensitive static flags/,
    );
    expect(
      errorOf({
        ...base,
        flags: [
          { type: 'regex', content: 'a+' },
          { type: 'regex', content: 'b+' },
        ],
      }),
    ).toMatch(/^flags: 2 regex flags/);
    expect(errorOf({ ...base, flags: [{ type: 'regex', content: 'a+' }, 'b'] })).toMatch(/^flags: the static flag "b" is not accepted by the regex flag/);
    expect(errorOf({ ...base, flags: [{ type: 'custom', content: 'x' }] })).toMatch(/flag type "custom" is not supported/);
    expect(errorOf({ ...base, flags: [] })).toBe('flags: none given; a task needs an answer');
  });

  it('requires a name and a positive value for standard challenges', () => {
    expect(errorOf({ ...base, name: undefined, flags: ['x'] })).toBe('name: missing; ctfcli requires it');
    expect(errorOf({ ...base, value: 0, flags: ['x'] })).toBe('value: expected a positive whole number of points');
  });

  it('maps a case-insensitive regex flag to the i flag', () => {
    const { document } = convertCtfdChallenge({ ...base, flags: [{ type: 'regex', content: 'flag\\{.+\\}', data: 'case_insensitive' }] }, 'x');
    expect((document.tasks as Array<{ answer: unknown }>)[0]!.answer).toEqual({ type: 'regex', pattern: 'flag\\{.+\\}', flags: 'i' });
  });
});

describe('slugify', () => {
  it('makes ids from names', () => {
    expect(slugify('Web 101: Intro!')).toBe('web-101-intro');
    expect(slugify('  Crème brûlée  ')).toBe('creme-brulee');
    expect(slugify('日本語')).toBe('');
  });
});
