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
    .select(['challenge_id', 'task_id', 'awarded', 'solved_at'])
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
