import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, GAME_FIXTURES, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';

describeBackends('reloading the challenge set', (backend) => {
  let t: TestApp;
  let dir: string;
  let admin: Client;
  let player: Client;
  let teamId: number;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-reload-'));
    fs.cpSync(GAME_FIXTURES, dir, { recursive: true });
    t = await createTestApp(backend, { challengesDir: dir });
    admin = await adminClient(t);
    const p = await playerWithTeam(t, 'Aki', 'Kumo');
    player = p.client;
    teamId = p.team.id;
    await startEvent(t);
    const solve = await player.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(solve.body).toMatchObject({ correct: true, awarded: 100 });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ids = async () => (await player.get('/api/challenges')).body.challenges.map((c: { id: string }) => c.id);
  const score = async () => {
    const board = await admin.get('/api/scoreboard');
    return board.body.teams.find((team: { id: number }) => team.id === teamId)?.score;
  };

  it('keeps the set in play and reports every problem when a file is broken', async () => {
    const file = path.join(dir, 'beta', 'challenge.yaml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('points: 150', 'points: -5').replace('difficulty: medium', 'difficulty: impossible'));
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.status).toBe(422);
    expect(res.body.ok).toBe(false);
    const texts: string[] = res.body.problems.map((p: { text: string }) => p.text);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) expect(text).toMatch(/beta[\\/]challenge\.yaml:\d+:\d+ /);
    expect(await ids()).toEqual(['alpha', 'beta']);
    const detail = await player.get('/api/challenges/beta');
    expect(detail.body.tasks[0].points).toBe(150);
    fs.writeFileSync(file, good);
  });

  it('does not rewrite an award when the task points change', async () => {
    const file = path.join(dir, 'alpha', 'challenge.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('points: 100', 'points: 500'));
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.body).toMatchObject({ ok: true, updated: ['alpha'] });
    const detail = await player.get('/api/challenges/alpha');
    expect(detail.body.tasks[0]).toMatchObject({ points: 500, solved: true, awarded: 100 });
    await expect.poll(score).toBe(100);
  });

  it('hides a challenge removed from the files and keeps the score it earned', async () => {
    fs.rmSync(path.join(dir, 'alpha'), { recursive: true });
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.body).toMatchObject({ ok: true, hidden: ['alpha'] });
    expect(await ids()).toEqual(['beta']);
    expect((await player.get('/api/challenges/alpha')).status).toBe(404);
    await expect.poll(score).toBe(100);
    const row = await t.ctx.db.selectFrom('solve').select('awarded').where('team_id', '=', teamId).executeTakeFirstOrThrow();
    expect(row.awarded).toBe(100);
  });

  it('brings a hidden challenge back with its solves when its folder returns', async () => {
    fs.cpSync(path.join(GAME_FIXTURES, 'alpha'), path.join(dir, 'alpha'), { recursive: true });
    const res = await admin.post('/api/admin/challenges/reload');
    expect(res.body.ok).toBe(true);
    expect(await ids()).toEqual(['alpha', 'beta']);
    const detail = await player.get('/api/challenges/alpha');
    expect(detail.body.tasks[0]).toMatchObject({ solved: true, awarded: 100 });
  });
});
