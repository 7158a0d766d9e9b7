import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AnnouncementTable, Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type AnnouncementRow = Selectable<AnnouncementTable> & { team_name?: string | null };

export async function insertAnnouncement(
  db: Db,
  values: {
    text: string;
    texts: Partial<Record<'en' | 'ja', string>> | null;
    level: 'info' | 'warning';
    teamId: number | null;
    dismissAfterSeconds: number | null;
    at: Date;
  },
): Promise<AnnouncementRow> {
  return db
    .insertInto('announcement')
    .values({
      text: values.text,
      texts: values.texts === null ? null : JSON.stringify(values.texts),
      level: values.level,
      team_id: values.teamId,
      dismiss_after_seconds: values.dismissAfterSeconds,
      created_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Newest first: the public ones, plus one team's when `teamId` is given. */
export async function listVisible(db: Db, teamId: number | null, limit: number): Promise<AnnouncementRow[]> {
  return db
    .selectFrom('announcement')
    .selectAll()
    .where((eb) => (teamId === null ? eb('team_id', 'is', null) : eb.or([eb('team_id', 'is', null), eb('team_id', '=', teamId)])))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function listAll(db: Db, limit: number): Promise<AnnouncementRow[]> {
  return db
    .selectFrom('announcement as a')
    .leftJoin('team as t', 't.id', 'a.team_id')
    .selectAll('a')
    .select('t.name as team_name')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

export async function teamExists(db: Db, teamId: number): Promise<boolean> {
  return (await db.selectFrom('team').select('id').where('id', '=', teamId).executeTakeFirst()) !== undefined;
}
