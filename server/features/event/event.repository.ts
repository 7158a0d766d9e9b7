import type { Kysely, Transaction } from 'kysely';
import type { Database, EventRow, EventUpdate } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findEvent(db: Db): Promise<EventRow> {
  return db.selectFrom('event').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Locks the event row for the rest of the transaction (admin actions serialise on it). */
export async function findEventForUpdate(db: Transaction<Database>): Promise<EventRow> {
  return db.selectFrom('event').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
}

export async function updateEvent(db: Db, values: EventUpdate): Promise<EventRow> {
  return db
    .updateTable('event')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', 1)
    .returningAll()
    .executeTakeFirstOrThrow();
}
