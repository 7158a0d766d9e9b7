import { sql } from 'kysely';
import { PREPARED } from '../../db/prepared.ts';
import type { Db, Trx } from '../../db/transaction.ts';
import type { OutboxEvent } from '../../realtime/events.ts';
import { publishWith } from '../../realtime/outbox.ts';
import { totalsUpdate } from '../scoreboard/totals.repository.ts';
import { type AttemptPlan, type PairState, pairKey } from './attempt-plan.ts';

/**
 * The statements of attempt-writer.ts, for a batch of any size: one statement per step,
 * its rows passed as one JSON document and expanded with `jsonb_to_recordset` (times as
 * ISO strings), so both drivers send them the same way.
 */

/** Rows travel as one JSON document (jsonb_to_recordset): cheaper to send and parse than parallel arrays. */
const json = (rows: unknown[]) => JSON.stringify(rows);

export interface PairKey {
  teamId: number;
  challengeId: string;
  taskId: string;
  /** The task has rules (attempts, wrongPenalty): its wrong attempts are counted. */
  ruled: boolean;
}

/**
 * Locks these teams' rows, in the given order. FOR NO KEY UPDATE, not FOR UPDATE: the
 * foreign keys of rows other transactions insert for a team (attempts, unlocks) take KEY
 * SHARE locks on it, which FOR UPDATE would block. With it, a batch holding team A never
 * waits on a batch holding team B for B's attempt rows, so batches cannot wait in a cycle.
 */
export async function lockTeams(trx: Trx, teamIds: readonly number[]): Promise<Map<number, string>> {
  if (teamIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; name: string }>`${sql.raw(PREPARED)}
    select id, name from team where id = any(${teamIds}::int[]) order by id for no key update`.execute(trx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AttemptStateRead {
  pairs: Map<string, PairState>;
  teamNames: Map<number, string>;
  attemptIds: number[];
  /** The tasks among `keys` nobody has solved yet (`taskKey`s): a solve of one claims its first solve. */
  unclaimed: Set<string>;
}

/** The key of a task, as in `AttemptStateRead.unclaimed`. */
export function taskKey(challengeId: string, taskId: string): string {
  return `${challengeId}\u0000${taskId}`;
}

/** Advisory lock namespace of first-solve claims ('JAMF'), apart from the migration lock. */
const FIRST_SOLVE_LOCKS = 0x4a414d46;

/**
 * Takes a transaction lock per task about to be claimed, in the order of the lock keys (two
 * tasks whose keys collide share one lock, never taken in opposite orders by two batches). A
 * batch reads the clock only after this, so of two batches racing for a task's first solve
 * the one that wins also has the earlier time: the loser waits here until the winner commits.
 * Only the first solves of a task pay for it; once a task has one, nobody locks it again.
 */
export async function lockFirstSolveClaims(db: Db, tasks: readonly { challengeId: string; taskId: string }[]): Promise<void> {
  if (tasks.length === 0) return;
  await sql`${sql.raw(PREPARED)}
    select count(pg_advisory_xact_lock(${FIRST_SOLVE_LOCKS}::int, t.k))
    from (select distinct hashtext(challenge_id || '/' || task_id) as k
      from jsonb_to_recordset(${json(tasks.map((t) => ({ challenge_id: t.challengeId, task_id: t.taskId })))}::jsonb) as v(challenge_id text, task_id text)
      order by k) t`.execute(db);
}

/**
 * What the plan needs, in one statement: each pair's solve and unlocked clue penalties (and,
 * for tasks with rules, its wrong attempts and their penalties), the names of teams not
 * already read by `lockTeams`, and `count` new attempt ids (so events can carry them before
 * anything is written).
 */
export async function readAttemptState(db: Db, keys: readonly PairKey[], nameTeamIds: readonly number[], count: number): Promise<AttemptStateRead> {
  const { rows } = await sql<{
    pairs: { t: number; c: string; k: string; s: number | null; p: number[] | null; w: number | null; wp: number | null }[];
    names: { id: number; name: string }[];
    ids: (number | string)[] | null;
    unclaimed: { c: string; k: string }[];
  }>`${sql.raw(PREPARED)}
    with k as (
      select team_id, challenge_id, task_id, bool_or(ruled) as ruled
      from jsonb_to_recordset(${json(keys.map((k) => ({ team_id: k.teamId, challenge_id: k.challengeId, task_id: k.taskId, ruled: k.ruled })))}::jsonb)
        as k(team_id int, challenge_id text, task_id text, ruled boolean)
      group by team_id, challenge_id, task_id
    )
    select
      (select coalesce(json_agg(json_build_object('t', k.team_id, 'c', k.challenge_id, 'k', k.task_id, 's', s.awarded, 'p', u.penalties, 'w', w.wrong, 'wp', w.penalty)), '[]')
        from k
        left join solve s on s.team_id = k.team_id and s.challenge_id = k.challenge_id and s.task_id = k.task_id
        left join lateral (
          select array_agg(c.penalty order by c.idx) as penalties from clue_unlock c
          where c.team_id = k.team_id and c.challenge_id = k.challenge_id and c.task_id = k.task_id
        ) u on true
        -- Counted only for tasks with rules: a one-time filter, so other pairs skip the scan.
        left join lateral (
          select count(*)::int as wrong, sum(a.penalty)::int as penalty from attempt a
          where k.ruled and a.team_id = k.team_id and a.challenge_id = k.challenge_id and a.task_id = k.task_id and not a.correct
        ) w on k.ruled) as pairs,
      (select coalesce(json_agg(json_build_object('id', id, 'name', name)), '[]') from team where id = any(${nameTeamIds}::int[])) as names,
      (select array_agg(nextval(q.seq)) from generate_series(1, ${count}::int), (select pg_get_serial_sequence('attempt', 'id')::regclass as seq) q) as ids,
      (select coalesce(json_agg(json_build_object('c', t.challenge_id, 'k', t.task_id)), '[]')
        from (select distinct challenge_id, task_id from k) t
        where not exists (select 1 from first_solve f where f.challenge_id = t.challenge_id and f.task_id = t.task_id)) as unclaimed`.execute(db);
  const row = rows[0];
  const pairs = new Map<string, PairState>();
  for (const p of row?.pairs ?? []) {
    pairs.set(pairKey(p.t, p.c, p.k), { solved: p.s, penalties: p.p ?? [], wrong: Number(p.w ?? 0), wrongPenalty: Number(p.wp ?? 0) });
  }
  return {
    pairs,
    teamNames: new Map((row?.names ?? []).map((n) => [n.id, n.name])),
    attemptIds: (row?.ids ?? []).map(Number),
    unclaimed: new Set((row?.unclaimed ?? []).map((t) => taskKey(t.c, t.k))),
  };
}

/**
 * Writes a batch of attempts that lock nothing (wrong answers at tasks without rules: each
 * row is the attempt as given, penalty 0) in one statement, ids from the column default,
 * and returns per input, in order, its id and its pair's solve award (null while unsolved),
 * read in the same statement: the state the plan then answers from.
 */
export async function writeUnlockedAttempts(
  db: Db,
  inputs: readonly { teamId: number; playerId: number; challengeId: string; taskId: string; answer: unknown; flags: string[]; at: Date }[],
): Promise<{ ids: number[]; solved: (number | null)[] }> {
  const { rows } = await sql<{ solved: (number | null)[]; ids: (number | string)[] }>`${sql.raw(PREPARED)}
    with v as (
      select v.*, (select s.awarded from solve s where s.team_id = v.team_id and s.challenge_id = v.challenge_id and s.task_id = v.task_id) as solved
      from rows from (jsonb_to_recordset(${json(inputs.map((r) => ({ team_id: r.teamId, player_id: r.playerId, challenge_id: r.challengeId, task_id: r.taskId, answer: r.answer, flags: r.flags, created_at: r.at })))}::jsonb)
        as (team_id int, player_id int, challenge_id text, task_id text, answer jsonb, flags jsonb, created_at timestamptz)) with ordinality as v(team_id, player_id, challenge_id, task_id, answer, flags, created_at, n)
    ),
    new_attempt as (
      insert into attempt (team_id, player_id, challenge_id, task_id, answer, correct, flags, penalty, created_at)
      select team_id, player_id, challenge_id, task_id, answer, false, flags, 0, created_at from v order by n
      returning id
    )
    select (select array_agg(solved order by n) from v) as solved, (select array_agg(id order by id) from new_attempt) as ids`.execute(db);
  const row = rows[0];
  // Identity values follow the insert's order (by n), so the ids in order are the inputs' ids.
  return { ids: (row?.ids ?? []).map(Number), solved: (row?.solved ?? []).map((s) => (s === null ? null : Number(s))) };
}

/**
 * Writes the plan's attempts, solves, first-solve claims, the teams' totals and `events` in
 * one statement; returns the claims that won (`pairKey`s). A `solve` event's `firstSolve`
 * is set from those claims in the same statement (outbox.ts `firstSolvesFrom`). The claims
 * go in the plan's order (sorted by task), so two batches claiming the same tasks take their
 * keys in the same order. The caller holds the teams' rows locked (totals.repository.ts).
 */
export async function writeAttempts(
  db: Db,
  plan: Pick<AttemptPlan, 'attempts' | 'solves' | 'firstSolveClaims' | 'totals'>,
  events: readonly OutboxEvent[] = [],
): Promise<Set<string>> {
  const { attempts: a, solves: s, firstSolveClaims: f, totals } = plan;
  const { rows } = await publishWith<{
    kind: 'solves' | 'first';
    team_id: number | null;
    challenge_id: string | null;
    task_id: string | null;
    n: number | null;
  }>(
    db,
    events,
    (logEvents) => sql`${sql.raw(PREPARED)}
    with new_attempt as (
      insert into attempt (id, team_id, player_id, challenge_id, task_id, answer, correct, flags, penalty, created_at)
      overriding system value
      select id, team_id, player_id, challenge_id, task_id, answer, correct, flags, penalty, created_at
      from jsonb_to_recordset(${json(a.map((r) => ({ id: r.id, team_id: r.teamId, player_id: r.playerId, challenge_id: r.challengeId, task_id: r.taskId, answer: r.answer, correct: r.correct, flags: r.flags, penalty: r.penalty, created_at: r.at })))}::jsonb)
        as v(id bigint, team_id int, player_id int, challenge_id text, task_id text, answer jsonb, correct boolean, flags jsonb, penalty int, created_at timestamptz)
      returning 1
    ),
    new_solve as (
      insert into solve (team_id, challenge_id, task_id, player_id, attempt_id, points, penalty, clue_penalty, wrong_penalty, awarded, solved_at)
      select team_id, challenge_id, task_id, player_id, attempt_id, points, penalty, clue_penalty, wrong_penalty, awarded, solved_at
      from jsonb_to_recordset(${json(s.map((r) => ({ team_id: r.teamId, challenge_id: r.challengeId, task_id: r.taskId, player_id: r.playerId, attempt_id: r.attemptId, points: r.points, penalty: r.penalty, clue_penalty: r.cluePenalty, wrong_penalty: r.wrongPenalty, awarded: r.awarded, solved_at: r.at })))}::jsonb)
        as v(team_id int, challenge_id text, task_id text, player_id int, attempt_id bigint, points int, penalty int, clue_penalty int, wrong_penalty int, awarded int, solved_at timestamptz)
      on conflict (team_id, challenge_id, task_id) do nothing
      returning 1
    ),
    first as (
      insert into first_solve (challenge_id, task_id, team_id, solved_at)
      select challenge_id, task_id, team_id, solved_at
      from rows from (jsonb_to_recordset(${json(f.map((r) => ({ challenge_id: r.challengeId, task_id: r.taskId, team_id: r.teamId, solved_at: r.at })))}::jsonb)
        as (challenge_id text, task_id text, team_id int, solved_at timestamptz)) with ordinality as v(challenge_id, task_id, team_id, solved_at, n)
      order by n
      on conflict (challenge_id, task_id) do nothing
      returning team_id, challenge_id, task_id
    )${totals.length > 0 ? sql`, totals as (${totalsUpdate(totals)})` : sql``}${events.length > 0 ? sql`, logged as (${logEvents})` : sql``}
    select 'solves' as kind, null::int as team_id, null::text as challenge_id, null::text as task_id,
      ((select count(*) from new_solve) + 0 * (select count(*) from new_attempt))::int as n
    union all
    select 'first', team_id, challenge_id, task_id, null from first`,
    { firstSolvesFrom: 'first' },
  );
  const inserted = rows.find((r) => r.kind === 'solves')?.n ?? 0;
  // The team locks make a conflict here impossible: one would mean the plan read stale state.
  if (inserted !== s.length) throw new Error('attempt batch: a solve already existed under the team lock');
  return new Set(rows.filter((r) => r.kind === 'first').map((r) => pairKey(r.team_id as number, r.challenge_id as string, r.task_id as string)));
}
