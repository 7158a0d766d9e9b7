/**
 * Scoring and ranking rules (docs/challenge-format.md, "Clues and scoring"). Pure, no I/O.
 *
 * Penalty modes:
 * - `on-solve` (the Jam rule, default): a clue's penalty is taken off the task's award when
 *   the task is solved; unlocking clues for a task never solved costs nothing.
 * - `immediate` (CTFd's rule): unlocked clues cost at once. A solved task still earns
 *   `taskAward(points, penalties)`; an UNSOLVED task with unlocked clues subtracts
 *   `immediatePenalty(points, penalties)` = min(points, sum of its penalties). Capping at
 *   the task's points keeps one rule in both modes: clues never cost more than the task is
 *   worth, and solving a task always raises the score by exactly its points.
 *
 * Awards are never negative. A score goes below zero only through negative adjustments or
 * immediate penalties.
 */

export const PENALTY_MODES = ['on-solve', 'immediate'] as const;
export type PenaltyMode = (typeof PENALTY_MODES)[number];

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The award for solving a task: `max(0, points − sum of unlocked clue penalties)`. */
export function taskAward(points: number, unlockedPenalties: readonly number[]): number {
  return Math.max(0, points - sum(unlockedPenalties));
}

/** The points a task can still earn, shown beside it; the same rule as `taskAward`. */
export function availablePoints(points: number, unlockedPenalties: readonly number[]): number {
  return taskAward(points, unlockedPenalties);
}

/** What an unsolved task's unlocked clues cost in `immediate` mode: at most its points. */
export function immediatePenalty(points: number, unlockedPenalties: readonly number[]): number {
  return Math.min(Math.max(0, points), Math.max(0, sum(unlockedPenalties)));
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
