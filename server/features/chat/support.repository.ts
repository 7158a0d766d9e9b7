import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Language } from '../challenges/challenge.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ThreadState {
  teamId: number;
  handled: boolean;
  unread: number;
  lastMessageAt: Date;
}

export interface ThreadSummary extends ThreadState {
  teamName: string;
  lastMessage: { text: string; authorName: string; authorAdmin: boolean; language: Language; at: Date } | null;
}

const toState = (row: { team_id: number; handled: boolean; unread_admin: number; last_message_at: Date }): ThreadState => ({
  teamId: row.team_id,
  handled: row.handled,
  unread: row.unread_admin,
  lastMessageAt: row.last_message_at,
});

export async function findTeam(db: Db, teamId: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('team').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
}

/** A team wrote: one more unread for the facilitators, and the thread needs attention again. */
export async function recordTeamMessage(db: Db, teamId: number, at: Date): Promise<ThreadState> {
  const row = await db
    .insertInto('support_thread')
    .values({ team_id: teamId, handled: false, unread_admin: 1, last_message_at: at })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet((eb) => ({ unread_admin: eb('support_thread.unread_admin', '+', 1), handled: false, last_message_at: at })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toState(row);
}

/** A facilitator answered: they have read the thread. */
export async function recordFacilitatorReply(db: Db, teamId: number, at: Date): Promise<ThreadState> {
  const row = await db
    .insertInto('support_thread')
    .values({ team_id: teamId, unread_admin: 0, last_message_at: at })
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ unread_admin: 0, last_message_at: at }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return toState(row);
}

export async function findThread(db: Db, teamId: number): Promise<ThreadState | undefined> {
  const row = await db.selectFrom('support_thread').selectAll().where('team_id', '=', teamId).executeTakeFirst();
  return row && toState(row);
}

/** Clears the unread count; undefined when there was nothing unread. */
export async function markRead(db: Db, teamId: number): Promise<ThreadState | undefined> {
  const row = await db
    .updateTable('support_thread')
    .set({ unread_admin: 0 })
    .where('team_id', '=', teamId)
    .where('unread_admin', '>', 0)
    .returningAll()
    .executeTakeFirst();
  return row && toState(row);
}

export async function setHandled(db: Db, teamId: number, handled: boolean): Promise<ThreadState | undefined> {
  const row = await db.updateTable('support_thread').set({ handled }).where('team_id', '=', teamId).returningAll().executeTakeFirst();
  return row && toState(row);
}

/** The inbox: threads needing attention first, then the most recently active. */
export async function listThreads(db: Db): Promise<ThreadSummary[]> {
  const rows = await db
    .selectFrom('support_thread as st')
    .innerJoin('team as t', 't.id', 'st.team_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('chat_message as m')
          .select(['m.text', 'm.author_name', 'm.author_admin', 'm.language', 'm.created_at'])
          .whereRef('m.team_id', '=', 'st.team_id')
          .where('m.channel', '=', 'support')
          .orderBy('m.id', 'desc')
          .limit(1)
          .as('last'),
      (join) => join.onTrue(),
    )
    .select(['st.team_id', 'st.handled', 'st.unread_admin', 'st.last_message_at', 't.name as team_name'])
    .select(['last.text', 'last.author_name', 'last.author_admin', 'last.language', 'last.created_at'])
    .orderBy('st.handled', 'asc')
    .orderBy('st.last_message_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...toState(r),
    teamName: r.team_name,
    lastMessage:
      r.text !== null && r.created_at !== null
        ? { text: r.text, authorName: r.author_name ?? '', authorAdmin: r.author_admin ?? false, language: r.language ?? 'en', at: r.created_at }
        : null,
  }));
}

export async function insertAudit(db: Db, entry: { action: string; target: string | null; details: Record<string, unknown> }): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ actor: 'admin', action: entry.action, target: entry.target, details: JSON.stringify(entry.details) })
    .execute();
}
