import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports app code.
//
// The fair-play rules of challenge files. `held` is a file's `hidden: true` (loaded, not in
// play) and differs from `hidden`, which marks a challenge gone from the files. An admin's
// decisions outlive reloads: `released_at` (put a held challenge in play) and `opened_at`
// (opened a locked one for everyone). `unlock` is the file's rule as JSON.
const STATEMENTS = [
  'alter table challenge add column held boolean not null default false',
  'alter table challenge add column released_at timestamptz',
  'alter table challenge add column unlock jsonb',
  'alter table challenge add column opened_at timestamptz',
  'alter table task add column attempts integer check (attempts is null or attempts >= 1)',
  'alter table task add column wrong_penalty integer not null default 0 check (wrong_penalty >= 0)',
  'alter table clue add column release_after_minutes integer check (release_after_minutes is null or release_after_minutes >= 0)',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('alter table clue drop column release_after_minutes').execute(db);
  await sql.raw('alter table task drop column wrong_penalty').execute(db);
  await sql.raw('alter table task drop column attempts').execute(db);
  for (const column of ['opened_at', 'unlock', 'released_at', 'held']) {
    await sql.raw(`alter table challenge drop column ${column}`).execute(db);
  }
}
