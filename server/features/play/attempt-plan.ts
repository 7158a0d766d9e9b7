/**
 * The rule for recording attempts, once, for a batch of any size (a single attempt is a
 * batch of one). Pure, no I/O: given the attempts, already judged, and what the database
 * held for their teams and tasks when read under the team locks, it decides every row the
 * batch writes (attempts, solves, first-solve claims, running totals) and every event it
 * publishes, and what each caller is answered. attempt-writer.ts reads that state, runs
 * the plan and writes the result; nothing else writes attempts or solves.
 *
 * Attempts are planned in order, each seeing what the earlier ones of the batch did, so a
 * batch comes out exactly as its attempts would one after another: the first correct
 * attempt of a team on a task wins, later ones are "already solved" with its award.
 *
 * The fair-play rules of a task apply here (docs/challenge-format.md, "Fair-play rules"):
 * `attempts` closes an unsolved task once the team made that many wrong attempts (any later
 * attempt, right or wrong, is refused: no row, no event), and `wrongPenalty` prices each wrong
 * attempt before the solve, taken off the award at the solve, or at once in `immediate` mode
 * and given back by the solve, as clue penalties are. A clue released by time has no unlock
 * row for a team that had not paid for it, so it costs nothing here.
 */
import type { LocalizedJson } from '../../db/database.ts';
import type { OutboxEvent } from '../../realtime/events.ts';
import type { TotalsChange } from '../scoreboard/totals.ts';
import { immediateCost, immediatePenalty, type PenaltyMode, taskAward } from './scoring.ts';

/** The rules of a task as the plan applies them (from the catalog, at the time of the attempt). */
export interface TaskRules {
  challengeId: string;
  taskId: string;
  challengeTitle: LocalizedJson;
  taskTitle: LocalizedJson;
  /** 1-based position of the task in its challenge. */
  taskIndex: number;
  points: number;
  /** Most wrong attempts a team may make (`attempts`); null for no limit. */
  maxWrong: number | null;
  /** Points off the award per wrong attempt (`wrongPenalty`); 0 for none. */
  wrongPenalty: number;
}

/** Whether a task's attempts need its team's row locked: a rule makes each attempt depend on the earlier ones. */
export function hasAttemptRules(task: Pick<TaskRules, 'maxWrong' | 'wrongPenalty'>): boolean {
  return task.maxWrong !== null || task.wrongPenalty > 0;
}

/** An attempt whose correctness is already decided (answers.ts checks typed answers). */
export interface AttemptInput {
  teamId: number;
  playerId: number;
  playerName: string;
  task: TaskRules;
  /** The parsed answer as stored and shown to admins. */
  answer: unknown;
  correct: boolean;
  /** Admin markers, e.g. `sharing` for a lab flag of another team. */
  flags: string[];
  /** When the request arrived. A new solve takes the time read under the team lock instead. */
  at: Date;
  /** A "Check my progress" of a check task rather than a typed answer. */
  check?: boolean;
}

/** What the database held for one team × task, read under the team lock. */
export interface PairState {
  /** The award of the team's solve of the task, or null while unsolved. */
  solved: number | null;
  /** Penalties of the clues the team unlocked for the task, in clue order. */
  penalties: readonly number[];
  /** Wrong attempts so far (read only for tasks with rules; 0 otherwise). */
  wrong: number;
  /** Sum of the penalties those wrong attempts carry. */
  wrongPenalty: number;
}

export interface AttemptState {
  /** The clock read once the team locks were held: the time of every new solve. */
  lockedAt: Date;
  penaltyMode: PenaltyMode;
  teamNames: ReadonlyMap<number, string>;
  /** By `pairKey`; a pair missing here is unsolved, with no clue unlocked. */
  pairs: ReadonlyMap<string, PairState>;
  /** One attempt id per input, in order, allocated before planning. */
  attemptIds: readonly number[];
}

export interface AttemptResult {
  correct: boolean;
  awarded: number;
  alreadySolved: boolean;
  /** Wrong attempts the team may still make on the task; null when it has no limit. */
  attemptsLeft: number | null;
  /** Refused: the team used up its wrong attempts on the task (nothing was written). */
  exhausted: boolean;
}

export interface AttemptRow {
  id: number;
  teamId: number;
  playerId: number;
  challengeId: string;
  taskId: string;
  answer: unknown;
  correct: boolean;
  flags: string[];
  at: Date;
  /** What this wrong attempt takes off the award (0 for a correct one or one after the solve). */
  penalty: number;
}

export interface SolveRow {
  teamId: number;
  challengeId: string;
  taskId: string;
  playerId: number;
  attemptId: number;
  points: number;
  /** points − awarded. */
  penalty: number;
  /** The clue and wrong-attempt penalties counted, before the floor at 0. */
  cluePenalty: number;
  wrongPenalty: number;
  awarded: number;
  at: Date;
}

export interface FirstSolveClaim {
  challengeId: string;
  taskId: string;
  teamId: number;
  at: Date;
}

export interface AttemptPlan {
  /** What each caller is answered, in input order. */
  results: AttemptResult[];
  /** Every attempt written (refused ones are not), in input order. */
  attempts: AttemptRow[];
  solves: SolveRow[];
  /** One change per team whose score moved (a solve, an immediate wrong-attempt penalty), in team id order. */
  totals: TotalsChange[];
  /**
   * At most one claim per task, sorted by challenge and task: concurrent batches then take
   * the first_solve keys in the same order and never wait on each other in a cycle.
   */
  firstSolveClaims: FirstSolveClaim[];
  /**
   * The outbox rows, in input order, once the database decided which claims won. An attempt
   * itself has none: the admin feed reads the attempt log (admin/submission-feed.ts).
   */
  events(firstSolvesWon: ReadonlySet<string>): OutboxEvent[];
}

/** The key of a team × task, as used by `AttemptState.pairs` and the won claims. */
export function pairKey(teamId: number, challengeId: string, taskId: string): string {
  return `${teamId}\u0000${challengeId}\u0000${taskId}`;
}

/**
 * The teams whose rows the batch must lock (in this order) before its state is read: those
 * with a correct answer, and those attempting a task with rules, whose count of wrong
 * attempts and their penalties must not change between the read and the write.
 */
export function teamsToLock(inputs: readonly AttemptInput[]): number[] {
  return [...new Set(inputs.filter((a) => a.correct || hasAttemptRules(a.task)).map((a) => a.teamId))].sort((a, b) => a - b);
}

export function planAttempts(inputs: readonly AttemptInput[], state: AttemptState): AttemptPlan {
  if (state.attemptIds.length !== inputs.length) throw new Error('attempt plan: one attempt id per input expected');
  const immediate = state.penaltyMode === 'immediate';
  /** Each pair as the batch has left it so far. */
  const now = new Map<string, PairState>();
  const results: AttemptResult[] = [];
  const attempts: AttemptRow[] = [];
  const solves: SolveRow[] = [];
  const totals = new Map<number, TotalsChange>();
  const claims = new Map<string, FirstSolveClaim>();
  /** Input index → the key of the pair it solved. */
  const solvedBy = new Map<number, string>();
  /** Input indexes of written wrong attempts on tasks with rules (teammates hear of them). */
  const ruledWrong = new Set<number>();
  const change = (teamId: number, at: Date) => {
    const c = totals.get(teamId) ?? { teamId, delta: 0, solved: 0, at };
    totals.set(teamId, c);
    return c;
  };

  inputs.forEach((a, i) => {
    const { challengeId, taskId, points, maxWrong } = a.task;
    const key = pairKey(a.teamId, challengeId, taskId);
    const pair = now.get(key) ?? state.pairs.get(key) ?? { solved: null, penalties: [], wrong: 0, wrongPenalty: 0 };
    const id = state.attemptIds[i] as number;
    const left = (wrong: number) => (maxWrong === null ? null : Math.max(0, maxWrong - wrong));
    const row = { id, teamId: a.teamId, playerId: a.playerId, challengeId, taskId, answer: a.answer, correct: a.correct, flags: a.flags };
    if (pair.solved !== null) {
      // Counted like any wrong attempt (the database counts every one), priced at nothing.
      const wrong = pair.wrong + (a.correct ? 0 : 1);
      if (!a.correct) now.set(key, { ...pair, wrong });
      results.push({ correct: a.correct, awarded: a.correct ? pair.solved : 0, alreadySolved: true, attemptsLeft: left(wrong), exhausted: false });
      attempts.push({ ...row, at: a.at, penalty: 0 });
      return;
    }
    if (maxWrong !== null && pair.wrong >= maxWrong) {
      results.push({ correct: false, awarded: 0, alreadySolved: false, attemptsLeft: 0, exhausted: true });
      return;
    }
    if (!a.correct) {
      const penalty = a.task.wrongPenalty;
      const cost = immediate ? immediateCost(points, { clues: pair.penalties, wrong: pair.wrongPenalty }, { wrong: penalty }) : 0;
      // A wrong attempt that moves the score is timed like a solve: under the lock.
      const at = cost > 0 ? state.lockedAt : a.at;
      attempts.push({ ...row, at, penalty });
      now.set(key, { ...pair, wrong: pair.wrong + 1, wrongPenalty: pair.wrongPenalty + penalty });
      if (cost > 0) change(a.teamId, at).delta -= cost;
      if (hasAttemptRules(a.task)) ruledWrong.add(i);
      results.push({ correct: false, awarded: 0, alreadySolved: false, attemptsLeft: left(pair.wrong + 1), exhausted: false });
      return;
    }
    const cluePenalty = pair.penalties.reduce((n, p) => n + p, 0);
    const awarded = taskAward(points, pair.penalties, pair.wrongPenalty);
    const at = state.lockedAt;
    attempts.push({ ...row, at, penalty: 0 });
    solves.push({
      teamId: a.teamId,
      challengeId,
      taskId,
      playerId: a.playerId,
      attemptId: id,
      points,
      penalty: points - awarded,
      cluePenalty,
      wrongPenalty: pair.wrongPenalty,
      awarded,
      at,
    });
    results.push({ correct: true, awarded, alreadySolved: false, attemptsLeft: left(pair.wrong), exhausted: false });
    now.set(key, { ...pair, solved: awarded });
    solvedBy.set(i, key);
    const c = change(a.teamId, at);
    // In CTFd's mode the penalties were already taken off; the solve gives them back in its award.
    c.delta += awarded + (immediate ? immediatePenalty(points, pair.penalties, pair.wrongPenalty) : 0);
    c.solved += 1;
    const task = `${challengeId}\u0000${taskId}`;
    if (!claims.has(task)) claims.set(task, { challengeId, taskId, teamId: a.teamId, at });
  });

  const firstSolveClaims = [...claims.values()].sort((x, y) => compare(x.challengeId, y.challengeId) || compare(x.taskId, y.taskId));
  const changed = [...totals.values()].sort((x, y) => x.teamId - y.teamId);
  return {
    results,
    attempts,
    solves,
    totals: changed,
    firstSolveClaims,
    events: (won) => planEvents(inputs, state, { attempts, results, solvedBy, ruledWrong, scored: changed.map((c) => c.teamId) }, won),
  };
}

interface Planned {
  attempts: readonly AttemptRow[];
  results: readonly AttemptResult[];
  solvedBy: ReadonlyMap<number, string>;
  ruledWrong: ReadonlySet<number>;
  /** Teams whose totals moved, in id order. */
  scored: readonly number[];
}

function planEvents(inputs: readonly AttemptInput[], state: AttemptState, planned: Planned, won: ReadonlySet<string>): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  const rows = new Map(planned.attempts.map((r) => [r.id, r]));
  inputs.forEach((a, i) => {
    const row = rows.get(state.attemptIds[i] as number);
    if (!row) return;
    const teamName = state.teamNames.get(a.teamId) ?? '';
    const at = row.at.toISOString();
    const result = planned.results[i] as AttemptResult;
    if (planned.ruledWrong.has(i)) {
      events.push({
        type: 'wrong',
        scope: 'team',
        teamId: a.teamId,
        payload: {
          teamId: a.teamId,
          challengeId: row.challengeId,
          taskId: row.taskId,
          playerId: a.playerId,
          playerName: a.playerName,
          penalty: row.penalty,
          attemptsLeft: result.attemptsLeft,
          check: a.check === true,
          at,
        },
      });
    }
    const key = planned.solvedBy.get(i);
    if (key === undefined) return;
    events.push({
      type: 'solve',
      scope: 'public',
      teamId: a.teamId,
      payload: {
        teamId: a.teamId,
        teamName,
        challengeId: row.challengeId,
        challengeTitle: a.task.challengeTitle,
        taskId: row.taskId,
        taskTitle: a.task.taskTitle,
        taskIndex: a.task.taskIndex,
        awarded: result.awarded,
        firstSolve: won.has(key),
        at,
      },
    });
  });
  if (planned.scored.length > 0) {
    events.push({
      type: 'scores',
      scope: 'public',
      payload: { teamIds: [...planned.scored], reason: planned.solvedBy.size > 0 ? 'solve' : 'wrong', asOf: state.lockedAt.toISOString() },
    });
  }
  return events;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
