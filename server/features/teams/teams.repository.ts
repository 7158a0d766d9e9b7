import { sql } from 'kysely';
import type { Goal } from '../../db/database.ts';
import type { Db, Trx } from '../../db/transaction.ts';

export async function insertPlayer(db: Db, values: { displayName: string; language: 'en' | 'ja' }) {
  return db
    .insertInto('player')
    .values({ display_name: values.displayName, language: values.language, team_id: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Row locks here are FOR NO KEY UPDATE: nothing changes a player's or a team's id, and the
 * KEY SHARE locks that inserts of attempts and unlocks take through their foreign keys
 * must not wait on a membership change (attempt.repository.ts explains the lock order).
 */
export async function lockPlayer(db: Trx, id: number) {
  return db.selectFrom('player').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirstOrThrow();
}

export async function updatePlayer(db: Db, id: number, values: { display_name?: string; language?: 'en' | 'ja' }) {
  return db.updateTable('player').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Inserts a team unless its name is taken (case-insensitively); undefined when taken. */
export async function insertTeam(db: Db, values: { name: string; joinCode: string; labToken: string; ownerPlayerId: number | null; goal?: Goal | null }) {
  return db
    .insertInto('team')
    .values({ name: values.name, join_code: values.joinCode, lab_token: values.labToken, owner_player_id: values.ownerPlayerId, goal: values.goal ?? null })
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findTeam(db: Db, id: number) {
  return db.selectFrom('team').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTeamByJoinCodeForUpdate(db: Trx, joinCode: string) {
  return db.selectFrom('team').selectAll().where('join_code', '=', joinCode).forNoKeyUpdate().executeTakeFirst();
}

export async function lockTeam(db: Trx, id: number) {
  return db.selectFrom('team').selectAll().where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
}

export async function insertAudit(db: Db, entry: { action: string; target: string; details: unknown }) {
  await db
    .insertInto('audit_log')
    .values({ actor: 'admin', action: entry.action, target: entry.target, details: JSON.stringify(entry.details) })
    .execute();
}

export async function findTeamByLabToken(db: Db, token: string) {
  return db.selectFrom('team').select(['id']).where('lab_token', '=', token).executeTakeFirst();
}

export async function countMembers(db: Db, teamId: number): Promise<number> {
  const row = await db
    .selectFrom('player')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMembers(db: Db, teamId: number) {
  return db.selectFrom('player').select(['id', 'display_name', 'language']).where('team_id', '=', teamId).orderBy('id').execute();
}

export async function setPlayerTeam(db: Db, playerId: number, teamId: number | null) {
  await db.updateTable('player').set({ team_id: teamId }).where('id', '=', playerId).execute();
}

export async function updateTeam(db: Db, id: number, values: { name?: string; owner_player_id?: number | null; lab_token?: string; disqualified?: boolean }) {
  return db.updateTable('team').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function isTeamNameTaken(db: Db, name: string, exceptId: number): Promise<boolean> {
  const row = await db
    .selectFrom('team')
    .select('id')
    // PostgreSQL's lower() on both sides, as the unique index has it: JavaScript's
    // toLowerCase() folds some letters differently ("İ", final sigma).
    .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listTeamIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('team').select('id').execute();
  return rows.map((r) => r.id);
}
