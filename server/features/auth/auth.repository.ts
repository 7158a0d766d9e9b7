import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A player's session (`playerId`) or a staff member's admin session (`staffId`). */
export async function insertSession(db: Db, values: { idHash: string; playerId: number | null; staffId?: number | null; expiresAt: Date }) {
  const staffId = values.staffId ?? null;
  await db
    .insertInto('auth_session')
    .values({ id_hash: values.idHash, player_id: values.playerId, is_admin: staffId !== null, staff_id: staffId, expires_at: values.expiresAt })
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

/** The staff member of a live admin session; undefined when expired, ended or revoked. */
export async function findStaffBySession(db: Db, idHash: string, now: Date) {
  return db
    .selectFrom('auth_session as a')
    .innerJoin('staff as s', 's.id', 'a.staff_id')
    .select(['s.id', 's.name', 's.role', 's.builtin'])
    .where('a.id_hash', '=', idHash)
    .where('a.expires_at', '>', now)
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, idHash: string) {
  await db.deleteFrom('auth_session').where('id_hash', '=', idHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('auth_session').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
