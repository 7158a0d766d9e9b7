import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { SubmissionQuery } from './admin.schema.ts';

/** The read-only queries behind the facilitator's views: submissions, clue usage, ratings. */

function selectSubmissions(db: Kysely<Database>) {
  return db
    .selectFrom('attempt as a')
    .innerJoin('team as t', 't.id', 'a.team_id')
    .leftJoin('player as p', 'p.id', 'a.player_id')
    .select([
      'a.id',
      'a.team_id',
      't.name as team_name',
      'p.display_name as player_name',
      'a.challenge_id',
      'a.task_id',
      'a.answer',
      'a.correct',
      'a.flags',
      'a.penalty',
      'a.created_at',
    ]);
}

export type SubmissionRow = Awaited<ReturnType<typeof listSubmissions>>[number];

/** Attempts newest first, keyset-paged by id (`before`), with team and player names. */
export async function listSubmissions(db: Kysely<Database>, q: SubmissionQuery) {
  return selectSubmissions(db)
    .$if(q.teamId !== undefined, (b) => b.where('a.team_id', '=', q.teamId as number))
    .$if(q.challengeId !== undefined, (b) => b.where('a.challenge_id', '=', q.challengeId as string))
    .$if(q.taskId !== undefined, (b) => b.where('a.task_id', '=', q.taskId as string))
    .$if(q.correct !== undefined, (b) => b.where('a.correct', '=', q.correct as boolean))
    .$if(q.flagged !== undefined, (b) => b.where(sql<number>`jsonb_array_length(a.flags)`, q.flagged ? '>' : '=', 0))
    .$if(q.before !== undefined, (b) => b.where('a.id', '<', q.before as number))
    .orderBy('a.id', 'desc')
    .limit(q.limit)
    .execute();
}

/**
 * Attempts with an id above `after` or inside one of `ranges` (ids skipped while their
 * writers had not committed), oldest first: what the live submissions feed tails.
 */
export async function listSubmissionsAfter(db: Kysely<Database>, after: number, ranges: readonly { lo: number; hi: number }[], limit: number) {
  return selectSubmissions(db)
    .where((eb) => eb.or([eb('a.id', '>', after), ...ranges.map((r) => eb.between('a.id', r.lo, r.hi))]))
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** The newest attempt id and the ids of the attempts up to `window` below it. */
export async function recentAttemptIds(db: Kysely<Database>, window: number): Promise<{ latest: number; ids: number[] }> {
  const latest = Number(
    (
      await db
        .selectFrom('attempt')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst()
    )?.max ?? 0,
  );
  const rows = await db
    .selectFrom('attempt')
    .select('id')
    .where('id', '>', latest - window)
    .execute();
  return { latest, ids: rows.map((r) => Number(r.id)) };
}

export interface AttemptStats {
  challengeId: string;
  taskId: string;
  teams: number;
  wrong: number;
}

export async function attemptStats(db: Kysely<Database>): Promise<AttemptStats[]> {
  const rows = await db
    .selectFrom('attempt')
    .select([
      'challenge_id',
      'task_id',
      sql<number>`count(distinct team_id)::int`.as('teams'),
      sql<number>`sum(case when correct then 0 else 1 end)::int`.as('wrong'),
    ])
    .groupBy(['challenge_id', 'task_id'])
    .execute();
  return rows.map((r) => ({ challengeId: r.challenge_id, taskId: r.task_id, teams: Number(r.teams), wrong: Number(r.wrong) }));
}

export interface SolveStats {
  challengeId: string;
  taskId: string;
  solved: number;
  averageAward: number;
}

export async function solveStats(db: Kysely<Database>): Promise<SolveStats[]> {
  const rows = await db
    .selectFrom('solve')
    .select(['challenge_id', 'task_id', sql<number>`count(*)::int`.as('solved'), sql<number>`avg(awarded)::float8`.as('average')])
    .groupBy(['challenge_id', 'task_id'])
    .execute();
  return rows.map((r) => ({ challengeId: r.challenge_id, taskId: r.task_id, solved: Number(r.solved), averageAward: Number(r.average) }));
}

export interface UnlockStats {
  challengeId: string;
  taskId: string;
  index: number;
  unlocks: number;
}

export async function unlockStats(db: Kysely<Database>): Promise<UnlockStats[]> {
  const rows = await db
    .selectFrom('clue_unlock')
    .select(['challenge_id', 'task_id', 'idx', sql<number>`count(*)::int`.as('unlocks')])
    .groupBy(['challenge_id', 'task_id', 'idx'])
    .execute();
  return rows.map((r) => ({ challengeId: r.challenge_id, taskId: r.task_id, index: r.idx, unlocks: Number(r.unlocks) }));
}

/** Every rating, newest change first, with who gave it. */
export async function listRatings(db: Kysely<Database>) {
  return db
    .selectFrom('rating as r')
    .innerJoin('team as t', 't.id', 'r.team_id')
    .innerJoin('player as p', 'p.id', 'r.player_id')
    .select(['r.challenge_id', 'r.team_id', 't.name as team_name', 'p.display_name as player_name', 'r.stars', 'r.comment', 'r.updated_at'])
    .orderBy('r.updated_at', 'desc')
    .orderBy('r.player_id')
    .execute();
}
