import { attemptPath } from '../lib/answers.ts';
import type { BenchEvent, Pair } from '../lib/event.ts';
import { api } from '../lib/http.ts';
import { checkIntegrity, type SentPair } from '../lib/integrity.ts';
import type { Report } from '../lib/report.ts';
import { startBenchServer, type BenchServer } from '../lib/server.ts';

export interface CrashLoad {
  sent: SentPair[];
  acknowledged: SentPair[];
  errors: number;
  /** Settles once every loop stopped (the server went away or `stop()` was called). */
  done: Promise<void>;
  stop(): void;
}

/**
 * Correct attempts on distinct pairs from `concurrency` loops until the server stops
 * answering (or `stop()`). A pair counts as acknowledged only on a 200 that says it was a
 * new solve: what a player would have seen confirmed.
 */
export function crashLoad(url: string, pairs: Pair[], concurrency: number): CrashLoad {
  let stopped = false;
  let next = 0;
  const load: CrashLoad = {
    sent: [],
    acknowledged: [],
    errors: 0,
    done: Promise.resolve(),
    stop: () => {
      stopped = true;
    },
  };
  load.done = Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!stopped && next < pairs.length) {
        const pair = pairs[next++]!;
        const key = { teamId: pair.team.id, challengeId: pair.task.challengeId, taskId: pair.task.taskId };
        load.sent.push(key);
        try {
          const res = await api(url, 'POST', attemptPath(pair.task), { answer: pair.task.correct }, pair.cookie);
          if (res.status === 200 && res.body.correct && !res.body.alreadySolved) load.acknowledged.push(key);
          else load.errors += 1;
        } catch {
          load.errors += 1;
          // The server is gone: this loop stops, the others find out on their next request.
          return;
        }
      }
    }),
  ).then(() => {});
  return load;
}

/**
 * Resilience: `kill -9` the server while correct attempts stream in, start it again on the
 * same database, and check that every acknowledged attempt is there exactly once and that
 * the running totals equal the recomputation from the solves.
 */
export async function measureKill9(event: BenchEvent, group: string, report: Report): Promise<void> {
  const server = event.servers[0]!;
  const result = crashLoad(server.url, event.pairs.take(200_000), 64);
  await new Promise((r) => setTimeout(r, 3000));
  await server.stop('SIGKILL');
  await result.done;
  let restarted: BenchServer | undefined;
  try {
    const t0 = Date.now();
    restarted = await startBenchServer({ databaseUrl: event.databaseUrl, dataDir: event.dataDirs[0]! });
    const restartSeconds = (Date.now() - t0) / 1000;
    const integrity = await checkIntegrity(event.databaseUrl!, result.sent, result.acknowledged);
    const board = await api(restarted.url, 'GET', '/api/scoreboard?limit=500');
    report.add({
      group,
      name: 'kill -9 under load, restart',
      value: `${result.acknowledged.length} acknowledged of ${result.sent.length} sent; back in ${restartSeconds.toFixed(1)} s`,
      target: 'restarts on the same database',
      pass: board.status === 200,
    });
    const lost = integrity.missing.length;
    const twice = integrity.doubled.length;
    report.add({
      group,
      name: 'every acknowledged attempt stored, none twice',
      value: `${lost} missing, ${twice} twice`,
      target: '0 missing, 0 twice',
      pass: lost === 0 && twice === 0 && result.acknowledged.length > 0,
      note: [...integrity.missing, ...integrity.doubled].slice(0, 3).join('; ') || undefined,
    });
    report.add({
      group,
      name: 'team totals equal solves + adjustments; first solves consistent',
      value: `${integrity.wrongTotals.length} teams off, ${integrity.wrongFirsts.length} tasks off`,
      target: '0 and 0',
      pass: integrity.wrongTotals.length === 0 && integrity.wrongFirsts.length === 0,
      note: [...integrity.wrongTotals, ...integrity.wrongFirsts].slice(0, 3).join('; ') || undefined,
    });
  } finally {
    await restarted?.stop();
  }
}
