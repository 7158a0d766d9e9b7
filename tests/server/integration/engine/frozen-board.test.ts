import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, Client, createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { passedIn, type SharedDatabase, sharedDatabase } from '../../../support/shared-postgres.ts';

const skipReason = inject('pgSkipReason');

interface PublicBoard {
  frozen: boolean;
  teams: { id: number; score: number }[];
}

/**
 * The frozen board is a function of the committed solves made before the freeze: a solve
 * whose transaction started before the freeze but committed after the frozen board was
 * first built must still reach it (its `solve` event reaches the screens too).
 */
describe.skipIf(Boolean(skipReason))(`the frozen board and a solve that commits late${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: SharedDatabase;
  let t: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    t = await createTestApp(passedIn, { database: shared.first });
    await startEvent(t);
  });
  afterAll(async () => {
    await t?.close();
    await shared?.drop();
  });

  it('shows a solve made before the freeze that committed after it, on this instance and on a fresh one', async () => {
    const { team: other } = await playerWithTeam(t, 'Olga', 'Other');
    const { client: player, team } = await playerWithTeam(t, 'Lena', 'Late Commit');
    const admin = await adminClient(t);
    const screen = new Client(t.app);

    // Another session holds the task's first-solve key in an open transaction, so the
    // solve's transaction waits at its last step, with its time already taken.
    const blocker = new pg.Client({ connectionString: shared.first.url });
    await blocker.connect();
    await blocker.query('begin');
    await blocker.query(`insert into first_solve (challenge_id, task_id, team_id, solved_at) values ('alpha', 'status-code', $1, now())`, [other.id]);
    const solving = player.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    await expect.poll(async () => (await screen.get<PublicBoard>('/api/scoreboard')).body.frozen).toBe(true);
    // The frozen board has been built (and served) without the pending solve.
    expect((await screen.get<PublicBoard>('/api/scoreboard')).body.teams.find((x) => x.id === team.id)?.score).toBe(0);

    await blocker.query('rollback');
    await blocker.end();
    expect((await solving).body).toMatchObject({ correct: true, awarded: 100, alreadySolved: false });

    await expect
      .poll(async () => (await screen.get<PublicBoard>('/api/scoreboard')).body.teams.find((x) => x.id === team.id)?.score, { timeout: 5000 })
      .toBe(100);
    const fresh = await createTestApp(passedIn, { database: await shared.open() });
    try {
      const board = (await new Client(fresh.app).get<PublicBoard>('/api/scoreboard')).body;
      expect(board.frozen).toBe(true);
      expect(board.teams.find((x) => x.id === team.id)?.score).toBe(100);
    } finally {
      await fresh.close();
    }
  });
});
