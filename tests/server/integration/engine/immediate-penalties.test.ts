import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { boardOf, teamOf } from './engine-support.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';
const STORES = '/api/challenges/alpha/tasks/pick-stores';
const MINUTE = 60_000;

/** CTFd's rule as an event setting: a clue costs when it is unlocked, and a solve gives back what its clues took. */
describeBackends('penalties counted at once (penaltyMode: immediate)', (backend) => {
  let t: TestApp;
  let admin: Client;
  let aki: Client;
  let ben: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { penaltyMode: 'immediate' })).status).toBe(200);
    aki = (await teamOf(t, 'Kumo', 1)).members[0]!;
    ben = (await teamOf(t, 'Sora', 1)).members[0]!;
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes a clue off the score at once and nets the award when the task is solved', async () => {
    expect((await aki.post(`${STATUS}/clues/1`)).status).toBe(200);
    expect((await aki.post(`${STATUS}/clues/1`)).status).toBe(200);
    await expect.poll(async () => (await boardOf(admin)).teams.find((x) => x.name === 'Kumo')?.score).toBe(-20);
    t.clock.advance(MINUTE);
    expect((await aki.post(`${STATUS}/attempts`, { answer: '307' })).body).toEqual({ correct: true, awarded: 80, alreadySolved: false });
    // A clue opened after the solve costs nothing.
    expect((await aki.post(`${STATUS}/clues/2`)).status).toBe(200);
    await expect.poll(async () => (await boardOf(admin)).teams.find((x) => x.name === 'Kumo')?.score).toBe(80);
    expect((await t.ctx.db.selectFrom('team').select('score').where('name', '=', 'Kumo').executeTakeFirstOrThrow()).score).toBe(80);
  });

  it('shows players the penalty of a clue unlocked before the freeze, not a solve after it', async () => {
    t.clock.advance(MINUTE);
    expect((await ben.post(`${STORES}/clues/1`)).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await ben.post(`${STORES}/attempts`, { answer: ['ddb', 's3'] })).body).toMatchObject({ correct: true, awarded: 150 });
    expect((await ben.post(`${STATUS}/clues/1`)).status).toBe(200);
    await expect
      .poll(() => boardOf(admin))
      .toEqual({
        frozen: false,
        teams: [
          { rank: 1, name: 'Sora', score: 130, solvedTasks: 1 },
          { rank: 2, name: 'Kumo', score: 80, solvedTasks: 1 },
        ],
      });
    expect(await boardOf(new Client(t.app))).toEqual({
      frozen: true,
      teams: [
        { rank: 1, name: 'Kumo', score: 80, solvedTasks: 1 },
        { rank: 2, name: 'Sora', score: -50, solvedTasks: 0 },
      ],
    });
  });

  it('keeps the score equal to the award when a clue races the solve', async () => {
    expect((await admin.post('/api/admin/event/unfreeze')).status).toBe(200);
    for (let round = 0; round < 5; round++) {
      const { team, members } = await teamOf(t, `Race ${round}`, 2);
      await Promise.all([
        members[0]!.post(`${STATUS}/clues/1`),
        members[1]!.post(`${STATUS}/attempts`, { answer: '307' }),
        members[0]!.post(`${STATUS}/clues/2`),
      ]);
      const solve = await t.ctx.db.selectFrom('solve').select('awarded').where('team_id', '=', team.id).executeTakeFirstOrThrow();
      const row = await t.ctx.db.selectFrom('team').select('score').where('id', '=', team.id).executeTakeFirstOrThrow();
      expect(row.score).toBe(solve.awarded);
    }
  });
});
