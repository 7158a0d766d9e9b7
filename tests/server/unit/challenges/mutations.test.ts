import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { challengeFileSchema } from '../../../../server/features/challenges/challenge.schema.ts';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';
import { droppableFields, scalarLeaves, wrongValues, type KeyPath } from './mutations.support.ts';

// Between them these use every answer type the bundled set has (text, regex, number, choice, order, match).
const FOLDERS = ['aurora-limitless-routers', 'capability-oriented-architecture', 'lambda-tuning', 'warm-up'];
const OPTIONS = { requireLanguages: ['en', 'ja'] as const };

let dir: string;
const originals = new Map<string, string>();
const fileOf = (folder: string) => path.join(dir, folder, 'challenge.yaml');

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jam-mutations-'));
  for (const folder of FOLDERS) {
    await cp(path.join(BUNDLED_CHALLENGES, folder), path.join(dir, folder), { recursive: true });
    originals.set(folder, await readFile(fileOf(folder), 'utf8'));
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Writes `text` over one folder's file, loads the tree and checks what holds for any
 * mutation; `mustFail` says whether the mutated file has to be reported. The file is put
 * back afterwards so that every run starts from the bundled tree.
 */
async function checkMutation(folder: string, text: string, mustFail: boolean): Promise<void> {
  const file = fileOf(folder);
  await writeFile(file, text);
  try {
    const { challenges, problems } = await loadChallengeTree(dir, OPTIONS);
    for (const problem of problems) {
      expect(problem.file.startsWith(path.join(dir, folder) + path.sep), problem.file).toBe(true);
      const lines = (problem.file === file ? text : await readFile(problem.file, 'utf8')).split('\n');
      expect(problem.line, problem.message).toBeGreaterThanOrEqual(1);
      expect(problem.line, problem.message).toBeLessThanOrEqual(lines.length + 1);
      expect(problem.column, problem.message).toBeGreaterThanOrEqual(1);
      expect(problem.column, problem.message).toBeLessThanOrEqual((lines[problem.line - 1] ?? '').length + 1);
      expect(problem.message.trim()).not.toBe('');
    }
    const reported = problems.some((problem) => problem.file === file);
    if (mustFail) expect(reported, `no problem reported for\n${text}`).toBe(true);
    const untouched = FOLDERS.filter((other) => other !== folder);
    const loaded = challenges.map((challenge) => challenge.definition.id);
    expect(loaded).toEqual(reported ? untouched : FOLDERS);
  } finally {
    await writeFile(file, originals.get(folder)!);
  }
}

/** A folder and one of the key paths `pick` lists in its parsed file. */
const folderAndPath = (pick: (value: unknown) => KeyPath[]) =>
  fc.constantFrom(...FOLDERS).chain((folder) => {
    const paths = pick(parseDocument(originals.get(folder)!).toJS());
    return fc.record({ folder: fc.constant(folder), at: fc.constantFrom(...paths) });
  });

/** Whether a text that is still YAML is invalid as a challenge file; `true` for broken YAML. */
function invalidByItself(text: string): boolean {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length + doc.warnings.length > 0) return true;
  const value: unknown = doc.toJS();
  return value === null || value === undefined || !challengeFileSchema.safeParse(value).success;
}

const lineArbitrary = (text: string) => fc.integer({ min: 0, max: text.split('\n').length - 1 });

/** Text damage at one line or offset: stray colons, unbalanced brackets, bad indentation, tabs, truncation. */
const breakage = (text: string): fc.Arbitrary<string> => {
  const lines = text.split('\n');
  const atLine = (edit: (line: string, column: number) => string) =>
    fc.tuple(lineArbitrary(text), fc.nat()).map(([index, seed]) => {
      const copy = [...lines];
      const line = copy[index]!;
      copy[index] = edit(line, seed % (line.length + 1));
      return copy.join('\n');
    });
  const insert = (fragment: string) => atLine((line, column) => line.slice(0, column) + fragment + line.slice(column));
  return fc.oneof(
    fc.constantFrom(': ', ':', ' : x').chain(insert),
    fc.constantFrom('[', ']', '{', '}', '{ a: [').chain(insert),
    fc.integer({ min: 1, max: 3 }).chain((n) => atLine((line) => ' '.repeat(n) + line)),
    atLine((line) => line.replace(/^ {1,3}/, '')),
    atLine((line) => `\t${line}`),
    fc.integer({ min: 0, max: text.length }).map((offset) => text.slice(0, offset)),
  );
};

describe('loading mutated bundled challenge files', () => {
  it('loads the copied bundled folders cleanly before any mutation', async () => {
    const { challenges, problems } = await loadChallengeTree(dir, OPTIONS);
    expect(problems).toEqual([]);
    expect(challenges.map((challenge) => challenge.definition.id)).toEqual(FOLDERS);
  });

  it('places a syntax error after a block scalar skipped in error recovery on its own line', async () => {
    const text = originals.get('warm-up')!.replace('\ntitle:', '\n}title:');
    const file = fileOf('warm-up');
    await writeFile(file, text);
    try {
      const { problems } = await loadChallengeTree(dir, OPTIONS);
      const tasksLine = text.split('\n').indexOf('tasks:') + 1;
      const atTasks = problems.find((problem) => problem.message.includes('"tasks"'));
      expect(atTasks).toMatchObject({ file, line: tasksLine, column: 1 });
    } finally {
      await writeFile(file, originals.get('warm-up')!);
    }
  });

  it('reports a dropped required field with a position and keeps the other challenges', async () => {
    await fc.assert(
      fc.asyncProperty(folderAndPath(droppableFields), async ({ folder, at }) => {
        const doc = parseDocument(originals.get(folder)!);
        expect(doc.deleteIn(at)).toBe(true);
        await checkMutation(folder, doc.toString(), true);
      }),
      { numRuns: 60 },
    );
  });

  it('reports a value of the wrong type with a position and keeps the other challenges', async () => {
    const mutation = folderAndPath(scalarLeaves).chain(({ folder, at }) => {
      const original: unknown = parseDocument(originals.get(folder)!).getIn(at);
      return fc.record({ folder: fc.constant(folder), at: fc.constant(at), value: fc.constantFrom(...wrongValues(at, original)) });
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ folder, at, value }) => {
        const doc = parseDocument(originals.get(folder)!);
        doc.setIn(at, doc.createNode(value));
        await checkMutation(folder, doc.toString(), true);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on broken YAML text and reports every file that no longer parses or validates', async () => {
    const mutation = fc.constantFrom(...FOLDERS).chain((folder) => fc.record({ folder: fc.constant(folder), text: breakage(originals.get(folder)!) }));
    await fc.assert(
      fc.asyncProperty(mutation, async ({ folder, text }) => {
        await checkMutation(folder, text, invalidByItself(text));
      }),
      { numRuns: 80 },
    );
  });
});
