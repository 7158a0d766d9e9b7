import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttemptInput,
  type AttemptPlan,
  type AttemptResult,
  type AttemptState,
  hasAttemptRules,
  type PairState,
  pairKey,
  planAttempts,
  type TaskRules,
  teamsToLock,
} from '../../../../server/features/play/attempt-plan.ts';
import { immediateCost, immediatePenalty, type PenaltyMode } from '../../../../server/features/play/scoring.ts';
import type { OutboxEvent } from '../../../../server/realtime/events.ts';

/**
 * The production plan (attempt-plan.ts) run against a small in-memory database that does
 * what attempt-writer.ts and the schema do with a plan: solves keyed by team × task, one
 * first solve per task (the first claim wins), wrong attempts counted with their penalties
 * (read only for tasks with rules, as readAttemptState does), running totals, the outbox.
 * Clue unlocks happen outside the plan (PlayService.unlockClue): the model charges them at
 * once in `immediate` mode, as that does.
 */
class Model {
  readonly pairs = new Map<string, PairState>();
  readonly firstSolves = new Map<string, number>();
  readonly totals = new Map<number, number>();
  readonly solved = new Map<number, number>();
  readonly events: OutboxEvent[] = [];
  private nextId = 1;

  constructor(readonly penaltyMode: PenaltyMode) {}

  pair(key: string): PairState {
    return this.pairs.get(key) ?? { solved: null, penalties: [], wrong: 0, wrongPenalty: 0 };
  }

  unlock(teamId: number, task: TaskRules, penalty: number): void {
    const key = pairKey(teamId, task.challengeId, task.taskId);
    const pair = this.pair(key);
    if (this.penaltyMode === 'immediate' && pair.solved === null) {
      const cost = immediateCost(task.points, { clues: pair.penalties, wrong: pair.wrongPenalty }, { clue: penalty });
      this.totals.set(teamId, (this.totals.get(teamId) ?? 0) - cost);
    }
    this.pairs.set(key, { ...pair, penalties: [...pair.penalties, penalty] });
  }

  state(inputs: readonly AttemptInput[], lockedAt: Date): AttemptState {
    const pairs = new Map<string, PairState>();
    for (const a of inputs) {
      const key = pairKey(a.teamId, a.task.challengeId, a.task.taskId);
      const pair = this.pairs.get(key);
      if (pair) pairs.set(key, hasAttemptRules(a.task) ? pair : { ...pair, wrong: 0, wrongPenalty: 0 });
    }
    const teamNames = new Map(inputs.map((a) => [a.teamId, `Team ${a.teamId}`]));
    return { lockedAt, penaltyMode: this.penaltyMode, teamNames, pairs, attemptIds: inputs.map(() => this.nextId++) };
  }

  /** Plans and applies one batch as the executor would; returns the plan and its results. */
  run(inputs: readonly AttemptInput[], lockedAt: Date): { plan: AttemptPlan; results: AttemptResult[] } {
    const plan = planAttempts(inputs, this.state(inputs, lockedAt));
    for (const a of plan.attempts) {
      if (a.correct) continue;
      const key = pairKey(a.teamId, a.challengeId, a.taskId);
      const pair = this.pair(key);
      this.pairs.set(key, { ...pair, wrong: pair.wrong + 1, wrongPenalty: pair.wrongPenalty + a.penalty });
    }
    for (const s of plan.solves) {
      const key = pairKey(s.teamId, s.challengeId, s.taskId);
      const pair = this.pair(key);
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

const task = (challengeId: string, taskId: string, taskIndex: number, points: number, maxWrong: number | null, wrongPenalty: number): TaskRules => ({
  challengeId,
  taskId,
  challengeTitle: { en: challengeId },
  taskTitle: { en: taskId },
  taskIndex,
  points,
  maxWrong,
  wrongPenalty,
});

/** No rules; a cap; a price; both (the price high enough for the floor at 0 to matter). */
const TASKS: TaskRules[] = [
  task('alpha', 'one', 1, 100, null, 0),
  task('alpha', 'two', 2, 250, 3, 0),
  task('beta', 'one', 1, 40, null, 15),
  task('beta', 'two', 2, 120, 2, 50),
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

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

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
        expect(kinds(whole.events)).toEqual(kinds(single.events));
      }),
    );
  });

  it('awards each team × task at most once, never below zero or above its points, net of the clues and the wrong attempts before it', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, batch, (m, clues, first, second) => {
        const model = freshModel(m, clues);
        const cluesBefore = new Map([...model.pairs].map(([k, v]) => [k, sum(v.penalties)]));
        /** Wrong-attempt penalties per pair as the attempts went in, replayed from the rows the plans wrote. */
        const wrongSoFar = new Map<string, number>();
        const plans = [model.run(toInputs(first), new Date(T0 + 10_000)).plan, model.run(toInputs(second), new Date(T0 + 20_000)).plan];
        for (const plan of plans) {
          for (const a of plan.attempts) {
            const key = pairKey(a.teamId, a.challengeId, a.taskId);
            const solve = plan.solves.find((s) => s.attemptId === a.id);
            if (solve) {
              const wrong = wrongSoFar.get(key) ?? 0;
              const clue = cluesBefore.get(key) ?? 0;
              expect(solve.wrongPenalty).toBe(wrong);
              expect(solve.cluePenalty).toBe(clue);
              expect(solve.awarded).toBe(Math.max(0, solve.points - clue - wrong));
              expect(solve.penalty).toBe(solve.points - solve.awarded);
            }
            if (!a.correct) wrongSoFar.set(key, (wrongSoFar.get(key) ?? 0) + a.penalty);
          }
        }
        const solves = plans.flatMap((p) => p.solves);
        const keys = solves.map((s) => pairKey(s.teamId, s.challengeId, s.taskId));
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of solves) {
          expect(s.awarded).toBeGreaterThanOrEqual(0);
          expect(s.awarded).toBeLessThanOrEqual(s.points);
        }
      }),
    );
  });

  it('prices a wrong attempt at its task’s wrongPenalty until the solve, and at nothing after it', () => {
    fc.assert(
      fc.property(mode, batch, batch, (m, first, second) => {
        const model = new Model(m);
        const solvedBefore = new Set<string>();
        for (const raw of [first, second]) {
          const { plan } = model.run(toInputs(raw), new Date(T0 + 10_000));
          const rules = new Map(TASKS.map((t) => [`${t.challengeId}/${t.taskId}`, t]));
          for (const a of plan.attempts) {
            const key = pairKey(a.teamId, a.challengeId, a.taskId);
            const solvedFirst = solvedBefore.has(key) || plan.solves.some((s) => pairKey(s.teamId, s.challengeId, s.taskId) === key && s.attemptId < a.id);
            const expected = a.correct || solvedFirst ? 0 : (rules.get(`${a.challengeId}/${a.taskId}`) as TaskRules).wrongPenalty;
            expect(a.penalty).toBe(expected);
          }
          for (const s of plan.solves) solvedBefore.add(pairKey(s.teamId, s.challengeId, s.taskId));
        }
      }),
    );
  });

  it('lets a team make at most `attempts` wrong attempts at an unsolved task, then refuses every attempt there, right or wrong, writing nothing', () => {
    fc.assert(
      fc.property(mode, batch, batch, (m, first, second) => {
        const model = new Model(m);
        for (const raw of [first, second]) {
          const inputs = toInputs(raw);
          const before = new Map([...model.pairs].map(([k, v]) => [k, { ...v }]));
          const { plan, results } = model.run(inputs, new Date(T0 + 10_000));
          const wrongNow = new Map<string, number>();
          let solvedNow = new Set<string>();
          inputs.forEach((a, i) => {
            const key = pairKey(a.teamId, a.task.challengeId, a.task.taskId);
            const pair = before.get(key);
            const solved = pair?.solved != null || solvedNow.has(key);
            const wrong = (pair?.wrong ?? 0) + (wrongNow.get(key) ?? 0);
            const r = results[i] as AttemptResult;
            const closed = !solved && a.task.maxWrong !== null && wrong >= a.task.maxWrong;
            expect(r.exhausted).toBe(closed);
            if (closed) {
              expect(r).toEqual({ correct: false, awarded: 0, alreadySolved: false, attemptsLeft: 0, exhausted: true });
              return;
            }
            if (!a.correct) wrongNow.set(key, (wrongNow.get(key) ?? 0) + 1);
            if (!solved && a.correct) solvedNow = new Set([...solvedNow, key]);
            const after = wrong + (a.correct ? 0 : 1);
            expect(r.attemptsLeft).toBe(a.task.maxWrong === null ? null : Math.max(0, a.task.maxWrong - after));
          });
          expect(plan.attempts).toHaveLength(results.filter((r) => !r.exhausted).length);
        }
        for (const [key, pair] of model.pairs) {
          const rules = TASKS.find((t) => key.endsWith(`\u0000${t.challengeId}\u0000${t.taskId}`)) as TaskRules;
          if (rules.maxWrong !== null && pair.solved === null) expect(pair.wrong).toBeLessThanOrEqual(rules.maxWrong);
        }
      }),
    );
  });

  it('keeps every score equal to its awards (on-solve), less what unsolved tasks cost at once (immediate)', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, batch, (m, clues, first, second) => {
        const model = freshModel(m, clues);
        const plans = [model.run(toInputs(first), new Date(T0 + 10_000)).plan, model.run(toInputs(second), new Date(T0 + 20_000)).plan];
        const solves = plans.flatMap((p) => p.solves);
        const teams = new Set([...model.pairs.keys()].map((k) => Number(k.split('\u0000')[0])));
        for (const teamId of teams) {
          const mine = solves.filter((s) => s.teamId === teamId);
          // A solve gives back what its task cost at once: in both modes a solved task leaves its award.
          let expected = sum(mine.map((s) => s.awarded));
          if (m === 'immediate') {
            const unsolved = [...model.pairs].filter(([k, v]) => Number(k.split('\u0000')[0]) === teamId && v.solved === null);
            const pointsOf = (k: string) => (TASKS.find((t) => k.endsWith(`\u0000${t.challengeId}\u0000${t.taskId}`)) as TaskRules).points;
            expected -= sum(unsolved.map(([k, v]) => immediatePenalty(pointsOf(k), v.penalties, v.wrongPenalty)));
          }
          expect(model.totals.get(teamId) ?? 0).toBe(expected);
          expect(model.solved.get(teamId) ?? 0).toBe(mine.length);
        }
      }),
    );
  });

  it('answers every attempt: one fresh solve per newly solved pair, the rest "already solved" with its award, or refused', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const inputs = toInputs(raw);
        const { plan, results } = freshModel(m, clues).run(inputs, new Date(T0 + 10_000));
        expect(results).toHaveLength(inputs.length);
        const written = inputs.filter((_, i) => !(results[i] as AttemptResult).exhausted);
        expect(plan.attempts.map((a) => [a.teamId, a.taskId, a.correct])).toEqual(written.map((a) => [a.teamId, a.task.taskId, a.correct]));
        const awardOf = new Map(plan.solves.map((s) => [pairKey(s.teamId, s.challengeId, s.taskId), s.awarded]));
        inputs.forEach((a, i) => {
          const r = results[i] as AttemptResult;
          const key = pairKey(a.teamId, a.task.challengeId, a.task.taskId);
          if (r.exhausted) return;
          expect(r.correct).toBe(a.correct);
          if (!a.correct) expect(r.awarded).toBe(0);
          else if (!r.alreadySolved) expect(r.awarded).toBe(awardOf.get(key));
        });
        const fresh = results.filter((r) => r.correct && !r.alreadySolved);
        expect(fresh).toHaveLength(plan.solves.length);
        // A new solve, and a wrong attempt that cost points at once, carry the time read under the lock.
        for (const s of plan.solves) expect(plan.attempts.find((a) => a.id === s.attemptId)?.at).toEqual(new Date(T0 + 10_000));
        for (const t of plan.totals) expect(t.at).toEqual(new Date(T0 + 10_000));
      }),
    );
  });

  it('locks the teams with a correct answer or an attempt at a task with rules, in id order, and claims first solves in one global order', () => {
    fc.assert(
      fc.property(batch, (raw) => {
        const inputs = toInputs(raw);
        const locked = teamsToLock(inputs);
        expect(locked).toEqual([...new Set(inputs.filter((a) => a.correct || hasAttemptRules(a.task)).map((a) => a.teamId))].sort((a, b) => a - b));
        const { plan } = freshModel('immediate', []).run(inputs, new Date(T0));
        for (const s of plan.solves) expect(locked).toContain(s.teamId);
        for (const t of plan.totals) expect(locked).toContain(t.teamId);
        for (const a of plan.attempts)
          if (hasAttemptRules(TASKS.find((t) => t.taskId === a.taskId && t.challengeId === a.challengeId) as TaskRules)) expect(locked).toContain(a.teamId);
        const order = plan.firstSolveClaims.map((c) => `${c.challengeId}\u0000${c.taskId}`);
        expect(order).toEqual([...new Set(order)].sort());
      }),
    );
  });

  it('publishes no event for an attempt as such (the admin feed reads the attempt log), a wrong event to the team for each wrong attempt at a task with rules, a solve after each new solve, and one scores event naming whose score moved', () => {
    fc.assert(
      fc.property(mode, unlocks, batch, (m, clues, raw) => {
        const inputs = toInputs(raw);
        const model = freshModel(m, clues);
        const { plan } = model.run(inputs, new Date(T0 + 10_000));
        const events = model.events;
        expect(events.filter((e) => e.type === 'submission')).toEqual([]);
        const ruled = (a: { challengeId: string; taskId: string }) =>
          hasAttemptRules(TASKS.find((t) => t.taskId === a.taskId && t.challengeId === a.challengeId) as TaskRules);
        const wrongEvents = events.filter((e) => e.type === 'wrong');
        const solvedIds = new Set(plan.solves.map((s) => s.attemptId));
        const ruledWrong = plan.attempts.filter(
          (a) =>
            !a.correct &&
            ruled(a) &&
            !plan.attempts.some((b) => solvedIds.has(b.id) && b.id < a.id && b.teamId === a.teamId && b.taskId === a.taskId && b.challengeId === a.challengeId),
        );
        expect(wrongEvents.map((e) => [e.teamId, e.payload.taskId, e.payload.penalty])).toEqual(ruledWrong.map((a) => [a.teamId, a.taskId, a.penalty]));
        for (const e of wrongEvents) expect(e.scope).toBe('team');
        const solveEvents = events.filter((e) => e.type === 'solve');
        expect(solveEvents.map((e) => [e.payload.teamId, e.payload.taskId, e.payload.awarded])).toEqual(
          plan.solves.map((s) => [s.teamId, s.taskId, s.awarded]),
        );
        for (const e of solveEvents) {
          expect(e.payload.firstSolve).toBe(model.firstSolves.get(`${e.payload.challengeId}/${e.payload.taskId}`) === e.payload.teamId);
        }
        const scores = events.filter((e) => e.type === 'scores');
        if (plan.totals.length === 0) expect(scores).toHaveLength(0);
        else {
          expect(scores).toHaveLength(1);
          expect(events.at(-1)).toBe(scores[0]);
          expect(scores[0]?.payload).toEqual({
            teamIds: plan.totals.map((t) => t.teamId),
            reason: plan.solves.length > 0 ? 'solve' : 'wrong',
            asOf: new Date(T0 + 10_000).toISOString(),
          });
        }
      }),
    );
  });
});
