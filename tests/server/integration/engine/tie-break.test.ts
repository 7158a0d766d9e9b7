import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { boardOf } from './engine-support.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const GAMMA = '/api/challenges/gamma/tasks';
const MINUTE = 60_000;

/**
 * "Ties break on the earlier time the team reached its score": a solve that awards nothing
 * (its clues cost all of its points) does not change the score, so it must not change
 * when the score was reached either.
 */
describeBackends('the tie-break after a solve that awards 0 points', (backend) => {
  let t: TestApp;
  let admin: Client;
  let early: Client;
  let late: Client;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: FIXTURES });
    admin = await adminClient(t);
    early = (await playerWithTeam(t, 'Eri', 'Early')).client;
    late = (await playerWithTeam(t, 'Leo', 'Late')).client;
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the team that reached the tied score first ahead on the live board and in the export', async () => {
    expect((await early.post(`${GAMMA}/plain/attempts`, { answer: 'plain' })).body).toMatchObject({ correct: true, awarded: 100 });
    t.clock.advance(MINUTE);
    expect((await late.post(`${GAMMA}/plain/attempts`, { answer: 'plain' })).body).toMatchObject({ correct: true, awarded: 100 });
    t.clock.advance(MINUTE);
    expect((await early.post(`${GAMMA}/costly/clues/1`)).status).toBe(200);
    expect((await early.post(`${GAMMA}/costly/clues/2`)).status).toBe(200);
    expect((await early.post(`${GAMMA}/costly/attempts`, { answer: 'costly' })).body).toEqual({ correct: true, awarded: 0, alreadySolved: false });

    const expected = {
      frozen: false,
      teams: [
        { rank: 1, name: 'Early', score: 100, solvedTasks: 2 },
        { rank: 2, name: 'Late', score: 100, solvedTasks: 1 },
      ],
    };
    await expect.poll(() => boardOf(admin)).toEqual(expected);
    expect(await boardOf(late)).toEqual(expected);
    const exported = (await admin.get('/api/admin/export?format=json')).body.teams.map((team: { rank: number; name: string }) => [team.rank, team.name]);
    expect(exported).toEqual([
      [1, 'Early'],
      [2, 'Late'],
    ]);
  });

  it('keeps that order on the frozen board', async () => {
    t.clock.advance(MINUTE);
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await late.post(`${GAMMA}/second/attempts`, { answer: 'second' })).body).toMatchObject({ correct: true, awarded: 100 });
    await expect
      .poll(() => boardOf(new Client(t.app)))
      .toEqual({
        frozen: true,
        teams: [
          { rank: 1, name: 'Early', score: 100, solvedTasks: 2 },
          { rank: 2, name: 'Late', score: 100, solvedTasks: 1 },
        ],
      });
    await expect.poll(async () => (await boardOf(admin)).teams[0]).toMatchObject({ name: 'Late', score: 200 });
  });
});
