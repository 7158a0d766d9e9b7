import { type Kysely, sql } from 'kysely';

/**
 * Hands-on labs keep each team's simulated resources here: one row per team and lab, the
 * lab's own JSON state and a version bumped on every write. The size check is the last
 * guard behind the labs' own bounds. Lab calls gain the AWS service, operation and error
 * code they were answered with, so facilitators can filter them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table lab_state (
      team_id integer not null references team (id) on delete cascade,
      lab text not null,
      state jsonb not null,
      version integer not null default 1,
      resets integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (team_id, lab),
      constraint lab_state_bounded check (octet_length(state::text) <= 1048576),
      constraint lab_state_resets_nonnegative check (resets >= 0)
    )
  `.execute(db);
  // One statement each: PGlite runs a migration's statements as prepared statements.
  await sql`alter table lab_request add column service text`.execute(db);
  await sql`alter table lab_request add column operation text`.execute(db);
  await sql`alter table lab_request add column error_code text`.execute(db);
  await sql`create index lab_request_id_idx on lab_request (id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists lab_request_id_idx`.execute(db);
  await sql`alter table lab_request drop column if exists error_code`.execute(db);
  await sql`alter table lab_request drop column if exists operation`.execute(db);
  await sql`alter table lab_request drop column if exists service`.execute(db);
  await sql`drop table if exists lab_state`.execute(db);
}
