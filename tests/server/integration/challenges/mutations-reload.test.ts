import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, GAME_FIXTURES, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';

type Edit = (text: string) => string;

/** Edits through yaml's Document API, so only the named node changes. */
const dropField =
  (at: (string | number)[]): Edit =>
  (text) => {
    const doc = parseDocument(text);
    doc.deleteIn(at);
    return doc.toString();
  };
const setValue =
  (at: (string | number)[], value: unknown): Edit =>
  (text) => {
    const doc = parseDocument(text);
    doc.setIn(at, doc.createNode(value));
    return doc.toString();
  };
const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((line) => line.includes(fragment)) + 1;

/**
 * Deterministic damage to one fixture file, and the line the first problem must point at
 * (found in the mutated text, so the expectation does not depend on how yaml reprints it).
 */
const MUTATIONS: { name: string; folder: 'alpha' | 'beta'; edit: Edit; line: (mutated: string) => number }[] = [
  {
    name: 'a dropped task points field',
    folder: 'alpha',
    edit: dropField(['tasks', 0, 'points']),
    // A missing field is reported at the map that should hold it.
    line: (mutated) => lineOf(mutated, 'id: status-code'),
  },
  {
    name: 'a dropped clue penalty',
    folder: 'beta',
    edit: dropField(['tasks', 1, 'clues', 0, 'penalty']),
    line: (mutated) => lineOf(mutated, 'Single digit.'),
  },
  {
    name: 'points given as text',
    folder: 'beta',
    edit: setValue(['tasks', 0, 'points'], 'many'),
    line: (mutated) => lineOf(mutated, 'points: many'),
  },
  {
    name: 'a title given as a list',
    folder: 'alpha',
    edit: setValue(['title'], ['Alpha', 'アルファ']),
    line: (mutated) => lineOf(mutated, 'title:') + 1,
  },
  {
    name: 'an unbalanced bracket',
    folder: 'beta',
    edit: (text) => text.replace('    points: 120', '    points: [120'),
    // The open list swallows the next line, where it is found not to end.
    line: (mutated) => lineOf(mutated, 'points: [120') + 1,
  },
  {
    name: 'a tab used for indentation',
    folder: 'alpha',
    edit: (text) => text.replace('\n    points: 200', '\n\tpoints: 200'),
    line: (mutated) => lineOf(mutated, '\tpoints: 200'),
  },
  {
    name: 'a file cut off in the middle',
    folder: 'beta',
    edit: (text) => text.slice(0, text.indexOf('answer: { type: number') + 'answer: { type: num'.length),
    line: (mutated) => lineOf(mutated, 'answer: { type: num'),
  },
];

describeBackends('reloading a damaged challenge tree', (backend) => {
  let t: TestApp;
  let dir: string;
  let admin: Client;
  let player: Client;
  const originals = new Map<string, string>();
  const fileOf = (folder: string) => path.join(dir, folder, 'challenge.yaml');

  /** What a player sees: every challenge in play with its tasks' points. */
  const inPlay = async () => {
    const list = await player.get('/api/challenges');
    expect(list.status).toBe(200);
    const ids: string[] = list.body.challenges.map((c: { id: string }) => c.id);
    const tasks = await Promise.all(
      ids.map(async (id) => {
        const detail = await player.get(`/api/challenges/${id}`);
        return [id, detail.body.tasks.map((task: { id: string; points: number }) => [task.id, task.points])];
      }),
    );
    return { list: list.body.challenges, tasks: Object.fromEntries(tasks) };
  };
  let before: Awaited<ReturnType<typeof inPlay>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-mutations-reload-'));
    fs.cpSync(GAME_FIXTURES, dir, { recursive: true });
    for (const folder of ['alpha', 'beta']) originals.set(folder, fs.readFileSync(fileOf(folder), 'utf8'));
    t = await createTestApp(backend, { challengesDir: dir });
    admin = await adminClient(t);
    player = (await playerWithTeam(t, 'Aki', 'Kumo')).client;
    await startEvent(t);
    before = await inPlay();
    expect(Object.keys(before.tasks)).toEqual(['alpha', 'beta']);
  });
  afterEach(() => {
    for (const [folder, text] of originals) fs.writeFileSync(fileOf(folder), text);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(MUTATIONS)('answers 422 with positioned problems for $name and keeps the set in play', async ({ folder, edit, line }) => {
    const mutated = edit(originals.get(folder)!);
    expect(mutated).not.toBe(originals.get(folder));
    fs.writeFileSync(fileOf(folder), mutated);

    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ ok: false, added: [], updated: [], hidden: [] });
    const problems: { file: string; line: number; column: number; text: string }[] = res.body.problems;
    expect(problems.length).toBeGreaterThanOrEqual(1);
    const lineCount = mutated.split('\n').length;
    for (const problem of problems) {
      expect(problem.file).toBe(fileOf(folder));
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lineCount + 1);
      expect(problem.column).toBeGreaterThanOrEqual(1);
      expect(problem.text.startsWith(`${problem.file}:${problem.line}:${problem.column} `), problem.text).toBe(true);
    }
    expect(problems[0]!.line).toBe(line(mutated));
    expect(await inPlay()).toEqual(before);
  });

  it('does not take a valid change from a tree that has a problem elsewhere', async () => {
    fs.writeFileSync(fileOf('alpha'), originals.get('alpha')!.replace('points: 100', 'points: 500'));
    fs.writeFileSync(fileOf('beta'), dropField(['tasks', 0, 'answer', 'type'])(originals.get('beta')!));
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.status).toBe(422);
    expect(res.body.problems.every((p: { file: string }) => p.file === fileOf('beta'))).toBe(true);
    expect(await inPlay()).toEqual(before);
  });

  it('finds the stored set unchanged once the files are repaired', async () => {
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, added: [], updated: [], hidden: [], unchanged: ['alpha', 'beta'] });
    expect(await inPlay()).toEqual(before);
  });
});
