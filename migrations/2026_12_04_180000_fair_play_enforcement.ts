import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports app code.
//
// What enforcing the fair-play rules records:
// - `attempt.penalty`: the points a wrong attempt takes off its task's award (the task's
//   `wrongPenalty` when it was made; 0 for a correct attempt or one after the solve). Stored
//   per attempt, like a clue unlock's penalty, so a reload that changes the rule never
//   reprices attempts already made.
// - `solve.clue_penalty` / `solve.wrong_penalty`: the two parts of what the solve lost, before
//   the award's floor at 0, for the breakdown players and admins see
//   ("100 − 20 clue − 10 wrong = 70"). Solves made before this migration lost clue penalties
//   only.
// - `clue_release`: one row per clue released to every team by `releaseAfterMinutes`. Whether
//   a clue is due comes from the event clock; the row's primary key makes its one-time
//   publication happen once, whichever instance gets there first.
const STATEMENTS = [
  'alter table attempt add column penalty integer not null default 0 check (penalty >= 0)',
  'alter table solve add column clue_penalty integer not null default 0 check (clue_penalty >= 0)',
  'alter table solve add column wrong_penalty integer not null default 0 check (wrong_penalty >= 0)',
  'update solve set clue_penalty = penalty',
  `create table clue_release (
    challenge_id text not null,
    task_id text not null,
    idx smallint not null check (idx between 1 and 3),
    released_at timestamptz not null,
    primary key (challenge_id, task_id, idx)
  )`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw('drop table clue_release').execute(db);
  await sql.raw('alter table solve drop column wrong_penalty').execute(db);
  await sql.raw('alter table solve drop column clue_penalty').execute(db);
  await sql.raw('alter table attempt drop column penalty').execute(db);
}
