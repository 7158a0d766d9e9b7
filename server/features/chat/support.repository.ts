import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, SupportThreadTable } from '../../db/database.ts';
import type { Language } from '../challenges/challenge.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface ThreadState {
  teamId: number;
  handled: boolean;
  unread: number;
  lastMessageAt: Date;
  assigneeId: number | null;
  assignedAt: Date | null;
  /** The oldest team message no facilitator has answered; null when nobody waits. */
  waitingSince: Date | null;
  challengeId: string | null;
  handoverNote: string | null;
  handoverBy: number | null;
}

export interface ThreadSummary extends ThreadState {
  teamName: string;
  assigneeName: string | null;
  handoverByName: string | null;
  lastMessage: { text: string; authorName: string; authorAdmin: boolean; language: Language; at: Date } | null;
}

type ThreadRow = Selectable<SupportThreadTable>;

const toState = (row: ThreadRow): ThreadState => ({
  teamId: row.team_id,
  handled: row.handled,
  unread: row.unread_admin,
  lastMessageAt: row.last_message_at,
  assigneeId: row.assignee_id,
  assignedAt: row.assigned_at,
  waitingSince: row.waiting_since,
  challengeId: row.challenge_id,
  handoverNote: row.handover_note,
  handoverBy: row.handover_by,
});

export async function findTeam(db: Db, teamId: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('team').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
}

/**
 * A team wrote: one more unread for the facilitators, the thread needs attention again,
 * the wait starts (unless it already runs), and it carries the challenge the player was on.
 */
export async function recordTeamMessage(db: Db, teamId: number, at: Date, challengeId: string | null): Promise<ThreadState> {
  const row = await db
    .insertInto('support_thread')
    .values({ team_id: teamId, handled: false, unread_admin: 1, last_message_at: at, waiting_since: at, challenge_id: challengeId })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet((eb) => ({
        unread_admin: eb('support_thread.unread_admin', '+', 1),
        handled: false,
        last_message_at: at,
        waiting_since: eb.fn.coalesce('support_thread.waiting_since', eb.val(at)),
        challenge_id: eb.fn.coalesce(eb.val(challengeId), 'support_thread.challenge_id'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toState(row);
}

/** A facilitator answered: they have read the thread, nobody waits, and it is theirs if it was nobody's. */
export async function recordFacilitatorReply(db: Db, teamId: number, at: Date, staffId: number): Promise<ThreadState> {
  const row = await db
    .insertInto('support_thread')
    .values({ team_id: teamId, unread_admin: 0, last_message_at: at, assignee_id: staffId, assigned_at: at })
    .onConflict((oc) =>
      oc.column('team_id').doUpdateSet((eb) => ({
        unread_admin: 0,
        last_message_at: at,
        waiting_since: null,
        assignee_id: eb.fn.coalesce('support_thread.assignee_id', eb.val(staffId)),
        assigned_at: eb.fn.coalesce('support_thread.assigned_at', eb.val(at)),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toState(row);
}

/** Locks a thread row (claims and handovers serialise on it). */
export async function lockThread(db: Transaction<Database>, teamId: number): Promise<ThreadState | undefined> {
  const row = await db.selectFrom('support_thread').selectAll().where('team_id', '=', teamId).forUpdate().executeTakeFirst();
  return row && toState(row);
}

export async function setAssignee(
  db: Db,
  teamId: number,
  values: { assigneeId: number | null; at: Date; note: string | null; by: number | null },
): Promise<ThreadState> {
  const row = await db
    .updateTable('support_thread')
    .set({
      assignee_id: values.assigneeId,
      assigned_at: values.assigneeId === null ? null : values.at,
      handover_note: values.note,
      handover_by: values.by,
    })
    .where('team_id', '=', teamId)
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

/** Handled means answered: nobody is waiting any more (a new message starts the wait again). */
export async function setHandled(db: Db, teamId: number, handled: boolean): Promise<ThreadState | undefined> {
  const row = await db
    .updateTable('support_thread')
    .set(handled ? { handled, waiting_since: null } : { handled })
    .where('team_id', '=', teamId)
    .returningAll()
    .executeTakeFirst();
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
    .leftJoin('staff as a', 'a.id', 'st.assignee_id')
    .leftJoin('staff as h', 'h.id', 'st.handover_by')
    .selectAll('st')
    .select(['t.name as team_name', 'a.name as assignee_name', 'h.name as handover_by_name'])
    .select(['last.text', 'last.author_name', 'last.author_admin', 'last.language', 'last.created_at'])
    .orderBy('st.handled', 'asc')
    .orderBy('st.last_message_at', 'desc')
    .execute();
  return rows.map((r) => ({
    ...toState(r),
    teamName: r.team_name,
    assigneeName: r.assignee_name,
    handoverByName: r.handover_by_name,
    lastMessage:
      r.text !== null && r.created_at !== null
        ? { text: r.text, authorName: r.author_name ?? '', authorAdmin: r.author_admin ?? false, language: r.language ?? 'en', at: r.created_at }
        : null,
  }));
}
