import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { PenaltyMode } from '../../../../server/features/play/scoring.ts';
import { adminClient, type Client, createTestApp, type JsonResponse, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { passedIn, sharedDatabase } from '../../../support/shared-postgres.ts';
import { ENFORCED_FIXTURES } from '../challenges/fair-play-support.ts';
import { teamOf } from './engine-support.ts';

const CAPPED = '/api/challenges/guessing/tasks/capped/attempts';
const PICK = '/api/challenges/guessing/tasks/pick/attempts';
const CAP = 3;

async function startedApp(t: TestApp, penaltyMode: PenaltyMode): Promise<void> {
  const admin = await adminClient(t);
  expect((await admin.patch('/api/admin/event', { attemptsPerMinute: 1000, penaltyMode })).status).toBe(200);
  expect((await admin.post('/api/admin/event/start')).status).toBe(200);
}

/** Exactly CAP of the wrong attempts went through, the rest were refused, and the rows say so. */
async function expectCapHeld(t: TestApp, teamId: number, responses: JsonResponse[]): Promise<void> {
  const passed = responses.filter((r) => r.status === 200);
  expect(passed).toHaveLength(CAP);
  expect(passed.map((r) => r.body.attemptsLeft).sort()).toEqual([0, 1, 2]);
  for (const r of responses.filter((x) => x.status !== 200)) expect([r.status, r.body.error.code]).toEqual([409, 'attempts_exhausted']);
  const rows = await t.ctx.db.selectFrom('attempt').select('id').where('team_id', '=', teamId).where('task_id', '=', 'capped').execute();
  expect(rows).toHaveLength(CAP);
  const events = await t.ctx.db.selectFrom('event_log').select('id').where('type', '=', 'wrong').where('team_id', '=', teamId).execute();
  expect(events).toHaveLength(CAP);
}

/**
 * The award and the score when a wrong attempt races the right one: the team lock orders
 * them, so either the wrong attempt came first (priced, and taken off the award) or after
 * the solve (logged at no cost), never half of each. In both penalty modes the score ends
 * equal to the award.
 */
async function expectRaceConsistent(t: TestApp, teamId: number): Promise<void> {
  const solve = await t.ctx.db.selectFrom('solve').selectAll().where('team_id', '=', teamId).where('task_id', '=', 'pick').executeTakeFirstOrThrow();
  const wrong = await t.ctx.db
    .selectFrom('attempt')
    .select(['id', 'penalty'])
    .where('team_id', '=', teamId)
    .where('task_id', '=', 'pick')
    .where('correct', '=', false)
    .executeTakeFirstOrThrow();
  // Attempt ids of a task with rules are drawn under the team lock, so they give the order.
  const first = Number(wrong.id) < Number(solve.attempt_id) ? 'wrong first' : 'solve first';
  expect(wrong.penalty).toBe(first === 'wrong first' ? 25 : 0);
  expect(solve.wrong_penalty).toBe(wrong.penalty);
  expect(solve.awarded).toBe(100 - wrong.penalty);
  const team = await t.ctx.db.selectFrom('team').select('score').where('id', '=', teamId).executeTakeFirstOrThrow();
  expect(team.score).toBe(solve.awarded);
}

for (const mode of ['on-solve', 'immediate'] as const) {
  describeBackends(`fair-play rules under concurrency (penaltyMode: ${mode})`, (backend) => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES });
      await startedApp(t, mode);
    });
    afterAll(async () => {
      await t.close();
    });

    it(`lets exactly ${CAP} of ${CAP + 1} wrong attempts sent at the same moment through a cap of ${CAP}, and refuses the rest`, async () => {
      for (let round = 0; round < 3; round++) {
        const { team, members } = await teamOf(t, `Cap ${round}`, CAP + 1);
        const responses = await Promise.all(members.map((m, i) => m.post(CAPPED, { answer: `wrong ${i}` })));
        await expectCapHeld(t, team.id, responses);
      }
    });

    it('holds the cap when four members send five wrong attempts each at once', async () => {
      const { team, members } = await teamOf(t, 'Flood', 4);
      const responses = await Promise.all(members.flatMap((m, i) => Array.from({ length: 5 }, (_, j) => m.post(CAPPED, { answer: `flood ${i}.${j}` }))));
      await expectCapHeld(t, team.id, responses);
    });

    it('prices a wrong attempt racing the right one either before the solve or not at all', async () => {
      for (let round = 0; round < 6; round++) {
        const { team, members } = await teamOf(t, `Race ${round}`, 2);
        const [a, b] = members as [Client, Client];
        const [wrong, right] = round % 2 === 0 ? [a, b] : [b, a];
        const [w, r] = await Promise.all([wrong.post(PICK, { answer: ['queue'] }), right.post(PICK, { answer: ['streams'] })]);
        expect([w.status, r.status]).toEqual([200, 200]);
        expect(r.body).toMatchObject({ correct: true, alreadySolved: false });
        // Which one wins is up to the scheduler; either order must come out consistent.
        await expectRaceConsistent(t, team.id);
      }
    });
  });
}

const skipReason = inject('pgSkipReason');

describe.skipIf(Boolean(skipReason))(`fair-play cap across two instances on one PostgreSQL${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    one = await createTestApp(passedIn, { challengesDir: ENFORCED_FIXTURES, database: shared.first });
    two = await createTestApp(passedIn, { challengesDir: ENFORCED_FIXTURES, database: await shared.open() });
    await startedApp(one, 'immediate');
    await two.services.events.reload();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await shared?.drop();
  });

  it(`lets exactly ${CAP} wrong attempts through when members on two instances send ${2 * (CAP + 1)} at once`, async () => {
    const { team, members } = await teamOf(one, 'Split', 4);
    const clients = members.flatMap((m, i) => (i % 2 === 0 ? [m, m] : [m.withApp(two.app), m.withApp(two.app)]));
    const responses = await Promise.all(clients.map((c, i) => c.post(CAPPED, { answer: `split ${i}` })));
    await expectCapHeld(one, team.id, responses);
  });
});
