import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { PER_EVENT_TABLES } from './per-event-tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertArchive(
  db: Db,
  values: {
    eventName: string;
    startedAt: Date | null;
    endedAt: Date | null;
    at: Date;
    by: string;
    teams: number;
    players: number;
    results: unknown;
    resultsCsv: string;
    submissionsCsv: string;
  },
) {
  return db
    .insertInto('event_archive')
    .values({
      event_name: values.eventName,
      started_at: values.startedAt,
      ended_at: values.endedAt,
      archived_at: values.at,
      archived_by: values.by,
      teams: values.teams,
      players: values.players,
      results: JSON.stringify(values.results),
      results_csv: values.resultsCsv,
      submissions_csv: values.submissionsCsv,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Newest first, without the (large) files. */
export async function listArchives(db: Db) {
  return db
    .selectFrom('event_archive')
    .select(['id', 'event_name', 'started_at', 'ended_at', 'archived_at', 'archived_by', 'teams', 'players'])
    .orderBy('id', 'desc')
    .execute();
}

export async function findArchiveFile(db: Db, id: number, file: 'results.json' | 'results.csv' | 'submissions.csv') {
  const column = file === 'results.json' ? 'results' : file === 'results.csv' ? 'results_csv' : 'submissions_csv';
  return db
    .selectFrom('event_archive')
    .select(['event_name', sql<unknown>`${sql.ref(column)}`.as('content')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The attempt log with names, oldest first, for the archive's submissions file. */
export async function listAttemptsForArchive(db: Db) {
  return db
    .selectFrom('attempt as a')
    .innerJoin('team as t', 't.id', 'a.team_id')
    .leftJoin('player as p', 'p.id', 'a.player_id')
    .select(['a.id', 'a.created_at', 't.name as team_name', 'p.display_name', 'a.challenge_id', 'a.task_id', 'a.correct', 'a.answer', 'a.flags'])
    .orderBy('a.id')
    .execute();
}

export async function countPlayers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('player')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Empties every per-event table (per-event-tables.ts); players' sessions go with them, staff sessions stay. */
export async function emptyEvent(db: Db): Promise<void> {
  await db.deleteFrom('auth_session').where('player_id', 'is not', null).execute();
  for (const table of PER_EVENT_TABLES) await sql`delete from ${sql.table(table)}`.execute(db);
}

export async function setEventCode(db: Db, code: string): Promise<void> {
  await db.updateTable('app_secret').set({ value: code }).where('name', '=', 'event_code').execute();
}

export async function findEventCode(db: Db): Promise<string | undefined> {
  return (await db.selectFrom('app_secret').select('value').where('name', '=', 'event_code').executeTakeFirst())?.value;
}
