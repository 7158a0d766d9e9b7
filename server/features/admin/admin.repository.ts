import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { LabRequestQuery } from './admin.schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every team with its running totals (kept by the solve/unlock/adjust transactions). */
export async function listTeams(db: Db) {
  return db
    .selectFrom('team')
    .select([
      'id',
      'name',
      'join_code',
      'owner_player_id',
      'score',
      'score_at',
      'solved_tasks',
      'last_solve_at',
      'disqualified',
      'name_locked',
      'goal',
      'created_at',
    ])
    .orderBy('id')
    .execute();
}

export async function listMembers(db: Db) {
  return db.selectFrom('player').select(['id', 'display_name', 'language', 'team_id']).where('team_id', 'is not', null).orderBy('id').execute();
}

/** Locks a player row first, in the order leaving a team does (player, then team). */
export async function lockPlayer(db: Transaction<Database>, playerId: number) {
  return db.selectFrom('player').select(['id', 'team_id', 'display_name']).where('id', '=', playerId).forNoKeyUpdate().executeTakeFirst();
}

export async function listSolves(db: Db) {
  return db
    .selectFrom('solve as s')
    .leftJoin('player as p', 'p.id', 's.player_id')
    .select([
      's.team_id',
      's.challenge_id',
      's.task_id',
      's.points',
      's.penalty',
      's.clue_penalty',
      's.wrong_penalty',
      's.awarded',
      's.solved_at',
      'p.display_name',
    ])
    .orderBy('s.solved_at')
    .orderBy('s.team_id')
    .execute();
}

/** Clue unlocks with the points of their task (what caps their cost). */
export async function listUnlocks(db: Db) {
  return db
    .selectFrom('clue_unlock as u')
    .innerJoin('task as k', (join) => join.onRef('k.challenge_id', '=', 'u.challenge_id').onRef('k.id', '=', 'u.task_id'))
    .select(['u.team_id', 'u.challenge_id', 'u.task_id', 'u.idx', 'u.penalty', 'u.unlocked_at', 'k.points'])
    .orderBy('u.unlocked_at')
    .orderBy('u.team_id')
    .execute();
}

/** Wrong attempts per team and task: how many, the penalties they carry, and the task's points. */
export async function listWrongAttempts(db: Db) {
  const rows = await db
    .selectFrom('attempt as a')
    .innerJoin('task as k', (join) => join.onRef('k.challenge_id', '=', 'a.challenge_id').onRef('k.id', '=', 'a.task_id'))
    .select(['a.team_id', 'a.challenge_id', 'a.task_id', 'k.points', sql<number>`count(*)::int`.as('attempts'), sql<number>`sum(a.penalty)::int`.as('penalty')])
    .where('a.correct', '=', false)
    .groupBy(['a.team_id', 'a.challenge_id', 'a.task_id', 'k.points'])
    .orderBy('a.team_id')
    .execute();
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), penalty: Number(r.penalty) }));
}

export async function adjustmentTotals(db: Db): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('score_adjustment')
    .select(['team_id', sql<number>`sum(points)::int`.as('total')])
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id, Number(r.total)]));
}

export async function insertAdjustment(db: Transaction<Database>, values: { teamId: number; points: number; reason: string; by: string; at: Date }) {
  return db
    .insertInto('score_adjustment')
    .values({ team_id: values.teamId, points: values.points, reason: values.reason, created_by: values.by, created_at: values.at })
    .returning(['id', 'team_id', 'points', 'reason', 'created_by', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Adjustments newest first, with the team's current name; one team or all. */
export async function listAdjustments(db: Db, teamId?: number) {
  return db
    .selectFrom('score_adjustment as a')
    .innerJoin('team as t', 't.id', 'a.team_id')
    .select(['a.id', 'a.team_id', 't.name as team_name', 'a.points', 'a.reason', 'a.created_by', 'a.created_at'])
    .$if(teamId !== undefined, (q) => q.where('a.team_id', '=', teamId as number))
    .orderBy('a.id', 'desc')
    .execute();
}

export async function setDisqualified(db: Transaction<Database>, teamId: number, disqualified: boolean) {
  await db.updateTable('team').set({ disqualified }).where('id', '=', teamId).execute();
}

export async function listAudit(db: Db, page: { before?: number | undefined; limit: number }) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'actor', 'actor_id', 'action', 'target', 'details', 'created_at'])
    .$if(page.before !== undefined, (q) => q.where('id', '<', page.before as number))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}

export async function listLabRequests(db: Db, filter: LabRequestQuery) {
  return db
    .selectFrom('lab_request as r')
    .leftJoin('team as t', 't.id', 'r.team_id')
    .select(['r.id', 'r.team_id', 't.name as team_name', 'r.lab', 'r.method', 'r.path', 'r.status', 'r.service', 'r.operation', 'r.error_code', 'r.created_at'])
    .$if(filter.teamId !== undefined, (q) => q.where('r.team_id', '=', filter.teamId as number))
    .$if(filter.service !== undefined, (q) => q.where('r.service', '=', filter.service as string))
    .$if(filter.operation !== undefined, (q) => q.where('r.operation', '=', filter.operation as string))
    .$if(filter.errors === true, (q) => q.where('r.status', '>=', 400))
    .$if(filter.after !== undefined, (q) => q.where('r.id', '>', filter.after as number))
    .$if(filter.before !== undefined, (q) => q.where('r.id', '<', filter.before as number))
    .orderBy('r.id', 'desc')
    .limit(filter.limit)
    .execute();
}
