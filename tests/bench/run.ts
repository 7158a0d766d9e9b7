import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { findPgBin } from '../support/postgres-cluster.ts';
import { cleanupAll } from './lib/cleanup.ts';
import { Report } from './lib/report.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { benchSettings } from './scenarios/settings.ts';

/**
 * `npm run bench [-- --quick] [-- --only=reads,attempts,...] [-- --profile=DIR]`: every
 * figure of issue #8 with its target and PASS/MISS, then a summary. Starts its own
 * PostgreSQL and server processes, drives load from child processes, and stops by itself:
 * a run that outlives DEADLINE_MS is cut short with what it measured so far.
 */
const DEADLINE_MS = 30 * 60_000;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const profileArg = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const profileDir = profileArg ? path.resolve(profileArg) : undefined;
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

function describeMachine(): string {
  const pgBin = findPgBin();
  let pg = 'not installed';
  if (pgBin) pg = execFileSync(path.join(pgBin, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return [
    `machine: ${os.cpus().length} CPUs (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `node ${process.version}, ${pg}; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const settings = benchSettings(quick, profileDir);
  const report = new Report();
  console.log(`Jamboree benchmarks${quick ? ' (quick)' : ''}\n${describeMachine()}\n`);
  const started = Date.now();
  let timedOut = false;
  const deadline = new Promise<void>((resolve) =>
    setTimeout(() => {
      timedOut = true;
      resolve();
    }, DEADLINE_MS).unref(),
  );
  for (const scenario of SCENARIOS) {
    if (only ? !only.includes(scenario.name) : scenario.onlyWhenNamed) continue;
    if (timedOut) {
      report.notMeasured(scenario.title, 'all figures', 'see the issue', 'the overall deadline passed first');
      continue;
    }
    console.log(`\n== ${scenario.title}`);
    const t0 = Date.now();
    try {
      await Promise.race([scenario.run(report, settings), deadline]);
      if (timedOut) report.notMeasured(scenario.title, 'remaining figures', 'see the issue', `cut off at the ${DEADLINE_MS / 60_000} min deadline`);
    } catch (error) {
      report.notMeasured(scenario.title, 'scenario', 'see the issue', `failed: ${(error as Error).stack ?? String(error)}`);
    } finally {
      await cleanupAll();
    }
    console.log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  report.print();
  console.log(
    `\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s${profileDir ? `; CPU profiles in ${profileDir} (node --import tsx tests/bench/profile-summary.ts ${profileDir})` : ''}`,
  );
  return report.figures.some((f) => f.pass === false) ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (error: Error) => {
    console.error(error.stack ?? error.message);
    await cleanupAll();
    process.exit(1);
  });
