import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttemptInput,
  type AttemptPlan,
  type AttemptResult,
  type AttemptState,
  type PairState,
  pairKey,
  planAttempts,
  type TaskRules,
  teamsToLock,
} from '../../../../server/features/play/attempt-plan.ts';
import type { PenaltyMode } from '../../../../server/features/play/scoring.ts';
import type { OutboxEvent } from '../../../../server/realtime/events.ts';

/**
 * The production plan (attempt-plan.ts) run against a small in-memory database that does
 * what attempt-writer.ts and the schema do with a plan: solves keyed by team × task, one
 * first solve per task (the first claim wins), running totals, the outbox.
 */
class Model {
  readonly pairs = new Map<string, PairState>();
  readonly firstSolves = new Map<string, number>();
  readonly totals = new Map<number, number>();
  readonly solved = new Map<number, number>();
  readonly events: OutboxEvent[] = [];
  private nextId = 1;

  constructor(readonly penaltyMode: PenaltyMode) {}

  unlock(teamId: number, task: TaskRules, penalty: number): void {
    const key = pairKey(teamId, task.challengeId, task.taskId);
    const pair = this.pairs.get(key) ?? { solved: null, penalties: [] };
    this.pairs.set(key, { ...pair, penalties: [...pair.penalties, penalty] });
  }

  state(inputs: readonly AttemptInput[], lockedAt: Date): AttemptState {
    const pairs = new Map<string, PairState>();
    for (const a of inputs) {
      const key = pairKey(a.teamId, a.task.challengeId, a.task.taskId);
      const pair = this.pairs.get(key);
      if (pair) pairs.set(key, pair);
    }
    const teamNames = new Map(inputs.map((a) => [a.teamId, `Team ${a.teamId}`]));
    return { lockedAt, penaltyMode: this.penaltyMode, teamNames, pairs, attemptIds: inputs.map(() => this.nextId++) };
  }

  /** Plans and applies one batch as the executor would; returns the plan and its results. */
  run(inputs: readonly AttemptInput[], lockedAt: Date): { plan: AttemptPlan; results: AttemptResult[] } {
    const plan = planAttempts(inputs, this.state(inputs, lockedAt));
    for (const s of plan.solves) {
      const key = pairKey(s.teamId, s.challengeId, s.taskId);
      const pair = this.pairs.get(key) ?? { solved: null, penalties: [] };
      if (pair.solved !== null) throw new Error(`double award of ${key}`);
      this.pairs.set(key, { ...pair, solved: s.awarded });
    }
    const won = new Set<string>();
    for (const c of plan.firstSolveClaims) {
      const task = `${c.challengeId}/${c.taskId}`;
      if (this.firstSolves.has(task)) continue;
      this.firstSolves.set(task, c.teamId);
      won.add(pairKey(c.teamId, c.challengeId, c.taskId));
    }
    for (const t of plan.totals) {
      this.totals.set(t.teamId, (this.totals.get(t.teamId) ?? 0) + t.delta);
      this.solved.set(t.teamId, (this.solved.get(t.teamId) ?? 0) + t.solved);
    }
    this.events.push(...plan.events(won));
    return { plan, results: plan.results };
  }
}

const TASKS: TaskRules[] = [
  { challengeId: 'alpha', taskId: 'one', challengeTitle: { en: 'Alpha' }, taskTitle: { en: 'One' }, taskIndex: 1, points: 100 },
  { challengeId: 'alpha', taskId: 'two', challengeTitle: { en: 'Alpha' }, taskTitle: { en: 'Two' }, taskIndex: 2, points: 250 },
  { challengeId: 'beta', taskId: 'one', challengeTitle: { en: 'Beta' }, taskTitle: { en: 'One' }, taskIndex: 1, points: 40 },
];

const input = fc.record({
  teamId: fc.integer({ min: 1, max: 4 }),
  task: fc.integer({ min: 0, max: TASKS.length - 1 }),
  correct: fc.boolean(),
  offsetMs: fc.integer({ min: 0, max: 5000 }),
});
const batch = fc.array(input, { minLength: 1, maxLength: 25 });
const unlocks = fc.array(
  fc.record({ teamId: fc.integer({ min: 1, max: 4 }), task: fc.integer({ min: 0, max: TASKS.length - 1 }), penalty: fc.integer({ min: 0, max: 150 }) }),
  { maxLength: 6 },
);
const mode = fc.constantFrom<PenaltyMode>('on-solve', 'immediate');

const T0 = Date.parse('2026-12-04T10:00:00Z');

function toInputs(raw: { teamId: number; task: number; correct: boolean; offsetMs: number }[]): AttemptInput[] {
  return raw.map((r, i) => ({
    teamId: r.teamId,
    playerId: r.teamId * 10 + (i % 3),
    playerName: `P${i}`,
    task: TASKS[r.task] as TaskRules,
    answer: r.correct ? 'right' : `wrong ${i}`,
    correct: r.correct,
    flags: [],
    at: new Date(T0 + r.offsetMs),
  }));
}

function freshModel(m: PenaltyMode, clues: { teamId: number; task: number; penalty: number }[]): Model {
  const model = new Model(m);
  for (const u of clues) model.unlock(u.teamId, TASKS[u.task] as TaskRules, u.penalty);
  return model;
}

describe('planAttempts', () => {
  it('gives the same answers, solves, first solves and totals whether a batch is written at once or attempt by attempt', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const inputs = toInputs(raw);
        const lockedAt = new Date(T0 + 10_000);
        const whole = freshModel(m, clues);
        const together = whole.run(inputs, lockedAt).results;
        const single = freshModel(m, clues);
        const oneByOne = inputs.map((a) => single.run([a], lockedAt).results[0]);
        expect(together).toEqual(oneByOne);
        expect(whole.pairs).toEqual(single.pairs);
        expect(whole.firstSolves).toEqual(single.firstSolves);
        expect(whole.totals).toEqual(single.totals);
        expect(whole.solved).toEqual(single.solved);
        const kinds = (events: OutboxEvent[]) => events.filter((e) => e.type !== 'scores').map((e) => ({ type: e.type, payload: e.payload }));
        // Attempt ids differ (allocated per batch); everything else in the outbox is the same.
        const withoutIds = (events: OutboxEvent[]) => kinds(events).map((e) => (e.type === 'submission' ? { ...e, payload: { ...e.payload, id: 0 } } : e));
        expect(withoutIds(whole.events)).toEqual(withoutIds(single.events));
      }),
    );
  });

  it('awards each team × task at most once, never below zero or above its points, net of the clues unlocked before', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, batch, (m, clues, first, second) => {
        const model = freshModel(m, clues);
        const penaltiesBefore = new Map([...model.pairs].map(([k, v]) => [k, v.penalties.reduce((a, b) => a + b, 0)]));
        const plans = [model.run(toInputs(first), new Date(T0 + 10_000)).plan, model.run(toInputs(second), new Date(T0 + 20_000)).plan];
        const solves = plans.flatMap((p) => p.solves);
        const keys = solves.map((s) => pairKey(s.teamId, s.challengeId, s.taskId));
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of solves) {
          expect(s.awarded).toBeGreaterThanOrEqual(0);
          expect(s.awarded).toBeLessThanOrEqual(s.points);
          expect(s.awarded).toBe(Math.max(0, s.points - (penaltiesBefore.get(pairKey(s.teamId, s.challengeId, s.taskId)) ?? 0)));
          expect(s.penalty).toBe(s.points - s.awarded);
        }
      }),
    );
  });

  it('keeps every score equal to its awards (on-solve), and makes a solve worth exactly its points once clues were paid (immediate)', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const model = freshModel(m, clues);
        const { plan } = model.run(toInputs(raw), new Date(T0 + 10_000));
        for (const [teamId, score] of model.totals) {
          const mine = plan.solves.filter((s) => s.teamId === teamId);
          const expected = m === 'on-solve' ? mine.reduce((n, s) => n + s.awarded, 0) : mine.reduce((n, s) => n + s.points, 0);
          expect(score).toBe(expected);
          expect(model.solved.get(teamId)).toBe(mine.length);
        }
      }),
    );
  });

  it('answers every attempt: one fresh solve per newly solved pair, the rest "already solved" with its award', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const inputs = toInputs(raw);
        const { plan, results } = freshModel(m, clues).run(inputs, new Date(T0 + 10_000));
        expect(results).toHaveLength(inputs.length);
        expect(plan.attempts.map((a) => [a.teamId, a.taskId, a.correct])).toEqual(inputs.map((a) => [a.teamId, a.task.taskId, a.correct]));
        const awardOf = new Map(plan.solves.map((s) => [pairKey(s.teamId, s.challengeId, s.taskId), s.awarded]));
        inputs.forEach((a, i) => {
          const r = results[i] as AttemptResult;
          const key = pairKey(a.teamId, a.task.challengeId, a.task.taskId);
          expect(r.correct).toBe(a.correct);
          if (!a.correct) expect(r.awarded).toBe(0);
          else if (!r.alreadySolved) expect(r.awarded).toBe(awardOf.get(key));
        });
        const fresh = results.filter((r) => r.correct && !r.alreadySolved);
        expect(fresh).toHaveLength(plan.solves.length);
        // A new solve and its attempt row carry the time read under the lock.
        for (const s of plan.solves) expect(plan.attempts.find((a) => a.id === s.attemptId)?.at).toEqual(new Date(T0 + 10_000));
      }),
    );
  });

  it('locks exactly the teams with a correct answer, in id order, and claims first solves in one global order', () => {
    fc.assert(
      fc.property(batch, (raw) => {
        const inputs = toInputs(raw);
        const locked = teamsToLock(inputs);
        expect(locked).toEqual([...new Set(inputs.filter((a) => a.correct).map((a) => a.teamId))].sort((a, b) => a - b));
        const { plan } = freshModel('on-solve', []).run(inputs, new Date(T0));
        for (const s of plan.solves) expect(locked).toContain(s.teamId);
        const order = plan.firstSolveClaims.map((c) => `${c.challengeId}\u0000${c.taskId}`);
        expect(order).toEqual([...new Set(order)].sort());
      }),
    );
  });

  it('publishes a submission per attempt in order, a solve after each new solve, and one scores event naming who scored', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const inputs = toInputs(raw);
        const model = freshModel(m, clues);
        const { plan } = model.run(inputs, new Date(T0 + 10_000));
        const events = model.events;
        const submissions = events.filter((e) => e.type === 'submission');
        expect(submissions.map((e) => e.payload.id)).toEqual(plan.attempts.map((a) => a.id));
        const solveEvents = events.filter((e) => e.type === 'solve');
        expect(solveEvents.map((e) => [e.payload.teamId, e.payload.taskId, e.payload.awarded])).toEqual(
          plan.solves.map((s) => [s.teamId, s.taskId, s.awarded]),
        );
        for (const e of solveEvents) {
          const before = events[events.indexOf(e) - 1];
          expect(before?.type === 'submission' && before.payload.teamId === e.payload.teamId && before.payload.correct).toBe(true);
          expect(e.payload.firstSolve).toBe(model.firstSolves.get(`${e.payload.challengeId}/${e.payload.taskId}`) === e.payload.teamId);
        }
        const scores = events.filter((e) => e.type === 'scores');
        if (plan.solves.length === 0) expect(scores).toHaveLength(0);
        else {
          expect(scores).toHaveLength(1);
          expect(events.at(-1)).toBe(scores[0]);
          expect(scores[0]?.payload).toEqual({
            teamIds: [...new Set(plan.solves.map((s) => s.teamId))].sort((a, b) => a - b),
            reason: 'solve',
            asOf: new Date(T0 + 10_000).toISOString(),
          });
        }
      }),
    );
  });
});
