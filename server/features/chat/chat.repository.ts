import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { ChatMessageTable, Database } from '../../db/database.ts';
import type { Language } from '../challenges/challenge.ts';
import type { ChatChannel, ChatMessage, TranslationState } from './chat.ts';

type Db = Kysely<Database> | Transaction<Database>;

function toMessage(row: Selectable<ChatMessageTable> & { staff_name?: string | null }): ChatMessage {
  return {
    id: Number(row.id),
    teamId: row.team_id,
    channel: row.channel,
    authorPlayerId: row.author_player_id,
    authorName: row.author_name,
    authorAdmin: row.author_admin,
    authorStaffId: row.author_staff_id,
    authorStaffName: row.staff_name ?? null,
    language: row.language,
    text: row.text,
    challengeId: row.challenge_id,
    at: row.created_at,
  };
}

export async function insertMessage(db: Db, values: Omit<ChatMessage, 'id'>): Promise<ChatMessage> {
  const row = await db
    .insertInto('chat_message')
    .values({
      team_id: values.teamId,
      channel: values.channel,
      author_player_id: values.authorPlayerId,
      author_name: values.authorName,
      author_admin: values.authorAdmin,
      author_staff_id: values.authorStaffId,
      language: values.language,
      text: values.text,
      challenge_id: values.challengeId,
      created_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toMessage(row), authorStaffName: values.authorStaffName };
}

function selectMessages(db: Db) {
  return db.selectFrom('chat_message as m').leftJoin('staff as s', 's.id', 'm.author_staff_id').selectAll('m').select('s.name as staff_name');
}

export async function findMessage(db: Db, id: number): Promise<ChatMessage | undefined> {
  const row = await selectMessages(db).where('m.id', '=', id).executeTakeFirst();
  return row && toMessage(row);
}

/** Newest first: the `limit` messages of one channel with id below `before`. */
export async function listMessages(db: Db, teamId: number, channel: ChatChannel, before: number | undefined, limit: number): Promise<ChatMessage[]> {
  let query = selectMessages(db).where('m.team_id', '=', teamId).where('m.channel', '=', channel);
  if (before !== undefined) query = query.where('m.id', '<', before);
  const rows = await query.orderBy('m.id', 'desc').limit(limit).execute();
  return rows.map(toMessage);
}

export async function listTranslations(db: Db, messageIds: number[]): Promise<TranslationState[]> {
  if (messageIds.length === 0) return [];
  const rows = await db
    .selectFrom('chat_translation')
    .select(['message_id', 'language', 'text', 'status', 'tries'])
    .where('message_id', 'in', messageIds)
    .execute();
  return rows.map((r) => ({ messageId: Number(r.message_id), language: r.language, text: r.text, status: r.status, tries: r.tries }));
}

/** The languages of the team's current members. */
export async function teamLanguages(db: Db, teamId: number): Promise<Language[]> {
  const rows = await db.selectFrom('player').select('language').distinct().where('team_id', '=', teamId).execute();
  return rows.map((r) => r.language);
}

/** Adds pending translation rows; rows that already exist are left alone. Returns the added ones. */
export async function insertPendingTranslations(
  db: Db,
  rows: Array<{ messageId: number; language: Language }>,
  at: Date,
): Promise<Array<{ messageId: number; language: Language }>> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('chat_translation')
    .values(rows.map((r) => ({ message_id: r.messageId, language: r.language, updated_at: at })))
    .onConflict((oc) => oc.columns(['message_id', 'language']).doNothing())
    .returning(['message_id', 'language'])
    .execute();
  return inserted.map((r) => ({ messageId: Number(r.message_id), language: r.language }));
}

/** Takes a new message's untried rows (tries 0 → 1): the instance that wrote it translates it. */
export async function claimFresh(db: Db, messageId: number, at: Date): Promise<Language[]> {
  const rows = await db
    .updateTable('chat_translation')
    .set((eb) => ({ tries: eb('tries', '+', 1), updated_at: at }))
    .where('message_id', '=', messageId)
    .where('status', '=', 'pending')
    .where('tries', '=', 0)
    .returning('language')
    .execute();
  return rows.map((r) => r.language);
}

export interface RetryPolicy {
  maxTries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A pending row untouched this long belongs to an instance that died mid-call. */
  stuckMs: number;
  limit: number;
}

/**
 * Takes the rows due for another try: failed ones whose backoff (base · 2^(tries−1), capped)
 * has passed, and stuck pending ones. SKIP LOCKED keeps two instances from taking the same row.
 */
export async function claimDue(db: Db, at: Date, policy: RetryPolicy): Promise<Array<{ messageId: number; language: Language }>> {
  const stuckBefore = new Date(at.getTime() - policy.stuckMs);
  const result = await sql<{ message_id: number; language: Language }>`
    update chat_translation as t
    set status = 'pending', tries = t.tries + 1, updated_at = ${at}
    from (
      select message_id, language from chat_translation
      where (status = 'failed' and tries < ${policy.maxTries}
             and updated_at <= ${at}::timestamptz
               - least(${policy.backoffBaseMs}::float8 * power(2, greatest(tries - 1, 0)), ${policy.backoffMaxMs}::float8) * interval '1 millisecond')
         or (status = 'pending' and tries <= ${policy.maxTries} and updated_at <= ${stuckBefore}::timestamptz)
      order by updated_at
      limit ${policy.limit}
      for update skip locked
    ) as due
    where t.message_id = due.message_id and t.language = due.language
    returning t.message_id, t.language`.execute(db);
  return result.rows.map((r) => ({ messageId: Number(r.message_id), language: r.language }));
}

/** Stores a translation; false when another instance already did (no second event then). */
export async function saveTranslation(db: Db, messageId: number, language: Language, text: string, at: Date): Promise<boolean> {
  const rows = await db
    .updateTable('chat_translation')
    .set({ text, status: 'done', updated_at: at })
    .where('message_id', '=', messageId)
    .where('language', '=', language)
    .where('status', '<>', 'done')
    .returning('message_id')
    .execute();
  return rows.length > 0;
}

export async function markTranslationFailed(db: Db, messageId: number, language: Language, at: Date): Promise<void> {
  await db
    .updateTable('chat_translation')
    .set({ status: 'failed', updated_at: at })
    .where('message_id', '=', messageId)
    .where('language', '=', language)
    .where('status', '=', 'pending')
    .execute();
}

/** Translation rows by status, for the admin's realtime panel. */
export async function translationBacklog(db: Db): Promise<Record<'pending' | 'done' | 'failed', number>> {
  const rows = await db
    .selectFrom('chat_translation')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const out = { pending: 0, done: 0, failed: 0 };
  for (const row of rows) out[row.status] = Number(row.n);
  return out;
}

/** The challenge a player last answered or took a clue on, within their team. */
export async function latestChallengeOf(db: Db, teamId: number, playerId: number): Promise<string | null> {
  const { rows } = await sql<{ challenge_id: string }>`
    select challenge_id from (
      (select challenge_id, created_at as at from attempt where team_id = ${teamId} and player_id = ${playerId} order by created_at desc limit 1)
      union all
      (select challenge_id, unlocked_at as at from clue_unlock where team_id = ${teamId} and player_id = ${playerId} order by unlocked_at desc limit 1)
    ) as latest order by at desc limit 1`.execute(db);
  return rows[0]?.challenge_id ?? null;
}
