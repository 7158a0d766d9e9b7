import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../../server/features/challenges/challenge.lint.ts';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { BROKEN_TREE, BROKEN_TREE_LINES } from './broken-tree.expected.ts';
import { LABS } from '../../../../server/features/labs/labs.registry.ts';

const VALID = 'tests/fixtures/challenges/valid';
const lines = async (dir: string, requireLanguages: Array<'en' | 'ja'> = []) =>
  (await loadChallengeTree(dir, { requireLanguages })).problems.map(formatProblem);

const temporary: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jam-loader-'));
  temporary.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadChallengeTree', () => {
  it('loads a valid tree into normalised definitions with no problems', async () => {
    const { challenges, problems } = await loadChallengeTree(VALID, { requireLanguages: ['en', 'ja'] });
    expect(problems).toEqual([]);
    expect(challenges.map((c) => c.file)).toEqual([
      `${VALID}/all-answer-types/challenge.yaml`,
      `${VALID}/fair-play/challenge.yaml`,
      `${VALID}/kinesis-pick/challenge.yml`,
    ]);
    const [all, fair, kinesis] = challenges.map((c) => c.definition);
    expect(all!.tasks.map((t) => t.answer.type)).toEqual(['text', 'regex', 'number', 'choice', 'order', 'match', 'lab', 'check']);
    expect(all!.tasks[0]).toMatchObject({
      answer: { type: 'text', accept: ['ECR', 'Elastic Container Registry'], caseSensitive: false },
      clues: [
        { index: 1, penalty: 20, text: { en: 'It starts with E.', ja: 'E で始まります。' } },
        { index: 2, penalty: 40 },
      ],
      reference: 'FIX101 page 3',
    });
    expect(all!.tasks[1]!.answer).toEqual({ type: 'regex', pattern: 'v[0-9]+\\.[0-9]+', flags: 'i' });
    expect(all!.tasks[2]!.answer).toEqual({ type: 'number', value: 3, tolerance: 0.5, unit: { en: 'layers' } });
    expect(all!.tasks[4]!.answer).toMatchObject({ type: 'order', items: [{ id: '1' }, { id: '2' }, { id: '3' }] });
    expect(all!.tasks[5]!.answer).toMatchObject({ pairs: { token: 'auth', layer: 's3' } });
    expect(all!.tasks[6]!.debrief).toEqual({});
    expect(all!.briefing.en).toContain('Pull an image **by hand**.');
    expect(all!.tags).toEqual(['fixture', 'formats']);
    expect(fair).toMatchObject({ order: 1, hidden: true, unlock: { after: ['all-answer-types'], atMinute: 30 } });
    expect(fair!.tasks[0]).toMatchObject({
      attempts: 5,
      wrongPenalty: 10,
      answer: {
        type: 'any',
        of: [
          { type: 'text', accept: ['flag{one  two}'], caseSensitive: true, exact: true },
          { type: 'regex', pattern: 'flag\\{v[0-9]+\\}|flag\\{v[0-9]+\\}x', flags: '', firstMatch: true },
        ],
      },
      clues: [
        { index: 1, penalty: 10, releaseAfterMinutes: 20 },
        { index: 2, penalty: 30, releaseAfterMinutes: 40 },
      ],
    });
    expect(all!.tasks[0]).not.toHaveProperty('attempts');
    expect(all!.tasks[0]!.clues[0]).not.toHaveProperty('releaseAfterMinutes');
    expect(all).not.toHaveProperty('hidden');
    expect(kinesis!.briefing).toEqual({ en: 'Read the requirements first.', ja: 'まず要件を読んでください。' });
    expect(kinesis!.tags).toEqual([]);
  });

  it('applies the defaults: caseSensitive false, flags empty, tolerance 0', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'defaults'));
    await writeFile(
      path.join(dir, 'defaults', 'challenge.yaml'),
      [
        'id: defaults',
        'title: Defaults',
        'category: Fixtures',
        'difficulty: expert',
        'source: Fixture',
        'summary: Defaults apply.',
        'tasks:',
        '  - { id: a, title: A, prompt: P, points: 1, answer: { type: text, accept: [x] } }',
        '  - { id: b, title: B, prompt: P, points: 1, answer: { type: regex, pattern: "x+" } }',
        '  - { id: c, title: C, prompt: P, points: 1, answer: { type: number, value: 7 } }',
      ].join('\n'),
    );
    const { challenges, problems } = await loadChallengeTree(dir);
    expect(problems).toEqual([]);
    expect(challenges[0]!.definition.tasks.map((t) => t.answer)).toEqual([
      { type: 'text', accept: ['x'], caseSensitive: false },
      { type: 'regex', pattern: 'x+', flags: '' },
      { type: 'number', value: 7, tolerance: 0 },
    ]);
    expect(challenges[0]!.definition.tasks[0]!.clues).toEqual([]);
  });

  it('turns a plain string into English text shown to every reader', async () => {
    const { challenges } = await loadChallengeTree('tests/fixtures/challenges/plain');
    expect(challenges[0]!.definition.title).toEqual({ en: 'Plain strings only' });
    expect(challenges[0]!.definition.tasks[0]!.debrief).toEqual({ en: 'It is 42.' });
  });

  it('reports every problem of a broken tree at once, sorted, with file:line:column', async () => {
    expect(await lines(BROKEN_TREE)).toEqual(BROKEN_TREE_LINES);
  });

  it('keeps out of the loaded set each challenge that has a problem, and only those', async () => {
    const { challenges } = await loadChallengeTree(BROKEN_TREE);
    expect(challenges.map((c) => c.definition.id)).toEqual(['dup-a']);
  });

  it('reports each text and briefing missing a required language', async () => {
    const dir = 'tests/fixtures/challenges/languages';
    expect(await lines(dir, ['en', 'ja'])).toEqual([
      `${dir}/half-translated/briefing.en.md:1:1 briefing: missing "ja" text (add briefing.ja.md)`,
      `${dir}/half-translated/challenge.yaml:10:13 tasks[0].prompt: missing "en" text`,
      `${dir}/half-translated/challenge.yaml:16:27 tasks[0].answer.options[1].label: missing "ja" text`,
      `${dir}/half-translated/challenge.yaml:19:15 tasks[0].clues[0].text: missing "ja" text`,
    ]);
    expect(await lines(dir)).toEqual([]);
  });

  it('counts a plain string as English only when languages are required', async () => {
    const dir = 'tests/fixtures/challenges/plain';
    const found = await lines(dir, ['en', 'ja']);
    expect(found).toHaveLength(6);
    expect(found[0]).toBe(`${dir}/plain-text/challenge.yaml:2:8 title: missing "ja" text (a plain string counts as "en")`);
  });

  it('reports an empty tree and a missing directory', async () => {
    const dir = await tempDir();
    expect(await lines(dir)).toEqual([`${dir}:1:1 no challenges found: expected ${dir}/<id>/challenge.yaml`]);
    expect(await lines(path.join(dir, 'nope'))).toEqual([`${dir}/nope:1:1 no such directory`]);
  });

  it('lints a single challenge folder given directly', async () => {
    const { challenges, problems } = await loadChallengeTree(`${VALID}/kinesis-pick/`);
    expect(problems).toEqual([]);
    expect(challenges.map((c) => c.file)).toEqual([`${VALID}/kinesis-pick/challenge.yml`]);
  });

  it('reports an empty file, two challenge files in one folder, and a briefing given twice', async () => {
    const dir = await tempDir();
    await cp(`${VALID}/kinesis-pick`, path.join(dir, 'kinesis-pick'), { recursive: true });
    await writeFile(path.join(dir, 'kinesis-pick', 'challenge.yaml'), await readFile(`${VALID}/kinesis-pick/challenge.yml`));
    await writeFile(path.join(dir, 'kinesis-pick', 'briefing.en.md'), 'Also here.\n');
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'empty', 'challenge.yaml'), '# nothing yet\n');
    expect(await lines(dir)).toEqual([
      `${dir}/empty/challenge.yaml:1:1 the file is empty; expected the challenge fields (id, title, tasks, ...)`,
      `${dir}/kinesis-pick/challenge.yaml:7:1 briefing: given both here and as briefing.<lang>.md files; keep one`,
      `${dir}/kinesis-pick/challenge.yml:1:1 both challenge.yaml and challenge.yml exist; keep one`,
    ]);
  });

  it('points a missing answer type at the answer map and lists the types', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'no-type'));
    await writeFile(
      path.join(dir, 'no-type', 'challenge.yaml'),
      'id: no-type\ntitle: T\ncategory: C\ndifficulty: easy\nsource: S\nsummary: S\ntasks:\n  - id: t\n    title: T\n    prompt: P\n    points: 5\n    answer:\n      accept: [x]\n',
    );
    expect(await lines(dir)).toEqual([
      `${dir}/no-type/challenge.yaml:13:7 tasks[0].answer: missing required field "type" (one of text, regex, number, choice, order, match, lab, check, any)`,
    ]);
  });

  it('names a lab the server does not have, and a check its lab does not offer', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'labs'));
    const task = (id: string, answer: string) => `  - id: ${id}\n    title: T\n    prompt: P\n    points: 5\n    answer: ${answer}\n`;
    await writeFile(
      path.join(dir, 'labs', 'challenge.yaml'),
      `id: labs\ntitle: T\ncategory: C\ndifficulty: easy\nsource: S\nsummary: S\ntasks:\n${task('a', '{ type: lab, lab: kinesis }')}${task('b', '{ type: check, lab: kinesis-hot-shard, check: fixed }')}`,
    );
    expect(await lines(dir)).toEqual([
      `${dir}/labs/challenge.yaml:12:31 tasks[0].answer.lab: no lab named "kinesis" (${LABS.map((l) => l.name).join(', ')})`,
      `${dir}/labs/challenge.yaml:17:59 tasks[1].answer.check: lab "kinesis-hot-shard" has no check "fixed" (hot-shard-fixed)`,
    ]);
  });
});

describe('contentHash', () => {
  const firstHash = async (dir: string) => (await loadChallengeTree(dir)).challenges[0]!.contentHash;

  it('is the same on every load and ignores key order and comments', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'kinesis-pick'));
    const original = await readFile(`${VALID}/kinesis-pick/challenge.yml`, 'utf8');
    const reordered = original.replace('category: Analytics\ndifficulty: easy\n', '# reordered\ndifficulty: easy\ncategory: Analytics\n');
    expect(reordered).not.toBe(original);
    await writeFile(path.join(dir, 'kinesis-pick', 'challenge.yml'), reordered);
    const hash = await firstHash(`${VALID}/kinesis-pick`);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await firstHash(`${VALID}/kinesis-pick`)).toBe(hash);
    expect(await firstHash(dir)).toBe(hash);
  });

  it('changes when the content changes', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'kinesis-pick'));
    const original = await readFile(`${VALID}/kinesis-pick/challenge.yml`, 'utf8');
    await writeFile(path.join(dir, 'kinesis-pick', 'challenge.yml'), original.replace('points: 100', 'points: 110'));
    expect(await firstHash(dir)).not.toBe(await firstHash(`${VALID}/kinesis-pick`));
  });
});
