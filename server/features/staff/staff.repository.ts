import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, StaffRole } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

const COLUMNS = ['s.id', 's.name', 's.role', 's.builtin', 's.created_at', 's.revoked_at', 's.last_seen_at'] as const;

export async function listStaff(db: Db, now: Date) {
  return db
    .selectFrom('staff as s')
    .leftJoin('staff as c', 'c.id', 's.created_by')
    .select([...COLUMNS, 'c.name as created_by_name'])
    .select((eb) =>
      eb
        .selectFrom('auth_session as a')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('a.staff_id', '=', 's.id')
        .where('a.expires_at', '>', now)
        .as('sessions'),
    )
    .orderBy('s.revoked_at', (ob) => ob.desc().nullsFirst())
    .orderBy('s.id')
    .execute();
}

export async function findStaff(db: Db, id: number) {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findBuiltinOwner(db: Db) {
  return db.selectFrom('staff').select(['id', 'name', 'role']).where('builtin', '=', true).executeTakeFirstOrThrow();
}

/** The id the next staff member gets (their token embeds it). */
export async function nextStaffId(db: Db): Promise<number> {
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('staff', 'id'))::int as id`.execute(db);
  return Number(rows[0]?.id);
}

export async function insertStaff(db: Db, values: { id: number; name: string; role: StaffRole; tokenHash: string; createdBy: number | null; at: Date }) {
  return db
    .insertInto('staff')
    .values({ id: values.id, name: values.name, role: values.role, token_hash: values.tokenHash, created_by: values.createdBy, created_at: values.at })
    .returning(['id', 'name', 'role', 'builtin', 'created_at', 'revoked_at', 'last_seen_at'])
    .executeTakeFirstOrThrow();
}

export async function isActiveNameTaken(db: Db, name: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function revoke(db: Transaction<Database>, id: number, at: Date) {
  return db
    .updateTable('staff')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('builtin', '=', false)
    .returning(['id', 'name', 'role'])
    .executeTakeFirst();
}

/** Ends every session of a staff member; returns how many there were. */
export async function deleteSessions(db: Db, staffId: number): Promise<number> {
  const rows = await db.deleteFrom('auth_session').where('staff_id', '=', staffId).returning('id_hash').execute();
  return rows.length;
}

export async function touch(db: Db, id: number, at: Date) {
  await db.updateTable('staff').set({ last_seen_at: at }).where('id', '=', id).execute();
}

/** Puts a revoked person's support threads back in the queue. */
export async function releaseThreads(db: Db, staffId: number) {
  return db
    .updateTable('support_thread')
    .set({ assignee_id: null, assigned_at: null })
    .where('assignee_id', '=', staffId)
    .returning(['team_id', 'unread_admin', 'handled'])
    .execute();
}
