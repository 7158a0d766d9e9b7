import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports app code.
//
// A NOTIFY inside a writing transaction takes a database-wide lock at commit and holds it
// through the commit's WAL flush, so every transaction that appends to event_log committed
// one at a time: with durable commits about 440 a second on the benchmark machine, against
// 2,100+ without (tests/bench/README.md). Sessions that announce their commits themselves
// (the server's pg pool sends one coalesced NOTIFY after each commit) set
// `jam.notify_after_commit = on` and skip the per-row NOTIFY; every other writer (PGlite,
// psql, older servers) keeps it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create or replace function event_log_notify() returns trigger language plpgsql as $$
    begin
      if coalesce(current_setting('jam.notify_after_commit', true), '') <> 'on' then
        perform pg_notify('jam_event_log', new.id::text);
      end if;
      return new;
    end $$`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create or replace function event_log_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('jam_event_log', new.id::text);
      return new;
    end $$`,
    )
    .execute(db);
}
