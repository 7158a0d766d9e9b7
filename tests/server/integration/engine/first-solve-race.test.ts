import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { passedIn, type SharedDatabase, sharedDatabase } from '../../../support/shared-postgres.ts';

const skipReason = inject('pgSkipReason');
const TASK = '/api/challenges/alpha/tasks/status-code/attempts';

/**
 * Teams solve a task nobody has solved, in several transactions at once (the attempt writer
 * keeps four in flight). The team whose solve has the earliest time must be the one with the
 * first solve: a task's first solve is never later than another team's solve of it. Before
 * the claim was locked ahead of the clock, a round in a few failed this.
 */
describe.skipIf(Boolean(skipReason))(`a task's first solve under a race${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: SharedDatabase;
  let t: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    t = await createTestApp(passedIn, { database: shared.first });
    await startEvent(t);
    expect((await (await adminClient(t)).patch('/api/admin/event', { attemptsPerMinute: 1000 })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await shared?.drop();
  });

  it('goes to the team with the earliest solve time, round after round of teams solving at once', async () => {
    const teams = [];
    for (let i = 0; i < 8; i++) teams.push(await playerWithTeam(t, `Racer ${i}`, `Race ${i}`));
    const db = t.ctx.db;
    for (let round = 0; round < 12; round++) {
      // A fresh race for the task's first solve: nobody has solved it.
      await db.deleteFrom('first_solve').where('challenge_id', '=', 'alpha').where('task_id', '=', 'status-code').execute();
      await db.deleteFrom('solve').where('challenge_id', '=', 'alpha').where('task_id', '=', 'status-code').execute();
      const answers = await Promise.all(teams.map(({ client }) => client.post(TASK, { answer: '307' })));
      for (const res of answers) expect(res.body).toMatchObject({ correct: true, alreadySolved: false });

      const solves = await db
        .selectFrom('solve')
        .select(['team_id', 'solved_at'])
        .where('challenge_id', '=', 'alpha')
        .where('task_id', '=', 'status-code')
        .execute();
      expect(solves).toHaveLength(teams.length);
      const first = await db
        .selectFrom('first_solve')
        .selectAll()
        .where('challenge_id', '=', 'alpha')
        .where('task_id', '=', 'status-code')
        .executeTakeFirstOrThrow();
      const earliest = Math.min(...solves.map((s) => s.solved_at.getTime()));
      expect(first.solved_at.getTime(), `round ${round}`).toBe(earliest);
      expect(solves.find((s) => s.team_id === first.team_id)?.solved_at.getTime(), `round ${round}`).toBe(earliest);
    }
  });
});
