import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface BoardRow {
  id: number;
  name: string;
  score: number;
  scoreAt: Date | null;
  solvedTasks: number;
  lastSolveAt: Date | null;
  disqualified: boolean;
}

/**
 * The live board straight from the running totals kept by the solve/adjust transactions:
 * every team, or only the given ones (what a `scores` event named).
 */
export async function liveRows(db: Kysely<Database>, teamIds?: readonly number[]): Promise<BoardRow[]> {
  let query = db.selectFrom('team').select(['id', 'name', 'score', 'score_at', 'solved_tasks', 'last_solve_at', 'disqualified']);
  if (teamIds) query = query.where('id', 'in', teamIds);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    score: r.score,
    scoreAt: r.score_at,
    solvedTasks: r.solved_tasks,
    lastSolveAt: r.last_solve_at,
    disqualified: r.disqualified,
  }));
}

/**
 * The board as it stood at `cutoff` (the freeze): awards and adjustments made before it,
 * and in `immediate` mode the penalties of clues unlocked and wrong attempts made before it
 * on tasks still unsolved then. Computed once per freeze, not per request.
 */
export async function rowsAsOf(db: Kysely<Database>, cutoff: Date, immediate: boolean): Promise<BoardRow[]> {
  const result = await sql<{
    id: number;
    name: string;
    disqualified: boolean;
    awarded: number;
    adjusted: number;
    solved: number;
    last_solve_at: Date | null;
    last_scored_at: Date | null;
    last_adjust_at: Date | null;
  }>`
    select t.id, t.name, t.disqualified,
      coalesce(s.awarded, 0)::int as awarded, coalesce(a.points, 0)::int as adjusted,
      coalesce(s.solved, 0)::int as solved, s.last_at as last_solve_at, s.last_scored_at, a.last_at as last_adjust_at
    from team t
    left join (
      select team_id, sum(awarded) as awarded, count(*) as solved, max(solved_at) as last_at,
        -- A solve that awarded nothing did not change the score (in immediate mode every solve does).
        max(solved_at) filter (where awarded > 0 or ${immediate}) as last_scored_at
      from solve where solved_at < ${cutoff} group by team_id
    ) s on s.team_id = t.id
    left join (
      select team_id, sum(points) as points, max(created_at) as last_at
      from score_adjustment where created_at < ${cutoff} group by team_id
    ) a on a.team_id = t.id
  `.execute(db);
  const penalties = immediate ? await immediatePenaltiesAsOf(db, cutoff) : new Map<number, { points: number; at: Date }>();
  return result.rows.map((r) => {
    const penalty = penalties.get(r.id);
    const times = [r.last_scored_at, r.last_adjust_at, penalty?.at ?? null].filter((d): d is Date => d !== null);
    return {
      id: r.id,
      name: r.name,
      score: Number(r.awarded) + Number(r.adjusted) - (penalty?.points ?? 0),
      scoreAt: times.length > 0 ? new Date(Math.max(...times.map((d) => d.getTime()))) : null,
      solvedTasks: Number(r.solved),
      lastSolveAt: r.last_solve_at,
      disqualified: r.disqualified,
    };
  });
}

async function immediatePenaltiesAsOf(db: Kysely<Database>, cutoff: Date) {
  // Clues and wrong attempts of one task together, capped at its points (scoring.ts immediatePenalty).
  const result = await sql<{ team_id: number; penalty: number; at: Date }>`
    select u.team_id, least(sum(u.penalty), min(k.points))::int as penalty, max(u.at) as at
    from (
      select team_id, challenge_id, task_id, penalty, unlocked_at as at from clue_unlock where unlocked_at < ${cutoff}
      union all
      select team_id, challenge_id, task_id, penalty, created_at from attempt where penalty > 0 and created_at < ${cutoff}
    ) u
    join task k on k.challenge_id = u.challenge_id and k.id = u.task_id
    where not exists (
        select 1 from solve s where s.team_id = u.team_id and s.challenge_id = u.challenge_id
          and s.task_id = u.task_id and s.solved_at < ${cutoff})
    group by u.team_id, u.challenge_id, u.task_id
  `.execute(db);
  const byTeam = new Map<number, { points: number; at: Date }>();
  for (const row of result.rows) {
    const current = byTeam.get(row.team_id);
    byTeam.set(row.team_id, {
      points: (current?.points ?? 0) + Number(row.penalty),
      at: current && current.at > row.at ? current.at : row.at,
    });
  }
  return byTeam;
}

export interface HistoryPoint {
  teamId: number;
  at: Date;
  delta: number;
}

/** Every score change (solves, adjustments) before `until`, oldest first: the race chart. */
export async function scoreChanges(db: Kysely<Database>, teamIds: number[], until: Date | null): Promise<HistoryPoint[]> {
  if (teamIds.length === 0) return [];
  const solves = db
    .selectFrom('solve')
    .select(['team_id', 'solved_at as at', 'awarded as delta'])
    .where('team_id', 'in', teamIds)
    .$if(until !== null, (q) => q.where('solved_at', '<', until as Date));
  const adjustments = db
    .selectFrom('score_adjustment')
    .select(['team_id', 'created_at as at', 'points as delta'])
    .where('team_id', 'in', teamIds)
    .$if(until !== null, (q) => q.where('created_at', '<', until as Date));
  const rows = await solves.unionAll(adjustments).orderBy('at').execute();
  return rows.map((r) => ({ teamId: r.team_id, at: r.at, delta: r.delta }));
}

/** The latest solves (the screen's ticker after a reload), newest first, before `until`. */
export async function recentSolves(db: Kysely<Database>, limit: number, until: Date | null) {
  return db
    .selectFrom('solve as s')
    .innerJoin('team as t', 't.id', 's.team_id')
    .leftJoin('first_solve as f', (join) =>
      join.onRef('f.challenge_id', '=', 's.challenge_id').onRef('f.task_id', '=', 's.task_id').onRef('f.team_id', '=', 's.team_id'),
    )
    .select(['s.team_id', 't.name as team_name', 's.challenge_id', 's.task_id', 's.awarded', 's.solved_at', 'f.team_id as first_team'])
    .where('t.disqualified', '=', false)
    .$if(until !== null, (q) => q.where('s.solved_at', '<', until as Date))
    .orderBy('s.solved_at', 'desc')
    .limit(limit)
    .execute();
}
