import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration never imports app code. The whole schema the game needs,
// with the rules the database can hold held here (unique keys, foreign keys, checks).
export async function up(db: Kysely<any>): Promise<void> {
  // One statement per query: the embedded driver runs prepared statements, which hold one each.
  for (const statement of splitStatements(SCHEMA)) await sql.raw(statement).execute(db);
}

/** Splits on `;` at line ends, keeping dollar-quoted function bodies whole. */
function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of text.split('\n')) {
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    current += `${line}\n`;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out.filter((s) => !/^(--[^\n]*\n?)*$/.test(s));
}

const SCHEMA = `
    create table app_secret (
      name text primary key,
      value text not null,
      created_at timestamptz not null default now()
    );

    create table event (
      id integer primary key default 1 check (id = 1),
      name text not null default 'Jamboree' check (char_length(name) between 1 and 80),
      state text not null default 'draft' check (state in ('draft', 'running', 'paused', 'ended')),
      started_at timestamptz,
      ends_at timestamptz,
      paused_at timestamptz,
      duration_minutes integer not null default 120 check (duration_minutes between 1 and 10080),
      freeze_minutes integer not null default 30 check (freeze_minutes between 0 and 10080),
      frozen_at timestamptz,
      revealed boolean not null default false,
      max_team_size integer not null default 4 check (max_team_size between 1 and 20),
      attempts_per_minute integer not null default 10 check (attempts_per_minute between 1 and 1000),
      penalty_mode text not null default 'on-solve' check (penalty_mode in ('on-solve', 'immediate')),
      settings jsonb not null default '{}'::jsonb,
      version integer not null default 0,
      updated_at timestamptz not null default now(),
      check (state = 'draft' or (started_at is not null and ends_at is not null)),
      check ((state = 'paused') = (paused_at is not null))
    );
    insert into event (id) values (1);

    create table player (
      id integer generated always as identity primary key,
      display_name text not null check (char_length(display_name) between 1 and 40),
      language text not null check (language in ('en', 'ja')),
      team_id integer,
      created_at timestamptz not null default now()
    );

    create table team (
      id integer generated always as identity primary key,
      name text not null check (char_length(name) between 1 and 40),
      join_code text not null unique,
      lab_token text not null unique,
      owner_player_id integer references player (id) on delete set null,
      score integer not null default 0,
      solved_tasks integer not null default 0 check (solved_tasks >= 0),
      score_at timestamptz,
      last_solve_at timestamptz,
      disqualified boolean not null default false,
      created_at timestamptz not null default now()
    );
    create unique index team_name_unique on team (lower(name));
    alter table player add constraint player_team_fk foreign key (team_id) references team (id) on delete set null;
    create index player_team_idx on player (team_id);

    create table auth_session (
      id_hash text primary key,
      player_id integer references player (id) on delete cascade,
      is_admin boolean not null default false,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      check (player_id is not null or is_admin)
    );

    create table challenge (
      id text primary key check (id ~ '^[a-z0-9-]+$'),
      position integer not null default 0,
      title jsonb not null,
      category text not null,
      difficulty text not null check (difficulty in ('easy', 'medium', 'hard', 'expert')),
      source text not null,
      summary jsonb not null,
      briefing jsonb not null default '{}'::jsonb,
      tags jsonb not null default '[]'::jsonb,
      content_hash text not null,
      hidden boolean not null default false,
      updated_at timestamptz not null default now()
    );

    create table task (
      challenge_id text not null references challenge (id),
      id text not null,
      position integer not null,
      title jsonb not null,
      prompt jsonb not null,
      points integer not null check (points > 0),
      answer jsonb not null,
      debrief jsonb not null default '{}'::jsonb,
      hidden boolean not null default false,
      primary key (challenge_id, id)
    );

    create table clue (
      challenge_id text not null,
      task_id text not null,
      idx smallint not null check (idx between 1 and 3),
      text jsonb not null,
      penalty integer not null check (penalty >= 0),
      primary key (challenge_id, task_id, idx),
      foreign key (challenge_id, task_id) references task (challenge_id, id)
    );

    create table attempt (
      id bigint generated always as identity primary key,
      team_id integer not null references team (id) on delete cascade,
      player_id integer references player (id) on delete set null,
      challenge_id text not null,
      task_id text not null,
      answer jsonb not null,
      correct boolean not null,
      flags jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      foreign key (challenge_id, task_id) references task (challenge_id, id)
    );
    create index attempt_created_idx on attempt (created_at desc, id desc);
    create index attempt_team_task_idx on attempt (team_id, challenge_id, task_id, created_at);

    create table solve (
      team_id integer not null references team (id) on delete cascade,
      challenge_id text not null,
      task_id text not null,
      player_id integer references player (id) on delete set null,
      attempt_id bigint references attempt (id),
      points integer not null check (points > 0),
      penalty integer not null check (penalty >= 0),
      awarded integer not null check (awarded >= 0 and awarded <= points),
      solved_at timestamptz not null default now(),
      primary key (team_id, challenge_id, task_id),
      foreign key (challenge_id, task_id) references task (challenge_id, id)
    );
    create index solve_task_idx on solve (challenge_id, task_id, solved_at);

    -- Exactly one first solve per task, decided by the primary key, not by a race.
    create table first_solve (
      challenge_id text not null,
      task_id text not null,
      team_id integer not null references team (id) on delete cascade,
      solved_at timestamptz not null,
      primary key (challenge_id, task_id),
      foreign key (challenge_id, task_id) references task (challenge_id, id)
    );
    create index solve_time_idx on solve (solved_at);

    create table clue_unlock (
      team_id integer not null references team (id) on delete cascade,
      challenge_id text not null,
      task_id text not null,
      idx smallint not null check (idx between 1 and 3),
      player_id integer references player (id) on delete set null,
      penalty integer not null check (penalty >= 0),
      unlocked_at timestamptz not null default now(),
      primary key (team_id, challenge_id, task_id, idx),
      foreign key (challenge_id, task_id, idx) references clue (challenge_id, task_id, idx)
    );

    create table score_adjustment (
      id integer generated always as identity primary key,
      team_id integer not null references team (id) on delete cascade,
      points integer not null check (points <> 0 and points between -100000 and 100000),
      reason text not null check (char_length(btrim(reason)) between 1 and 500),
      created_by text not null default 'admin',
      created_at timestamptz not null default now()
    );
    create index score_adjustment_team_idx on score_adjustment (team_id);

    create table chat_message (
      id bigint generated always as identity primary key,
      team_id integer not null references team (id) on delete cascade,
      channel text not null check (channel in ('team', 'support')),
      author_player_id integer references player (id) on delete set null,
      author_name text not null,
      author_admin boolean not null default false,
      language text not null check (language in ('en', 'ja')),
      text text not null check (char_length(text) between 1 and 1000),
      created_at timestamptz not null default now()
    );
    create index chat_message_team_idx on chat_message (team_id, channel, id desc);

    create table chat_translation (
      message_id bigint not null references chat_message (id) on delete cascade,
      language text not null check (language in ('en', 'ja')),
      text text,
      status text not null default 'pending' check (status in ('pending', 'done', 'failed')),
      tries integer not null default 0,
      updated_at timestamptz not null default now(),
      primary key (message_id, language)
    );

    create table support_thread (
      team_id integer primary key references team (id) on delete cascade,
      handled boolean not null default false,
      unread_admin integer not null default 0 check (unread_admin >= 0),
      last_message_at timestamptz not null default now()
    );

    create table announcement (
      id integer generated always as identity primary key,
      text text not null check (char_length(text) between 1 and 1000),
      level text not null check (level in ('info', 'warning')),
      team_id integer references team (id) on delete cascade,
      dismiss_after_seconds integer check (dismiss_after_seconds between 1 and 3600),
      created_at timestamptz not null default now()
    );

    create table rating (
      challenge_id text not null references challenge (id),
      player_id integer not null references player (id) on delete cascade,
      team_id integer not null references team (id) on delete cascade,
      stars smallint not null check (stars between 1 and 5),
      comment text check (char_length(comment) <= 500),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (challenge_id, player_id)
    );

    create table event_log (
      id bigint generated always as identity primary key,
      type text not null,
      scope text not null check (scope in ('public', 'team', 'admin')),
      team_id integer,
      payload jsonb not null,
      created_at timestamptz not null default now(),
      check (scope <> 'team' or team_id is not null)
    );
    create index event_log_created_idx on event_log (created_at);

    create table audit_log (
      id bigint generated always as identity primary key,
      actor text not null,
      action text not null,
      target text,
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );

    create table lab_request (
      id bigint generated always as identity primary key,
      team_id integer references team (id) on delete cascade,
      lab text not null,
      method text not null,
      path text not null,
      status integer not null,
      created_at timestamptz not null default now()
    );
    create index lab_request_team_idx on lab_request (team_id, id desc);

    -- The realtime outbox: every committed event row wakes every instance (NOTIFY is
    -- delivered at commit, so a rolled-back change is never announced).
    create function event_log_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('jam_event_log', new.id::text);
      return new;
    end $$;
    create trigger event_log_notify after insert on event_log for each row execute function event_log_notify();
`;

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists event_log_notify on event_log`.execute(db);
  await sql`drop function if exists event_log_notify()`.execute(db);
  await sql`
    drop table if exists lab_request, audit_log, event_log, rating, announcement, support_thread,
      chat_translation, chat_message, score_adjustment, clue_unlock, solve, attempt, clue, task,
      challenge, auth_session, first_solve, team, player, event, app_secret cascade
  `.execute(db);
}
