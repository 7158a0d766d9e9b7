import fs from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../../server/db/open.ts';
import { loadBenchTasks, attemptPath, type BenchTask } from './answers.ts';
import type { CpuSources } from './cpu.ts';
import { adminCookie } from './http.ts';
import type { PlannedRequest } from './load.ts';
import type { PgCluster } from './pg.ts';
import { seedEvent, type SeededEvent, type SeedTeam } from './seed.ts';
import { startBenchServer, tempDir, type BenchServer } from './server.ts';

export interface BenchEvent {
  seed: SeededEvent;
  servers: BenchServer[];
  /** The first instance's URL. */
  base: string;
  admin: string;
  pairs: PairPool;
  databaseUrl: string | undefined;
  /** One per instance (the first holds the PGlite data). */
  dataDirs: string[];
  /** What CPU per request counts: the servers and the PostgreSQL cluster. */
  cpu: CpuSources;
  stop(): Promise<void>;
}

export interface PrepareOptions {
  /** Real PostgreSQL (a fresh database on this cluster); without it, embedded PGlite. */
  cluster?: PgCluster;
  instances?: number;
  teams?: number;
  teamSize?: number;
  profileDir?: string | undefined;
}

let databases = 0;

/**
 * A running event like the middle of a real one: a first start migrates and syncs the
 * bundled challenges, the teams, sessions and earlier solves are seeded straight into the
 * database, then the instances start for real and read it.
 */
export async function prepareEvent(options: PrepareOptions): Promise<BenchEvent> {
  let databaseUrl: string | undefined;
  if (options.cluster) {
    const name = `jam_bench_${process.pid}_${(databases += 1)}`;
    const admin = new pg.Client({ connectionString: options.cluster.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    databaseUrl = options.cluster.databaseUrl(name);
  }
  const dataDirs = Array.from({ length: options.instances ?? 1 }, () => tempDir('jam-bench-data-'));
  const first = await startBenchServer({ databaseUrl, dataDir: dataDirs[0]! });
  await first.stop();

  const { tasks } = await loadBenchTasks();
  const handle = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDirs[0]! });
  let seed: SeededEvent;
  try {
    seed = await seedEvent(handle, tasks, { teams: options.teams ?? 2000, teamSize: options.teamSize ?? 4, startedMinutesAgo: 60, durationMinutes: 240 });
  } finally {
    await handle.close();
  }
  // One after another: four instances migrating and syncing at once on a loaded two-core
  // machine ran past the pool's 3 s connect timeout at start.
  const servers: BenchServer[] = [];
  for (const dataDir of dataDirs) servers.push(await startBenchServer({ databaseUrl, dataDir, profileDir: options.profileDir }));
  const base = servers[0]!.url;
  return {
    seed,
    servers,
    base,
    admin: await adminCookie(base),
    pairs: new PairPool(seed.teams, tasks),
    databaseUrl,
    dataDirs,
    cpu: { pids: () => servers.map((s) => s.pid), clusters: () => (options.cluster ? [options.cluster.dataDir] : []) },
    async stop() {
      await Promise.all(servers.map((s) => s.stop()));
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Pair {
  team: SeedTeam;
  task: BenchTask;
  taskIndex: number;
  cookie: string;
}

/**
 * Hands out team × task pairs the team has not solved yet, each once, spread over the
 * teams (round robin) and over each team's members, so neither the per-player nor the
 * per-team-and-task rate limit caps the load.
 */
export class PairPool {
  private readonly remaining: number[][];
  private teamCursor = 0;
  private memberCursor = 0;
  private readonly reserved = new Set<number>();
  readonly solvedByBench: Pair[] = [];

  constructor(
    private readonly teams: SeedTeam[],
    private readonly tasks: BenchTask[],
  ) {
    this.remaining = teams.map((team) => tasks.map((_, i) => i).filter((i) => !team.solved.has(i)));
  }

  take(count: number): Pair[] {
    const out: Pair[] = [];
    let idle = 0;
    while (out.length < count && idle < this.teams.length) {
      const t = this.teamCursor;
      this.teamCursor = (this.teamCursor + 1) % this.teams.length;
      if (this.teamCursor === 0) this.memberCursor += 1;
      const taskIndex = this.reserved.has(this.teams[t]!.id) ? undefined : this.remaining[t]!.shift();
      if (taskIndex === undefined) {
        idle += 1;
        continue;
      }
      idle = 0;
      const team = this.teams[t]!;
      out.push({ team, task: this.tasks[taskIndex]!, taskIndex, cookie: team.cookies[this.memberCursor % team.cookies.length]! });
    }
    return out;
  }

  /** Keeps these teams out of `take`: only `takeForTeam` changes their scores. */
  reserve(teamIds: number[]): void {
    for (const id of teamIds) this.reserved.add(id);
  }

  /** One pair of a given team (the staleness probe needs a team it can see on the board). */
  takeForTeam(teamId: number): Pair | undefined {
    const t = this.teams.findIndex((team) => team.id === teamId);
    const taskIndex = t === -1 ? undefined : this.remaining[t]!.shift();
    if (taskIndex === undefined) return undefined;
    const team = this.teams[t]!;
    return { team, task: this.tasks[taskIndex]!, taskIndex, cookie: team.cookies[0]! };
  }
}

/** Attempt requests for a load plan: cookies deduplicated into the plan's table. */
export function attemptRequests(items: { cookie: string; task: BenchTask; answer: unknown }[]): { requests: PlannedRequest[]; cookies: string[] } {
  const cookies: string[] = [];
  const index = new Map<string, number>();
  const requests = items.map(({ cookie, task, answer }): PlannedRequest => {
    let i = index.get(cookie);
    if (i === undefined) {
      i = cookies.push(cookie) - 1;
      index.set(cookie, i);
    }
    return ['POST', attemptPath(task), i, JSON.stringify({ answer })];
  });
  return { requests, cookies };
}
