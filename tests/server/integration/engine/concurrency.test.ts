import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, type Client, type JsonResponse, type TestApp } from '../../../support/app.ts';
import { boardOf, teamOf } from './engine-support.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';
const POINTS = 100;
const ROUNDS = 6;

describeBackends('concurrent play', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    const res = await admin.patch('/api/admin/event', { attemptsPerMinute: 1000 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('submitAttempt', () => {
    it('awards a task once when four members submit the right answer 25 times each at the same moment', async () => {
      const { team, members } = await teamOf(t, 'Rush', 4);
      const requests = members.flatMap((member) => Array.from({ length: 25 }, () => member.post(`${STATUS}/attempts`, { answer: '307' })));
      const responses = await Promise.all(requests);

      expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(responses.every((r) => r.body.correct === true && r.body.awarded === POINTS)).toBe(true);
      expect(responses.filter((r) => r.body.alreadySolved === false)).toHaveLength(1);

      const solves = await t.ctx.db.selectFrom('solve').selectAll().where('team_id', '=', team.id).execute();
      expect(solves).toHaveLength(1);
      const attempts = await t.ctx.db.selectFrom('attempt').select('id').where('team_id', '=', team.id).execute();
      expect(attempts).toHaveLength(100);
      const row = await t.ctx.db.selectFrom('team').select(['score', 'solved_tasks']).where('id', '=', team.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ score: POINTS, solved_tasks: 1 });
      const solveEvents = await t.ctx.db.selectFrom('event_log').select('id').where('type', '=', 'solve').where('team_id', '=', team.id).execute();
      expect(solveEvents).toHaveLength(1);
      await expect.poll(async () => (await boardOf(admin)).teams.find((x) => x.name === 'Rush')).toMatchObject({ score: POINTS, solvedTasks: 1 });
    });
  });

  describe('unlockClue racing submitAttempt', () => {
    /**
     * Both transactions hold the team row, so one runs wholly before the other; the
     * event_log ids, written under that lock, tell which. The award must take off exactly
     * the penalties of the clues unlocked before the solve, and the timestamps must agree.
     */
    async function expectConsistentAward(teamId: number): Promise<void> {
      const solve = await t.ctx.db.selectFrom('solve').selectAll().where('team_id', '=', teamId).executeTakeFirstOrThrow();
      const unlocks = await t.ctx.db.selectFrom('clue_unlock').selectAll().where('team_id', '=', teamId).execute();
      const log = await t.ctx.db
        .selectFrom('event_log')
        .select(['id', 'type', 'payload'])
        .where('team_id', '=', teamId)
        .where('type', 'in', ['solve', 'clue'])
        .orderBy('id')
        .execute();
      const solveAt = log.findIndex((e) => e.type === 'solve');
      const before = new Set(
        log
          .slice(0, solveAt)
          .filter((e) => e.type === 'clue')
          .map((e) => (e.payload as { index: number }).index),
      );
      const counted = unlocks.filter((u) => before.has(u.idx));
      const penalty = counted.reduce((sum, u) => sum + u.penalty, 0);

      expect(solve.penalty).toBe(penalty);
      expect(solve.awarded).toBe(Math.max(0, POINTS - penalty));
      for (const u of unlocks) {
        if (before.has(u.idx)) expect(u.unlocked_at.getTime()).toBeLessThanOrEqual(solve.solved_at.getTime());
        else expect(u.unlocked_at.getTime()).toBeGreaterThanOrEqual(solve.solved_at.getTime());
      }
      const team = await t.ctx.db.selectFrom('team').select('score').where('id', '=', teamId).executeTakeFirstOrThrow();
      expect(team.score).toBe(solve.awarded);
    }

    function ok(res: JsonResponse): void {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    it('takes off the first clue only if it was unlocked before the solve', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { team, members } = await teamOf(t, `Race A${round}`, 2);
        const [clue, attempt] = await Promise.all([members[0]!.post(`${STATUS}/clues/1`), members[1]!.post(`${STATUS}/attempts`, { answer: '307' })]);
        ok(clue);
        ok(attempt);
        expect(attempt.body).toMatchObject({ correct: true, alreadySolved: false });
        await expectConsistentAward(team.id);
        const solve = await t.ctx.db.selectFrom('solve').select('awarded').where('team_id', '=', team.id).executeTakeFirstOrThrow();
        expect(attempt.body.awarded).toBe(solve.awarded);
        expect([POINTS, POINTS - 20]).toContain(solve.awarded);
      }
    });

    it('takes off the second clue only if it was unlocked before the solve', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { team, members } = await teamOf(t, `Race B${round}`, 3);
        ok(await members[0]!.post(`${STATUS}/clues/1`));
        const [clue, attempt, again] = await Promise.all([
          members[0]!.post(`${STATUS}/clues/2`),
          members[1]!.post(`${STATUS}/attempts`, { answer: 'HTTP 307' }),
          members[2]!.post(`${STATUS}/attempts`, { answer: '307' }),
        ]);
        ok(clue);
        ok(attempt);
        ok(again);
        expect([attempt.body.alreadySolved, again.body.alreadySolved].sort()).toEqual([false, true]);
        expect(attempt.body.awarded).toBe(again.body.awarded);
        await expectConsistentAward(team.id);
        expect([POINTS - 20, POINTS - 50]).toContain(attempt.body.awarded);
      }
    });

    it('stays consistent when both clues and the answer race each other', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { team, members } = await teamOf(t, `Race C${round}`, 3);
        const [first, second, attempt] = await Promise.all([
          members[0]!.post(`${STATUS}/clues/1`),
          members[1]!.post(`${STATUS}/clues/2`),
          members[2]!.post(`${STATUS}/attempts`, { answer: '307' }),
        ]);
        ok(first);
        ok(attempt);
        // Clue 2 wins only when clue 1 committed before it; otherwise it is refused as locked.
        if (second.status !== 200) expect(second.body.error.code).toBe('clue_locked');
        await expectConsistentAward(team.id);
      }
    });
  });
});
