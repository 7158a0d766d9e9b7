import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertSession(db: Db, values: { idHash: string; playerId: number | null; isAdmin: boolean; expiresAt: Date }) {
  await db
    .insertInto('auth_session')
    .values({ id_hash: values.idHash, player_id: values.playerId, is_admin: values.isAdmin, expires_at: values.expiresAt })
    .execute();
}

/** The players of these sessions, unexpired, in one query (http/session-loader.ts). */
export async function findPlayersBySessions(db: Db, idHashes: string[], now: Date) {
  return db
    .selectFrom('auth_session as s')
    .innerJoin('player as p', 'p.id', 's.player_id')
    .select(['s.id_hash', 'p.id', 'p.display_name', 'p.language', 'p.team_id', 's.expires_at'])
    .where('s.id_hash', 'in', idHashes)
    .where('s.expires_at', '>', now)
    .execute();
}

export async function isAdminSession(db: Db, idHash: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('auth_session')
    .select('id_hash')
    .where('id_hash', '=', idHash)
    .where('is_admin', '=', true)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('auth_session').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('auth_session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
