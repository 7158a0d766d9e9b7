import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports app code.
//
// The outbox announces its own commits: every transaction that appends to event_log runs
// through the server's transaction helper, which sends one coalesced NOTIFY once it has
// committed. The per-row trigger (quiet for the server's pool since 2026_11_22) goes; a row
// written by hand (psql) is still relayed, within the listeners' one-second safety poll.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists event_log_notify on event_log`.execute(db);
  await sql`drop function if exists event_log_notify()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
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
  await sql`create trigger event_log_notify after insert on event_log for each row execute function event_log_notify()`.execute(db);
}
