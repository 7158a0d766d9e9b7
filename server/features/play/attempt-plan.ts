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
 */
import type { LocalizedJson } from '../../db/database.ts';
import type { OutboxEvent } from '../../realtime/events.ts';
import type { TotalsChange } from '../scoreboard/totals.ts';
import { immediatePenalty, type PenaltyMode, taskAward } from './scoring.ts';

/** The rules of a task as the plan applies them (from the catalog, at the time of the attempt). */
export interface TaskRules {
  challengeId: string;
  taskId: string;
  challengeTitle: LocalizedJson;
  taskTitle: LocalizedJson;
  /** 1-based position of the task in its challenge. */
  taskIndex: number;
  points: number;
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
}

/** What the database held for one team × task, read under the team lock. */
export interface PairState {
  /** The award of the team's solve of the task, or null while unsolved. */
  solved: number | null;
  /** Penalties of the clues the team unlocked for the task, in clue order. */
  penalties: readonly number[];
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
}

export interface SolveRow {
  teamId: number;
  challengeId: string;
  taskId: string;
  playerId: number;
  attemptId: number;
  points: number;
  penalty: number;
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
  /** Every attempt, in input order. */
  attempts: AttemptRow[];
  solves: SolveRow[];
  /** One change per team that scored, in team id order. */
  totals: TotalsChange[];
  /**
   * At most one claim per task, sorted by challenge and task: concurrent batches then take
   * the first_solve keys in the same order and never wait on each other in a cycle.
   */
  firstSolveClaims: FirstSolveClaim[];
  /** The outbox rows, in input order, once the database decided which claims won. */
  events(firstSolvesWon: ReadonlySet<string>): OutboxEvent[];
}

/** The key of a team × task, as used by `AttemptState.pairs` and the won claims. */
export function pairKey(teamId: number, challengeId: string, taskId: string): string {
  return `${teamId}\u0000${challengeId}\u0000${taskId}`;
}

/** The teams whose rows the batch must lock (in this order) before its state is read. */
export function teamsToLock(inputs: readonly AttemptInput[]): number[] {
  return [...new Set(inputs.filter((a) => a.correct).map((a) => a.teamId))].sort((a, b) => a - b);
}

export function planAttempts(inputs: readonly AttemptInput[], state: AttemptState): AttemptPlan {
  if (state.attemptIds.length !== inputs.length) throw new Error('attempt plan: one attempt id per input expected');
  const immediate = state.penaltyMode === 'immediate';
  const solvedNow = new Map<string, number>();
  const results: AttemptResult[] = [];
  const attempts: AttemptRow[] = [];
  const solves: SolveRow[] = [];
  const totals = new Map<number, TotalsChange>();
  const claims = new Map<string, FirstSolveClaim>();
  /** Input index → the key of the pair it solved. */
  const solvedBy = new Map<number, string>();

  inputs.forEach((a, i) => {
    const { challengeId, taskId, points } = a.task;
    const key = pairKey(a.teamId, challengeId, taskId);
    const pair = state.pairs.get(key);
    const earlier = solvedNow.get(key) ?? pair?.solved ?? null;
    const id = state.attemptIds[i] as number;
    const row = { id, teamId: a.teamId, playerId: a.playerId, challengeId, taskId, answer: a.answer, correct: a.correct, flags: a.flags };
    if (!a.correct || earlier !== null) {
      results.push({ correct: a.correct, awarded: a.correct ? (earlier ?? 0) : 0, alreadySolved: earlier !== null });
      attempts.push({ ...row, at: a.at });
      return;
    }
    const penalties = pair?.penalties ?? [];
    const awarded = taskAward(points, penalties);
    const at = state.lockedAt;
    attempts.push({ ...row, at });
    solves.push({ teamId: a.teamId, challengeId, taskId, playerId: a.playerId, attemptId: id, points, penalty: points - awarded, awarded, at });
    results.push({ correct: true, awarded, alreadySolved: false });
    solvedNow.set(key, awarded);
    solvedBy.set(i, key);
    const change = totals.get(a.teamId) ?? { teamId: a.teamId, delta: 0, solved: 0, at };
    // In CTFd's mode the unlocks were already taken off; the solve gives them back in its award.
    change.delta += awarded + (immediate ? immediatePenalty(points, penalties) : 0);
    change.solved += 1;
    totals.set(a.teamId, change);
    const task = `${challengeId}\u0000${taskId}`;
    if (!claims.has(task)) claims.set(task, { challengeId, taskId, teamId: a.teamId, at });
  });

  const firstSolveClaims = [...claims.values()].sort((x, y) => compare(x.challengeId, y.challengeId) || compare(x.taskId, y.taskId));
  return {
    results,
    attempts,
    solves,
    totals: [...totals.values()].sort((x, y) => x.teamId - y.teamId),
    firstSolveClaims,
    events: (won) => planEvents(inputs, state, attempts, results, solvedBy, won),
  };
}

function planEvents(
  inputs: readonly AttemptInput[],
  state: AttemptState,
  attempts: readonly AttemptRow[],
  results: readonly AttemptResult[],
  solvedBy: ReadonlyMap<number, string>,
  won: ReadonlySet<string>,
): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  const scored = new Set<number>();
  inputs.forEach((a, i) => {
    const row = attempts[i] as AttemptRow;
    const teamName = state.teamNames.get(a.teamId) ?? '';
    const at = row.at.toISOString();
    events.push({
      type: 'submission',
      scope: 'admin',
      teamId: a.teamId,
      payload: {
        id: row.id,
        teamId: a.teamId,
        teamName,
        playerName: a.playerName,
        challengeId: row.challengeId,
        taskId: row.taskId,
        answer: a.answer,
        correct: a.correct,
        flags: a.flags,
        at,
      },
    });
    const key = solvedBy.get(i);
    if (key === undefined) return;
    scored.add(a.teamId);
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
        awarded: (results[i] as AttemptResult).awarded,
        firstSolve: won.has(key),
        at,
      },
    });
  });
  if (scored.size > 0) {
    events.push({
      type: 'scores',
      scope: 'public',
      payload: { teamIds: [...scored].sort((x, y) => x - y), reason: 'solve', asOf: state.lockedAt.toISOString() },
    });
  }
  return events;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
