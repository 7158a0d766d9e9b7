/**
 * Scoring and ranking rules (docs/challenge-format.md, "Clues and scoring"). Pure, no I/O.
 *
 * A task's award is `max(0, points − clue penalties − wrong-attempt penalties)`: the clues the
 * team unlocked for it and, with `wrongPenalty`, each wrong attempt made before the solve.
 *
 * Penalty modes:
 * - `on-solve` (the Jam rule, default): penalties are taken off the task's award when the task
 *   is solved; clues unlocked and wrong answers on a task never solved cost nothing.
 * - `immediate` (CTFd's rule): penalties cost at once. A solved task still earns
 *   `taskAward(...)`; an UNSOLVED task subtracts `immediatePenalty(...)` = min(points, sum of
 *   its penalties). Capping at the task's points keeps one rule in both modes: penalties never
 *   cost more than the task is worth, and solving a task always raises the score by exactly
 *   its points (the solve gives back what was taken, and adds the award).
 *
 * Awards are never negative. A score goes below zero only through negative adjustments or
 * immediate penalties.
 */

export const PENALTY_MODES = ['on-solve', 'immediate'] as const;
export type PenaltyMode = (typeof PENALTY_MODES)[number];

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The award for solving a task: `max(0, points − unlocked clue penalties − wrong-attempt penalties)`. */
export function taskAward(points: number, unlockedPenalties: readonly number[], wrongPenalty = 0): number {
  return Math.max(0, points - sum(unlockedPenalties) - wrongPenalty);
}

/** The points a task can still earn, shown beside it; the same rule as `taskAward`. */
export function availablePoints(points: number, unlockedPenalties: readonly number[], wrongPenalty = 0): number {
  return taskAward(points, unlockedPenalties, wrongPenalty);
}

/** What an unsolved task's penalties (clues and wrong attempts) cost in `immediate` mode: at most its points. */
export function immediatePenalty(points: number, unlockedPenalties: readonly number[], wrongPenalty = 0): number {
  return Math.min(Math.max(0, points), Math.max(0, sum(unlockedPenalties) + wrongPenalty));
}

/**
 * What one more penalty (a clue unlocked, a wrong attempt) costs an unsolved task at once in
 * `immediate` mode: the growth of `immediatePenalty`, so the task never costs more than its points.
 */
export function immediateCost(points: number, before: { clues: readonly number[]; wrong: number }, added: { clue?: number; wrong?: number }): number {
  const after = immediatePenalty(points, added.clue === undefined ? before.clues : [...before.clues, added.clue], before.wrong + (added.wrong ?? 0));
  return after - immediatePenalty(points, before.clues, before.wrong);
}

/**
 * How a solve's award breaks down: the clue and wrong-attempt parts as counted (before the
 * floor), and, when they exceed the points, how much of each the award actually lost (clues
 * first, as they are shown first). `points − clueTaken − wrongTaken = awarded` always.
 */
export function awardBreakdown(points: number, cluePenalty: number, wrongPenalty: number) {
  const clueTaken = Math.min(points, cluePenalty);
  const wrongTaken = Math.min(points - clueTaken, wrongPenalty);
  return { points, cluePenalty, wrongPenalty, clueTaken, wrongTaken, awarded: points - clueTaken - wrongTaken };
}

export interface RankableTeam {
  id: number;
  name: string;
  score: number;
  /** When the team last reached its current score; null when it never scored. */
  scoreReachedAt: Date | null;
  solvedTasks: number;
  lastSolveAt: Date | null;
}

export type RankedTeam<T extends RankableTeam = RankableTeam> = T & { rank: number };

/** Never-scored (and unreadable) times sort after every real time. */
function reachedTime(at: Date | null): number {
  const time = at?.getTime();
  return time === undefined || Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * The scoreboard order: higher score first; on equal scores, the team that reached its
 * score earlier (a team that never reached it, `null`, after every timed one); then the
 * lower team id. With unique ids this is a total order, so every request, instance and
 * export agrees on the board.
 */
export function compareTeams(a: RankableTeam, b: RankableTeam): number {
  if (a.score !== b.score) return b.score - a.score;
  const aTime = reachedTime(a.scoreReachedAt);
  const bTime = reachedTime(b.scoreReachedAt);
  if (aTime !== bTime) return aTime < bTime ? -1 : 1;
  return a.id - b.id;
}

/**
 * Ranks teams by `compareTeams`. Ranks are positions (rank = index + 1): two teams with
 * the same score reached at the same millisecond still get distinct ranks, broken by id,
 * so a podium never has two teams in one place.
 */
export function rankTeams<T extends RankableTeam>(teams: readonly T[]): RankedTeam<T>[] {
  return [...teams].sort(compareTeams).map((team, index) => ({ ...team, rank: index + 1 }));
}
