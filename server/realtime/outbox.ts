import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { OutboxEvent } from './events.ts';

/**
 * Appends an event to the realtime outbox (`event_log`) inside the caller's transaction.
 * A trigger NOTIFYs every instance at commit, so a change and its announcement commit or
 * roll back together. Services call this; only realtime/ reads the log.
 */
export async function appendEvent(db: Kysely<Database> | Transaction<Database>, event: OutboxEvent): Promise<number> {
  const row = await db
    .insertInto('event_log')
    .values({
      type: event.type,
      scope: event.scope,
      team_id: event.scope === 'team' ? event.teamId : (event.teamId ?? null),
      payload: JSON.stringify(event.payload),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
