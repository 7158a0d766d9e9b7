import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { boardOf, teamOf } from '../engine/engine-support.ts';
import { ENFORCED_FIXTURES, MINUTE, taskOf } from './fair-play-support.ts';

const PICK = '/api/challenges/guessing/tasks/pick';
const COUNT = '/api/challenges/guessing/tasks/count';

const scoreOf = async (viewer: Client, name: string) => (await boardOf(viewer)).teams.find((x) => x.name === name)?.score;

/**
 * CTFd's penalty mode with wrong-attempt penalties: each wrong attempt costs at once, never
 * more than the task is worth together with its clues, and a solve gives back what was taken
 * and adds its award, as it does for clues. The frozen board counts what was taken before
 * the freeze.
 */
describeBackends('wrong-attempt penalties counted at once (penaltyMode: immediate)', (backend) => {
  let t: TestApp;
  let admin: Client;
  let aki: Client;
  let ben: Client;
  let kumoId: number;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES });
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { penaltyMode: 'immediate', attemptsPerMinute: 100 })).status).toBe(200);
    const kumo = await teamOf(t, 'Kumo', 1);
    [aki] = kumo.members as [Client];
    kumoId = kumo.team.id;
    [ben] = (await teamOf(t, 'Sora', 1)).members as [Client];
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes a wrong attempt off the score at once, and a solve nets the award of points − clues − wrong attempts', async () => {
    expect((await aki.post(`${COUNT}/attempts`, { answer: 4 })).body).toMatchObject({ correct: false });
    await expect.poll(() => scoreOf(admin, 'Kumo')).toBe(-10);
    expect((await aki.post(`${COUNT}/clues/1`)).status).toBe(200);
    expect((await aki.post(`${COUNT}/attempts`, { answer: 5 })).body).toMatchObject({ correct: false });
    await expect.poll(() => scoreOf(admin, 'Kumo')).toBe(-40);
    expect(await taskOf(aki, 'count')).toMatchObject({ penalty: 20, wrong: { count: 2, penalty: 20 }, available: 60 });
    t.clock.advance(MINUTE);
    expect((await aki.post(`${COUNT}/attempts`, { answer: 3 })).body).toEqual({ correct: true, awarded: 60, alreadySolved: false });
    await expect.poll(() => scoreOf(admin, 'Kumo')).toBe(60);
    // After the solve a wrong answer costs nothing.
    expect((await aki.post(`${COUNT}/attempts`, { answer: 7 })).body).toMatchObject({ correct: false, alreadySolved: true });
    expect((await t.ctx.db.selectFrom('team').select('score').where('id', '=', kumoId).executeTakeFirstOrThrow()).score).toBe(60);
  });

  it('never takes more than a task is worth, clues and wrong attempts together, and a solve still leaves its award', async () => {
    for (const answer of [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]) expect((await ben.post(`${COUNT}/attempts`, { answer })).body.correct).toBe(false);
    await expect.poll(() => scoreOf(admin, 'Sora')).toBe(-100);
    // The task has nothing left to lose: the clue costs nothing more.
    expect((await ben.post(`${COUNT}/clues/1`)).status).toBe(200);
    expect((await ben.post(`${PICK}/attempts`, { answer: ['queue'] })).body).toMatchObject({ correct: false, attemptsLeft: 1 });
    await expect.poll(() => scoreOf(admin, 'Sora')).toBe(-125);
    expect((await ben.post(`${COUNT}/attempts`, { answer: 3 })).body).toEqual({ correct: true, awarded: 0, alreadySolved: false });
    await expect.poll(() => scoreOf(admin, 'Sora')).toBe(-25);
    const teams = (await admin.get('/api/admin/teams')).body.teams as { name: string; score: number; clues: unknown; wrong: unknown }[];
    // Sora: count solved for 0 (its clue took 20 of it first, wrong attempts the other 80), pick's wrong attempt 25 at once.
    expect(teams.find((x) => x.name === 'Sora')).toMatchObject({ score: -25, clues: { used: 1, penalty: 20 }, wrong: { attempts: 12, penalty: 80 + 25 } });
  });

  it('shows on the frozen board what wrong attempts took before the freeze, not a solve after it', async () => {
    t.clock.advance(MINUTE);
    expect((await aki.post(`${PICK}/attempts`, { answer: ['topic'] })).body).toMatchObject({ correct: false });
    await expect.poll(() => scoreOf(admin, 'Kumo')).toBe(35);
    t.clock.advance(MINUTE);
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await aki.post(`${PICK}/attempts`, { answer: ['streams'] })).body).toEqual({ correct: true, awarded: 75, alreadySolved: false, attemptsLeft: 1 });
    expect((await ben.post(`${PICK}/attempts`, { answer: ['bucket'] })).body).toMatchObject({ correct: false, attemptsLeft: 0 });
    await expect.poll(() => scoreOf(admin, 'Kumo')).toBe(135);
    await expect.poll(() => scoreOf(admin, 'Sora')).toBe(-50);
    const frozen = await boardOf(new Client(t.app));
    expect(frozen.frozen).toBe(true);
    expect(frozen.teams).toEqual([
      { rank: 1, name: 'Kumo', score: 35, solvedTasks: 1 },
      { rank: 2, name: 'Sora', score: -25, solvedTasks: 1 },
    ]);
    const exported = (await admin.get('/api/admin/export?format=json')).body.teams as Record<string, unknown>[];
    expect(exported.find((x) => x.name === 'Kumo')).toMatchObject({ score: 135, penaltyTotal: 20, wrongAttempts: 4, wrongPenaltyTotal: 45 });
  });
});
