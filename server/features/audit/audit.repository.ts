import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Who an audit row names: a staff member, or a process acting on its own (`system`). */
export interface AuditActor {
  id: number | null;
  name: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system' };

/** The one way audit rows are written: every row names who did it. */
export async function insertAudit(db: Db, actor: AuditActor, entry: { action: string; target?: string | null; details?: unknown; at?: Date }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor: actor.name,
      actor_id: actor.id,
      action: entry.action,
      target: entry.target ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ...(entry.at && { created_at: entry.at }),
    })
    .execute();
}
