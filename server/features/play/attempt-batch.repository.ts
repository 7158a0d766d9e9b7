import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { OutboxEvent } from '../../realtime/events.ts';

/**
 * The statements of a batch of attempts (attempt-writer.ts): one statement per step for the
 * whole batch, rows passed as parallel arrays and expanded with `unnest`. JSON and times
 * travel as text and are cast in SQL, so both drivers serialise them the same way.
 */
type Trx = Transaction<Database>;

export interface TaskKey {
  teamId: number;
  challengeId: string;
  taskId: string;
}

export const keyOf = (k: TaskKey): string => `${k.teamId}\u0000${k.challengeId}\u0000${k.taskId}`;

function columns(keys: TaskKey[]) {
  return { teams: keys.map((k) => k.teamId), challenges: keys.map((k) => k.challengeId), tasks: keys.map((k) => k.taskId) };
}

/** Locks the rows of these teams in id order (so concurrent batches never deadlock); returns their names. */
export async function lockTeams(trx: Trx, teamIds: number[]): Promise<Map<number, string>> {
  if (teamIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; name: string }>`
    select id, name from team where id = any(${teamIds}::int[]) order by id for update`.execute(trx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function teamNames(trx: Trx, teamIds: number[]): Promise<Map<number, string>> {
  if (teamIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; name: string }>`select id, name from team where id = any(${teamIds}::int[])`.execute(trx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The award of each of these team × task pairs that is already solved. */
export async function findSolves(trx: Trx, keys: TaskKey[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const c = columns(keys);
  const { rows } = await sql<{ team_id: number; challenge_id: string; task_id: string; awarded: number }>`
    select s.team_id, s.challenge_id, s.task_id, s.awarded
    from solve s
    join unnest(${c.teams}::int[], ${c.challenges}::text[], ${c.tasks}::text[]) as k(team_id, challenge_id, task_id)
      on s.team_id = k.team_id and s.challenge_id = k.challenge_id and s.task_id = k.task_id`.execute(trx);
  return new Map(rows.map((r) => [keyOf({ teamId: r.team_id, challengeId: r.challenge_id, taskId: r.task_id }), r.awarded]));
}

/** The penalties of the clues each pair has unlocked, in clue order. */
export async function unlockedPenalties(trx: Trx, keys: TaskKey[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (keys.length === 0) return out;
  const c = columns(keys);
  const { rows } = await sql<{ team_id: number; challenge_id: string; task_id: string; penalty: number }>`
    select u.team_id, u.challenge_id, u.task_id, u.penalty
    from clue_unlock u
    join (select distinct * from unnest(${c.teams}::int[], ${c.challenges}::text[], ${c.tasks}::text[])) as k(team_id, challenge_id, task_id)
      on u.team_id = k.team_id and u.challenge_id = k.challenge_id and u.task_id = k.task_id
    order by u.team_id, u.challenge_id, u.task_id, u.idx`.execute(trx);
  for (const r of rows) {
    const key = keyOf({ teamId: r.team_id, challengeId: r.challenge_id, taskId: r.task_id });
    out.set(key, [...(out.get(key) ?? []), r.penalty]);
  }
  return out;
}

export interface AttemptRow extends TaskKey {
  playerId: number;
  answer: unknown;
  correct: boolean;
  flags: string[];
  at: Date;
}

/** Inserts the attempts in order; returns their ids in the same order (checked row by row). */
export async function insertAttempts(trx: Trx, attempts: AttemptRow[]): Promise<number[]> {
  const c = columns(attempts);
  const { rows } = await sql<{ id: number; team_id: number; task_id: string }>`
    insert into attempt (team_id, player_id, challenge_id, task_id, answer, correct, flags, created_at)
    select team_id, player_id, challenge_id, task_id, answer, correct, flags, created_at from unnest(
      ${c.teams}::int[], ${attempts.map((a) => a.playerId)}::int[], ${c.challenges}::text[], ${c.tasks}::text[],
      ${attempts.map((a) => JSON.stringify(a.answer))}::text[]::jsonb[], ${attempts.map((a) => a.correct)}::boolean[],
      ${attempts.map((a) => JSON.stringify(a.flags))}::text[]::jsonb[], ${attempts.map((a) => a.at.toISOString())}::text[]::timestamptz[])
      with ordinality as v(team_id, player_id, challenge_id, task_id, answer, correct, flags, created_at, n)
    order by n
    returning id, team_id, task_id`.execute(trx);
  if (rows.length !== attempts.length || rows.some((r, i) => r.team_id !== attempts[i]!.teamId || r.task_id !== attempts[i]!.taskId)) {
    throw new Error('attempt batch: inserted rows do not line up with the batch');
  }
  return rows.map((r) => Number(r.id));
}

export interface SolveRow extends TaskKey {
  playerId: number;
  attemptId: number;
  points: number;
  penalty: number;
  awarded: number;
  at: Date;
}

/** Inserts solves the caller checked are new (under the team locks); returns how many went in. */
export async function insertSolves(trx: Trx, solves: SolveRow[]): Promise<number> {
  const c = columns(solves);
  const { rows } = await sql<{ team_id: number }>`
    insert into solve (team_id, challenge_id, task_id, player_id, attempt_id, points, penalty, awarded, solved_at)
    select * from unnest(
      ${c.teams}::int[], ${c.challenges}::text[], ${c.tasks}::text[], ${solves.map((s) => s.playerId)}::int[],
      ${solves.map((s) => s.attemptId)}::bigint[], ${solves.map((s) => s.points)}::int[], ${solves.map((s) => s.penalty)}::int[],
      ${solves.map((s) => s.awarded)}::int[], ${solves.map((s) => s.at.toISOString())}::text[]::timestamptz[])
    on conflict (team_id, challenge_id, task_id) do nothing
    returning team_id`.execute(trx);
  return rows.length;
}

/**
 * Adds each team's awards of the batch to its running totals (one row per team). As in
 * addToTeamScore, `score_at` (the tie-break) moves only when the score does.
 */
export async function addSolvesToTeams(trx: Trx, teams: { teamId: number; delta: number; solved: number; at: Date }[]): Promise<void> {
  await sql`
    update team t set score = t.score + v.delta, score_at = case when v.delta <> 0 then v.at else t.score_at end,
      solved_tasks = t.solved_tasks + v.solved, last_solve_at = v.at
    from unnest(${teams.map((t) => t.teamId)}::int[], ${teams.map((t) => t.delta)}::int[], ${teams.map((t) => t.solved)}::int[],
      ${teams.map((t) => t.at.toISOString())}::text[]::timestamptz[]) as v(id, delta, solved, at)
    where t.id = v.id`.execute(trx);
}

/** Claims first solves in the given order (the earlier row wins a tie); returns the keys that won. */
export async function claimFirstSolves(trx: Trx, solves: (TaskKey & { at: Date })[]): Promise<Set<string>> {
  const c = columns(solves);
  const { rows } = await sql<{ team_id: number; challenge_id: string; task_id: string }>`
    insert into first_solve (challenge_id, task_id, team_id, solved_at)
    select challenge_id, task_id, team_id, solved_at
    from unnest(${c.challenges}::text[], ${c.tasks}::text[], ${c.teams}::int[], ${solves.map((s) => s.at.toISOString())}::text[]::timestamptz[])
      with ordinality as v(challenge_id, task_id, team_id, solved_at, n)
    order by n
    on conflict (challenge_id, task_id) do nothing
    returning team_id, challenge_id, task_id`.execute(trx);
  return new Set(rows.map((r) => keyOf({ teamId: r.team_id, challengeId: r.challenge_id, taskId: r.task_id })));
}

/** appendEvent (realtime/outbox.ts) for many events at once; ids follow the array order. */
export async function appendEvents(trx: Trx, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql`
    insert into event_log (type, scope, team_id, payload)
    select type, scope, team_id, payload from unnest(${events.map((e) => e.type)}::text[], ${events.map((e) => e.scope)}::text[],
      ${events.map((e) => (e.scope === 'team' ? e.teamId : (e.teamId ?? null)))}::int[], ${events.map((e) => JSON.stringify(e.payload))}::text[]::jsonb[])
    with ordinality as v(type, scope, team_id, payload, n)
    order by n`.execute(trx);
}

export interface WrongAttemptRow extends TaskKey {
  playerId: number;
  playerName: string;
  answer: unknown;
  flags: string[];
  at: Date;
}

/**
 * A batch of wrong attempts in ONE statement (so one round trip and one commit): the
 * attempts, their `submission` events (with the attempt id and the team's name, built as
 * appendEvent would), and whether each pair was already solved. Identity values follow
 * the insertion order, so numbering the new ids gives back each row's place in the batch.
 */
export async function insertWrongAttempts(db: Kysely<Database>, rows: WrongAttemptRow[]): Promise<{ id: number; solved: boolean }[]> {
  const c = columns(rows);
  const { rows: out } = await sql<{ n: number; id: number; solved: boolean }>`
    with v as (
      select * from unnest(
        ${c.teams}::int[], ${rows.map((r) => r.playerId)}::int[], ${c.challenges}::text[], ${c.tasks}::text[],
        ${rows.map((r) => JSON.stringify(r.answer))}::text[]::jsonb[], ${rows.map((r) => JSON.stringify(r.flags))}::text[]::jsonb[],
        ${rows.map((r) => r.at.toISOString())}::text[], ${rows.map((r) => r.playerName)}::text[])
        with ordinality as v(team_id, player_id, challenge_id, task_id, answer, flags, at, player_name, n)
    ),
    a as (
      insert into attempt (team_id, player_id, challenge_id, task_id, answer, correct, flags, created_at)
      select team_id, player_id, challenge_id, task_id, answer, false, flags, at::timestamptz from v order by n
      returning id
    ),
    numbered as (select id, row_number() over (order by id) as n from a),
    logged as (
      insert into event_log (type, scope, team_id, payload)
      select 'submission', 'admin', v.team_id, jsonb_build_object(
          'id', numbered.id, 'teamId', v.team_id, 'teamName', coalesce(t.name, ''), 'playerName', v.player_name,
          'challengeId', v.challenge_id, 'taskId', v.task_id, 'answer', v.answer, 'correct', false, 'flags', v.flags, 'at', v.at)
      from v join numbered on numbered.n = v.n left join team t on t.id = v.team_id
      order by v.n
    )
    select v.n, numbered.id,
      exists (select 1 from solve s where s.team_id = v.team_id and s.challenge_id = v.challenge_id and s.task_id = v.task_id) as solved
    from v join numbered on numbered.n = v.n
    order by v.n`.execute(db);
  if (out.length !== rows.length) throw new Error('wrong attempt batch: inserted rows do not line up with the batch');
  return out.map((r) => ({ id: Number(r.id), solved: r.solved }));
}
