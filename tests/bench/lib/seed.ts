import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../../server/db/open.ts';
import { hashToken } from '../../../server/features/auth/tokens.ts';
import type { BenchTask } from './answers.ts';

export interface SeedTeam {
  id: number;
  name: string;
  joinCode: string;
  /** One `jam_player=...` cookie per member. */
  cookies: string[];
  /** Indexes into the task list of the tasks this team has already solved. */
  solved: Set<number>;
}

export interface SeededEvent {
  teams: SeedTeam[];
  tasks: BenchTask[];
}

export interface SeedOptions {
  teams: number;
  teamSize: number;
  /** The event started this long ago (solves are spread over it). */
  startedMinutesAgo: number;
  durationMinutes: number;
}

const BATCH = 500;

/** A small deterministic generator, so two runs seed the same event. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function inBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

/**
 * Seeds a running event straight into the database (the API is not what is measured here):
 * teams with their members and player sessions, and a realistic spread of earlier solves
 * (0–30 per team, running totals and first solves consistent with them). The challenges
 * must already be synced (a first server start does that).
 */
export async function seedEvent(handle: DatabaseHandle, tasks: BenchTask[], options: SeedOptions): Promise<SeededEvent> {
  const db = handle.db;
  const random = rng(20261121);
  const now = Date.now();
  const startedAt = new Date(now - options.startedMinutesAgo * 60_000);
  await db
    .updateTable('event')
    .set({
      state: 'running',
      started_at: startedAt,
      ends_at: new Date(startedAt.getTime() + options.durationMinutes * 60_000),
      paused_at: null,
      duration_minutes: options.durationMinutes,
      updated_at: new Date(now),
      version: sql`version + 1`,
    })
    .execute();

  const teamRows = Array.from({ length: options.teams }, (_, i) => ({
    name: `Bench Team ${String(i + 1).padStart(4, '0')}`,
    join_code: `B${(i + 1).toString(36).toUpperCase().padStart(5, '0')}`,
    lab_token: `jam_bench_${randomBytes(12).toString('hex')}`,
  }));
  const teamIds: number[] = [];
  await inBatches(teamRows, async (batch) => {
    const rows = await db.insertInto('team').values(batch).returning('id').execute();
    teamIds.push(...rows.map((r) => r.id));
  });

  const playerRows = teamIds.flatMap((teamId, t) =>
    Array.from({ length: options.teamSize }, (_, m) => ({
      display_name: `Player ${t + 1}-${m + 1}`,
      language: (m % 2 === 0 ? 'en' : 'ja') as 'en' | 'ja',
      team_id: teamId,
    })),
  );
  const playerIds: number[] = [];
  await inBatches(playerRows, async (batch) => {
    const rows = await db.insertInto('player').values(batch).returning('id').execute();
    playerIds.push(...rows.map((r) => r.id));
  });
  await sql`update team t set owner_player_id = (select min(p.id) from player p where p.team_id = t.id)`.execute(db);

  const expires = new Date(now + 7 * 24 * 3600_000);
  const tokens = playerIds.map(() => randomBytes(32).toString('base64url'));
  await inBatches(
    playerIds.map((id, i) => ({ id_hash: hashToken(tokens[i]!), player_id: id, is_admin: false, expires_at: expires })),
    (batch) => db.insertInto('auth_session').values(batch).execute(),
  );

  const teams: SeedTeam[] = teamIds.map((id, t) => ({
    id,
    name: teamRows[t]!.name,
    joinCode: teamRows[t]!.join_code,
    cookies: tokens.slice(t * options.teamSize, (t + 1) * options.teamSize).map((token) => `jam_player=${token}`),
    solved: new Set<number>(),
  }));
  await seedSolves(handle, teams, playerIds, options.teamSize, tasks, random, startedAt.getTime(), now);
  return { teams, tasks };
}

async function seedSolves(
  handle: DatabaseHandle,
  teams: SeedTeam[],
  playerIds: number[],
  teamSize: number,
  tasks: BenchTask[],
  random: () => number,
  from: number,
  to: number,
): Promise<void> {
  const db = handle.db;
  const solves: { team: SeedTeam; player: number; task: number; at: Date }[] = [];
  teams.forEach((team, t) => {
    // Skewed like a real board: many teams with a few solves, some with many.
    const count = Math.floor(30 * random() ** 2);
    const order = shuffle(
      tasks.map((_, i) => i),
      random,
    );
    for (const task of order.slice(0, count)) {
      team.solved.add(task);
      solves.push({ team, player: playerIds[t * teamSize + Math.floor(random() * teamSize)]!, task, at: new Date(from + random() * (to - from - 60_000)) });
    }
  });
  solves.sort((a, b) => a.at.getTime() - b.at.getTime());
  const attemptIds: number[] = [];
  await inBatches(solves, async (batch) => {
    const rows = await db
      .insertInto('attempt')
      .values(
        batch.map((s) => ({
          team_id: s.team.id,
          player_id: s.player,
          challenge_id: tasks[s.task]!.challengeId,
          task_id: tasks[s.task]!.taskId,
          answer: JSON.stringify(tasks[s.task]!.correct),
          correct: true,
          created_at: s.at,
        })),
      )
      .returning('id')
      .execute();
    attemptIds.push(...rows.map((r) => Number(r.id)));
  });
  await inBatches(
    solves.map((s, i) => ({ s, attemptId: attemptIds[i]! })),
    (batch) =>
      db
        .insertInto('solve')
        .values(
          batch.map(({ s, attemptId }) => {
            const task = tasks[s.task]!;
            return {
              team_id: s.team.id,
              challenge_id: task.challengeId,
              task_id: task.taskId,
              player_id: s.player,
              attempt_id: attemptId,
              points: task.points,
              penalty: 0,
              awarded: task.points,
              solved_at: s.at,
            };
          }),
        )
        .execute(),
  );
  await sql`
    insert into first_solve (challenge_id, task_id, team_id, solved_at)
    select distinct on (challenge_id, task_id) challenge_id, task_id, team_id, solved_at
    from solve order by challenge_id, task_id, solved_at
  `.execute(db);
  await sql`
    update team t set score = s.total, solved_tasks = s.n, last_solve_at = s.last_at, score_at = s.last_at
    from (select team_id, sum(awarded)::int as total, count(*)::int as n, max(solved_at) as last_at from solve group by team_id) s
    where s.team_id = t.id
  `.execute(db);
}
