/**
 * A change of one team's running totals (`team.score`, `solved_tasks`, ...), which the
 * scoreboard ranks: what a solve, a clue in CTFd's mode or an adjustment adds. Decided by
 * the use cases (play, admin), written only by totals.repository.ts.
 */
export interface TotalsChange {
  teamId: number;
  /** Points to add (negative for a penalty). */
  delta: number;
  /** Tasks newly solved. */
  solved: number;
  at: Date;
}
