import { sql } from 'kysely';
import type { Db, Trx } from '../../db/transaction.ts';

/**
 * Clue unlocks and ratings, and the reads the challenge views need. Attempts and solves are
 * written by attempt.repository.ts alone.
 */

/** FOR NO KEY UPDATE, as in attempt.repository.ts `lockTeams`, so the lock order is the same. */
export async function lockTeamRow(db: Trx, teamId: number) {
  return db.selectFrom('team').select(['id', 'name', 'disqualified']).where('id', '=', teamId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

export async function findSolve(db: Db, teamId: number, challengeId: string, taskId: string) {
  return db
    .selectFrom('solve')
    .select(['awarded', 'solved_at'])
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export async function listTeamSolves(db: Db, teamId: number, challengeId?: string) {
  return db
    .selectFrom('solve')
    .select(['challenge_id', 'task_id', 'points', 'awarded', 'clue_penalty', 'wrong_penalty', 'solved_at'])
    .where('team_id', '=', teamId)
    .$if(challengeId !== undefined, (q) => q.where('challenge_id', '=', challengeId as string))
    .execute();
}

export async function listTeamUnlocks(db: Db, teamId: number, challengeId: string) {
  return db
    .selectFrom('clue_unlock')
    .select(['task_id', 'idx', 'penalty', 'unlocked_at'])
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .execute();
}

/** The clues a team unlocked for a task, in clue order. */
export async function listUnlockedPenalties(db: Db, teamId: number, challengeId: string, taskId: string): Promise<{ index: number; penalty: number }[]> {
  const rows = await db
    .selectFrom('clue_unlock')
    .select(['idx', 'penalty'])
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ index: r.idx, penalty: r.penalty }));
}

export async function insertUnlock(
  db: Trx,
  values: { teamId: number; challengeId: string; taskId: string; index: number; playerId: number; penalty: number; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto('clue_unlock')
    .values({
      team_id: values.teamId,
      challenge_id: values.challengeId,
      task_id: values.taskId,
      idx: values.index,
      player_id: values.playerId,
      penalty: values.penalty,
      unlocked_at: values.at,
    })
    .onConflict((oc) => oc.columns(['team_id', 'challenge_id', 'task_id', 'idx']).doNothing())
    .returning('idx')
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertRating(db: Db, values: { challengeId: string; playerId: number; teamId: number; stars: number; comment: string | null; at: Date }) {
  await db
    .insertInto('rating')
    .values({
      challenge_id: values.challengeId,
      player_id: values.playerId,
      team_id: values.teamId,
      stars: values.stars,
      comment: values.comment,
      created_at: values.at,
      updated_at: values.at,
    })
    .onConflict((oc) => oc.columns(['challenge_id', 'player_id']).doUpdateSet({ stars: values.stars, comment: values.comment, updated_at: values.at }))
    .execute();
}

export async function findRating(db: Db, challengeId: string, playerId: number) {
  return db.selectFrom('rating').select(['stars', 'comment']).where('challenge_id', '=', challengeId).where('player_id', '=', playerId).executeTakeFirst();
}

/** Wrong attempts per task of one challenge for a team: how many, and what they cost (their penalties). */
export async function listTeamWrongAttempts(db: Db, teamId: number, challengeId: string): Promise<Map<string, { wrong: number; penalty: number }>> {
  const rows = await db
    .selectFrom('attempt')
    .select(['task_id', sql<number>`count(*)::int`.as('wrong'), sql<number>`coalesce(sum(penalty), 0)::int`.as('penalty')])
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('correct', '=', false)
    .groupBy('task_id')
    .execute();
  return new Map(rows.map((r) => [r.task_id, { wrong: Number(r.wrong), penalty: Number(r.penalty) }]));
}

/** What a team's wrong attempts at one task cost so far (their penalties). */
export async function sumWrongPenalty(db: Db, teamId: number, challengeId: string, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('attempt')
    .select(sql<number>`coalesce(sum(penalty), 0)::int`.as('penalty'))
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .where('correct', '=', false)
    .executeTakeFirst();
  return Number(row?.penalty ?? 0);
}

/** Clues recorded as released by time; one challenge, or all. */
export async function listReleases(db: Db, challengeId?: string) {
  return db
    .selectFrom('clue_release')
    .select(['challenge_id', 'task_id', 'idx', 'released_at'])
    .$if(challengeId !== undefined, (q) => q.where('challenge_id', '=', challengeId as string))
    .execute();
}

/**
 * Records releases; returns those this call recorded. A release another instance recorded
 * first is left out: its publication is that instance's.
 */
export async function insertReleases(db: Trx, releases: readonly { challengeId: string; taskId: string; index: number }[], at: Date) {
  if (releases.length === 0) return [];
  return db
    .insertInto('clue_release')
    .values(releases.map((r) => ({ challenge_id: r.challengeId, task_id: r.taskId, idx: r.index, released_at: at })))
    .onConflict((oc) => oc.columns(['challenge_id', 'task_id', 'idx']).doNothing())
    .returning(['challenge_id', 'task_id', 'idx'])
    .execute();
}
