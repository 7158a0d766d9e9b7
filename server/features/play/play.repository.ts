import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function lockTeamRow(db: Transaction<Database>, teamId: number) {
  return db.selectFrom('team').select(['id', 'name', 'disqualified']).where('id', '=', teamId).forUpdate().executeTakeFirstOrThrow();
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

export async function unlockedPenalties(db: Db, teamId: number, challengeId: string, taskId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('clue_unlock')
    .select(['idx', 'penalty'])
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .orderBy('idx')
    .execute();
  return rows.map((r) => r.penalty);
}

export async function findUnlockedIndexes(db: Db, teamId: number, challengeId: string, taskId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('clue_unlock')
    .select('idx')
    .where('team_id', '=', teamId)
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .execute();
  return rows.map((r) => r.idx);
}

export async function insertAttempt(
  db: Db,
  values: { teamId: number; playerId: number; challengeId: string; taskId: string; answer: unknown; correct: boolean; flags: string[]; at: Date },
): Promise<number> {
  const row = await db
    .insertInto('attempt')
    .values({
      team_id: values.teamId,
      player_id: values.playerId,
      challenge_id: values.challengeId,
      task_id: values.taskId,
      answer: JSON.stringify(values.answer),
      correct: values.correct,
      flags: JSON.stringify(values.flags),
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The guard against double awards: the primary key decides, not a read-then-write. */
export async function insertSolve(
  db: Transaction<Database>,
  values: {
    teamId: number;
    challengeId: string;
    taskId: string;
    playerId: number;
    attemptId: number;
    points: number;
    penalty: number;
    awarded: number;
    at: Date;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('solve')
    .values({
      team_id: values.teamId,
      challenge_id: values.challengeId,
      task_id: values.taskId,
      player_id: values.playerId,
      attempt_id: values.attemptId,
      points: values.points,
      penalty: values.penalty,
      awarded: values.awarded,
      solved_at: values.at,
    })
    .onConflict((oc) => oc.columns(['team_id', 'challenge_id', 'task_id']).doNothing())
    .returning('awarded')
    .executeTakeFirst();
  return row !== undefined;
}

export async function claimFirstSolve(db: Transaction<Database>, teamId: number, challengeId: string, taskId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('first_solve')
    .values({ challenge_id: challengeId, task_id: taskId, team_id: teamId, solved_at: at })
    .onConflict((oc) => oc.columns(['challenge_id', 'task_id']).doNothing())
    .returning('team_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * `score_at` is when the team reached its current score (the tie-break), so it moves only
 * when the score does: a solve whose clues cost all its points leaves it where it was.
 */
export async function addToTeamScore(db: Transaction<Database>, teamId: number, delta: number, solved: boolean, at: Date) {
  await db
    .updateTable('team')
    .set((eb) => ({
      score: eb('score', '+', delta),
      ...(delta !== 0 && { score_at: at }),
      ...(solved && { solved_tasks: eb('solved_tasks', '+', 1), last_solve_at: at }),
    }))
    .where('id', '=', teamId)
    .execute();
}

export async function insertUnlock(
  db: Transaction<Database>,
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

export async function countSolvesOfTask(db: Db, challengeId: string, taskId: string): Promise<number> {
  const row = await db
    .selectFrom('solve')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('challenge_id', '=', challengeId)
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
