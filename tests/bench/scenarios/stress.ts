import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attemptPath } from '../lib/answers.ts';
import { cpuNow, cpuPerRequest, cpuSince } from '../lib/cpu.ts';
import type { BenchEvent } from '../lib/event.ts';
import { expectOk, api } from '../lib/http.ts';
import { checkIntegrity } from '../lib/integrity.ts';
import { runChild } from '../lib/load.ts';
import type { PgCluster } from '../lib/pg.ts';
import { ms, percentile, rate, type Report } from '../lib/report.ts';
import { tempDir } from '../lib/server.ts';
import type { StressResult, StressSpec } from '../lib/stress-child.ts';
import type { BenchSettings } from './settings.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** How often PostgreSQL logged a deadlock so far (each one is an ERROR line). */
function deadlocksLogged(cluster: PgCluster): number {
  try {
    return (fs.readFileSync(cluster.logFile, 'utf8').match(/deadlock detected/g) ?? []).length;
  } catch {
    return 0;
  }
}

/** Batches that failed and were written again one by one, as the servers logged them. */
function fallbacksLogged(event: BenchEvent): number {
  return event.servers.reduce((n, s) => n + (s.output().match(/writing its attempts one by one/g) ?? []).length, 0);
}

/**
 * The burst stress of issue 11: `players` players (the first teams of the seeded event,
 * four members each) act without pauses on every instance of one PostgreSQL: a quarter of
 * their requests unlock a clue, the rest answer right or wrong, on a few shared tasks so
 * that teams, tasks and first solves are contended. The per team-and-task limit is raised
 * (as an admin may) so the per-player limit is the only one; 409 (clue order, already
 * solved) and 429 are answers, a 5xx or a deadlock in the PostgreSQL log is a failure.
 */
export async function measureStress(
  event: BenchEvent,
  cluster: PgCluster,
  group: string,
  report: Report,
  settings: BenchSettings,
  players: number,
): Promise<void> {
  await expectOk(api(event.base, 'PATCH', '/api/admin/event', { attemptsPerMinute: 1000 }, event.admin), 'raise the attempt limit');
  const cookies = event.seed.teams.slice(0, Math.ceil(players / 4)).flatMap((t) => t.cookies.slice(0, 4));
  const tasks = event.seed.tasks
    .filter((t) => t.wrong !== undefined)
    .sort((a, b) => b.clues - a.clues)
    .slice(0, 8)
    .map((t) => ({ path: attemptPath(t).replace(/\/attempts$/, ''), right: t.correct, wrong: t.wrong, clues: t.clues }));
  const dir = tempDir('jam-stress-');
  const specFile = path.join(dir, 'spec.json');
  const resultFile = path.join(dir, 'result.json');
  const spec: StressSpec = { urls: event.servers.map((s) => s.url), cookies: cookies.slice(0, players), tasks, durationSec: settings.stressSec, resultFile };
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const deadlocksBefore = deadlocksLogged(cluster);
  const fallbacksBefore = fallbacksLogged(event);
  try {
    const cpuStart = cpuNow(event.cpu);
    await runChild(path.join(here, '../lib/stress-child.ts'), [specFile], settings.stressSec * 1000 + 120_000);
    const cpu = cpuSince(cpuStart, event.cpu);
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as StressResult;
    const deadlocks = deadlocksLogged(cluster) - deadlocksBefore;
    const fallbacks = fallbacksLogged(event) - fallbacksBefore;
    const fiveXx = Object.entries(r.statuses)
      .filter(([status]) => Number(status) >= 500 || Number(status) === 0)
      .reduce((n, [, v]) => n + v, 0);
    const where = `${spec.cookies.length} players, ${event.servers.length} instances, ${settings.stressSec} s`;
    const kinds = Object.entries(r.byKind)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    report.add({
      group,
      name: `${where}: answers`,
      value: `${r.requests} at ${rate(r.requests / r.seconds)}, p50 ${ms(percentile(r.latencies, 50))}, p99 ${ms(percentile(r.latencies, 99))}; ${cpuPerRequest(cpu, r.requests)}`,
      target: 'none: the load',
      pass: null,
      note: kinds,
    });
    report.add({ group, name: `${where}: "deadlock detected" in the PostgreSQL log`, value: String(deadlocks), target: '0', pass: deadlocks === 0 });
    report.add({
      group,
      name: `${where}: 5xx answers and connection errors`,
      value: String(fiveXx),
      target: '0',
      pass: fiveXx === 0,
      note: r.serverErrors.slice(0, 3).join(' | ') || undefined,
    });
    report.add({ group, name: `${where}: attempt batches written again one by one`, value: String(fallbacks), target: '0', pass: fallbacks === 0 });
    const integrity = await checkIntegrity(event.databaseUrl!, [], []);
    const wrong = [...integrity.wrongTotals, ...integrity.wrongFirsts];
    report.add({
      group,
      name: `${where}: every score = its awards + adjustments, first solves consistent`,
      value: wrong.length === 0 ? 'exact' : `${wrong.length} wrong`,
      target: 'exact',
      pass: wrong.length === 0,
      note: wrong.slice(0, 3).join('; ') || undefined,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
