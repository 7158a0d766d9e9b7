import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Teams still in play with their member counts. */
export async function listTeams(db: Db) {
  return db
    .selectFrom('team as t')
    .leftJoin('player as p', 'p.team_id', 't.id')
    .select(['t.id', 't.name', 't.score', 't.last_solve_at', 't.created_at'])
    .select((eb) => eb.fn.count<number>('p.id').as('members'))
    .where('t.disqualified', '=', false)
    .groupBy('t.id')
    .execute();
}

/**
 * Per team and challenge, in one pass over answers and clue unlocks: the first and last
 * activity, wrong answers (all, and since `recentSince`) and clues taken.
 */
export async function activityByTeamAndChallenge(db: Db, recentSince: Date) {
  const { rows } = await sql<{
    team_id: number;
    challenge_id: string;
    first_at: Date;
    last_at: Date;
    wrong: number;
    recent_wrong: number;
    clues: number;
  }>`
    select team_id, challenge_id, min(at) as first_at, max(at) as last_at,
      sum(wrong)::int as wrong, sum(recent_wrong)::int as recent_wrong, sum(clues)::int as clues
    from (
      select team_id, challenge_id, created_at as at, (not correct)::int as wrong,
        (not correct and created_at > ${recentSince})::int as recent_wrong, 0 as clues
      from attempt
      union all
      select team_id, challenge_id, unlocked_at, 0, 0, 1 from clue_unlock
    ) as activity
    group by team_id, challenge_id`.execute(db);
  return rows.map((r) => ({
    teamId: r.team_id,
    challengeId: r.challenge_id,
    firstAt: new Date(r.first_at),
    lastAt: new Date(r.last_at),
    wrong: Number(r.wrong),
    recentWrong: Number(r.recent_wrong),
    clues: Number(r.clues),
  }));
}

export async function solvesByTeamAndChallenge(db: Db) {
  const rows = await db
    .selectFrom('solve')
    .select(['team_id', 'challenge_id'])
    .select((eb) => [eb.fn.countAll<number>().as('solved'), eb.fn.max('solved_at').as('last_at')])
    .groupBy(['team_id', 'challenge_id'])
    .execute();
  return rows.map((r) => ({ teamId: r.team_id, challengeId: r.challenge_id, solved: Number(r.solved), lastAt: new Date(r.last_at) }));
}

export async function supportByTeam(db: Db) {
  return db
    .selectFrom('support_thread as st')
    .leftJoin('staff as s', 's.id', 'st.assignee_id')
    .select(['st.team_id', 'st.unread_admin', 'st.waiting_since', 'st.handled', 's.name as assignee'])
    .execute();
}
