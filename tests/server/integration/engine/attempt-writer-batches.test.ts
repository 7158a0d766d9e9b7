import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { AttemptInput, TaskRules } from '../../../../server/features/play/attempt-plan.ts';
import { AttemptWriter } from '../../../../server/features/play/attempt-writer.ts';
import type { PenaltyMode } from '../../../../server/features/play/scoring.ts';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, type TestApp } from '../../../support/app.ts';
import { teamOf } from './engine-support.ts';

const title = { en: 'Status code', ja: 'ステータスコード' };
/** alpha/status-code (100 points) with the rules given here: the writer applies what it is handed. */
const rules = (maxWrong: number | null, wrongPenalty: number): TaskRules => ({
  challengeId: 'alpha',
  taskId: 'status-code',
  challengeTitle: title,
  taskTitle: title,
  taskIndex: 1,
  points: 100,
  maxWrong,
  wrongPenalty,
});

/**
 * One call of the executor with a whole batch: a cap and a price per wrong attempt must come
 * out exactly as one attempt after another would, in both penalty modes, and a batch that
 * locks nothing (wrong answers at tasks without rules) writes its rows and no event.
 */
describeBackends('the attempt writer, one batch at a time', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const admin = await adminClient(t);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function member(name: string) {
    const { team } = await teamOf(t, name, 1);
    const player = await t.ctx.db.selectFrom('player').select('id').where('display_name', '=', `${name} 1`).executeTakeFirstOrThrow();
    const input = (task: TaskRules, answer: string, correct: boolean): AttemptInput => ({
      teamId: team.id,
      playerId: player.id,
      playerName: `${name} 1`,
      task,
      answer,
      correct,
      flags: [],
      at: new Date(),
    });
    return { teamId: team.id, input };
  }
  const eventRows = async () => Number((await sql<{ n: string }>`select count(*) as n from event_log`.execute(t.ctx.db)).rows[0]?.n);

  for (const mode of ['on-solve', 'immediate'] as PenaltyMode[]) {
    it(`holds a cap of 3 and prices each wrong attempt within one batch (penaltyMode: ${mode})`, async () => {
      const writer = new AttemptWriter(t.ctx, () => mode);
      const task = rules(3, 10);

      const capped = await member(`Cap ${mode}`);
      const five = await writer.execute(['a', 'b', 'c', 'd', 'e'].map((x) => capped.input(task, x, false)));
      expect(five.map((r) => [r.attemptsLeft, r.exhausted])).toEqual([
        [2, false],
        [1, false],
        [0, false],
        [0, true],
        [0, true],
      ]);
      const right = await writer.execute([capped.input(task, '307', true)]);
      expect(right[0]).toMatchObject({ exhausted: true, correct: false });
      const rows = await t.ctx.db.selectFrom('attempt').select(['penalty']).where('team_id', '=', capped.teamId).execute();
      expect(rows.map((r) => r.penalty)).toEqual([10, 10, 10]);
      const team = await t.ctx.db.selectFrom('team').select('score').where('id', '=', capped.teamId).executeTakeFirstOrThrow();
      expect(team.score).toBe(mode === 'immediate' ? -30 : 0);

      const solver = await member(`Solve ${mode}`);
      const mixed = await writer.execute([
        solver.input(task, 'a', false),
        solver.input(task, 'b', false),
        solver.input(task, '307', true),
        solver.input(task, 'c', false),
        solver.input(task, '307', true),
      ]);
      expect(mixed.map((r) => [r.correct, r.awarded, r.alreadySolved, r.exhausted])).toEqual([
        [false, 0, false, false],
        [false, 0, false, false],
        [true, 80, false, false],
        [false, 0, true, false],
        [true, 80, true, false],
      ]);
      const priced = await t.ctx.db.selectFrom('attempt').select(['penalty']).where('team_id', '=', solver.teamId).orderBy('id').execute();
      expect(priced.map((r) => r.penalty)).toEqual([10, 10, 0, 0, 0]);
      const solve = await t.ctx.db.selectFrom('solve').select(['awarded', 'wrong_penalty']).where('team_id', '=', solver.teamId).executeTakeFirstOrThrow();
      expect(solve).toEqual({ awarded: 80, wrong_penalty: 20 });
      const score = await t.ctx.db.selectFrom('team').select('score').where('id', '=', solver.teamId).executeTakeFirstOrThrow();
      expect(score.score).toBe(80);
    });
  }

  it('writes a batch of wrong answers at tasks without rules as its rows alone, and tells which pairs were solved', async () => {
    const writer = new AttemptWriter(t.ctx, () => 'on-solve');
    const open = rules(null, 0);
    const solved = await member('Solved');
    const unsolved = await member('Unsolved');
    expect((await writer.execute([solved.input(open, '307', true)]))[0]).toMatchObject({ correct: true, awarded: 100 });
    const before = await eventRows();
    const results = await writer.execute([
      solved.input(open, '301', false),
      unsolved.input(open, '302', false),
      unsolved.input(open, '303', false),
      solved.input(open, '304', false),
    ]);
    expect(results.map((r) => [r.alreadySolved, r.awarded, r.attemptsLeft, r.exhausted])).toEqual([
      [true, 0, null, false],
      [false, 0, null, false],
      [false, 0, null, false],
      [true, 0, null, false],
    ]);
    expect(await eventRows()).toBe(before);
    const rows = await t.ctx.db
      .selectFrom('attempt')
      .select(['team_id', 'answer', 'correct', 'penalty'])
      .where('team_id', 'in', [solved.teamId, unsolved.teamId])
      .where('correct', '=', false)
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { team_id: solved.teamId, answer: '301', correct: false, penalty: 0 },
      { team_id: unsolved.teamId, answer: '302', correct: false, penalty: 0 },
      { team_id: unsolved.teamId, answer: '303', correct: false, penalty: 0 },
      { team_id: solved.teamId, answer: '304', correct: false, penalty: 0 },
    ]);
  });
});
