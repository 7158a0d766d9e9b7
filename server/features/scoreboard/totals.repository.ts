import { type RawBuilder, sql } from 'kysely';
import { PREPARED } from '../../db/prepared.ts';
import type { Trx } from '../../db/transaction.ts';
import type { TotalsChange } from './totals.ts';

/**
 * The only writer of a team's running totals (`score`, `score_at`, `solved_tasks`,
 * `last_solve_at`), which the scoreboard ranks: one statement for any number of teams.
 * `score_at` (the tie-break) moves only when the score does, so a solve whose clues cost
 * all its points leaves it where it was; `last_solve_at` moves with every solve. The
 * caller holds the teams' rows locked (and so decides the order they are written in).
 */
export async function addToTotals(trx: Trx, changes: readonly TotalsChange[]): Promise<void> {
  if (changes.length === 0) return;
  await sql`${sql.raw(PREPARED)}
    ${totalsUpdate(changes)}`.execute(trx);
}

/**
 * The statement of `addToTotals`, for a caller that runs it as one part of its own statement
 * (a data-modifying CTE: the attempt writer's solves and their totals take one round trip).
 */
export function totalsUpdate(changes: readonly TotalsChange[]): RawBuilder<unknown> {
  return sql`update team t set
      score = t.score + v.delta,
      score_at = case when v.delta <> 0 then v.at else t.score_at end,
      solved_tasks = t.solved_tasks + v.solved,
      last_solve_at = case when v.solved > 0 then v.at else t.last_solve_at end
    from jsonb_to_recordset(${JSON.stringify(changes.map((c) => ({ id: c.teamId, delta: c.delta, solved: c.solved, at: c.at })))}::jsonb)
      as v(id int, delta int, solved int, at timestamptz)
    where t.id = v.id`;
}
