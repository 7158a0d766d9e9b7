import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { attemptPath } from '../lib/answers.ts';
import { cpuNow, cpuSince } from '../lib/cpu.ts';
import { onCleanup } from '../lib/cleanup.ts';
import type { BenchEvent } from '../lib/event.ts';
import { api } from '../lib/http.ts';
import { ms, percentile, type Report } from '../lib/report.ts';
import { tempDir } from '../lib/server.ts';
import type { BenchSettings } from './settings.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

interface ClientsChild {
  connected: number;
  failed: number;
  report(): Promise<{ receipts: Record<string, number[]>; dropped: number }>;
}

/** Starts the SSE clients in their own process and waits until every stream is open. */
async function startClients(url: string, cookies: string[], count: number): Promise<ClientsChild> {
  const dir = tempDir('jam-fanout-');
  const cookiesFile = path.join(dir, 'cookies.json');
  fs.writeFileSync(cookiesFile, JSON.stringify(cookies));
  const child = fork(path.join(here, '../lib/sse-clients-child.ts'), [JSON.stringify({ url, cookiesFile, count, wave: 250 })], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  onCleanup(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const connected = await new Promise<{ connected: number; failed: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('SSE clients did not connect within 120 s')), 120_000);
    child.once('message', (m: { connected: number; failed: number }) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`SSE client process exited with ${code}`)));
  });
  return {
    ...connected,
    report: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('SSE clients did not report within 60 s')), 60_000);
        child.on('message', (m: { type: string; receipts: Record<string, number[]>; dropped: number }) => {
          if (m.type !== 'report') return;
          clearTimeout(timer);
          resolve(m);
        });
        child.send({ type: 'report' });
      }),
  };
}

/**
 * (4) Fan-out: `fanoutClients` players hold `/api/stream` open; solves are committed one a
 * second, and each client notes when it received each one. The delay counts from the moment
 * the attempt was sent (an upper bound on commit → receipt).
 */
export async function measureFanout(event: BenchEvent, group: string, report: Report, settings: BenchSettings): Promise<void> {
  const server = event.servers[0]!;
  const rssBefore = server.rssMb();
  const cookies = event.seed.teams.flatMap((t) => t.cookies).slice(0, settings.fanoutClients);
  const t0 = Date.now();
  const cpuConnect = cpuNow(event.cpu);
  const clients = await startClients(server.url, cookies, settings.fanoutClients);
  const connectSeconds = (Date.now() - t0) / 1000;
  const connectCpu = cpuSince(cpuConnect, event.cpu).serverMs;
  // Server CPU while the solves fan out (the attempts themselves included).
  const cpuSolves = cpuNow(event.cpu);
  let rssHolding = server.rssMb();
  const sentAt = new Map<string, number>();
  let failedSolves = 0;
  for (const pair of event.pairs.take(settings.fanoutSolves)) {
    const key = `${pair.team.id}/${pair.task.challengeId}/${pair.task.taskId}`;
    const at = Date.now();
    const res = await api(server.url, 'POST', attemptPath(pair.task), { answer: pair.task.correct }, pair.cookie);
    if (res.status === 200 && res.body.correct && !res.body.alreadySolved) sentAt.set(key, at);
    else failedSolves += 1;
    rssHolding = Math.max(rssHolding, server.rssMb());
    await new Promise((r) => setTimeout(r, 1000));
  }
  await new Promise((r) => setTimeout(r, 3000));
  const solvesCpu = cpuSince(cpuSolves, event.cpu).serverMs;
  rssHolding = Math.max(rssHolding, server.rssMb());
  const { receipts, dropped } = await clients.report();

  const delays: number[] = [];
  let complete = 0;
  for (const [key, at] of sentAt) {
    const got = receipts[key] ?? [];
    if (got.length >= clients.connected) complete += 1;
    for (const t of got) delays.push(t - at);
  }
  const expected = sentAt.size * clients.connected;
  report.add({
    group,
    name: `SSE clients connected`,
    value: `${clients.connected} of ${settings.fanoutClients} in ${connectSeconds.toFixed(1)} s`,
    target: `all ${settings.fanoutClients}`,
    pass: clients.connected === settings.fanoutClients,
    note: `server CPU ${(connectCpu / Math.max(1, clients.connected)).toFixed(2)} ms per stream opened${clients.failed > 0 ? `; ${clients.failed} failed` : ''}`,
  });
  if (delays.length === 0) {
    report.notMeasured(group, 'fan-out delay', 'p99 ≤ 500 ms', `no solve event reached a client (${failedSolves} solves failed)`);
  } else {
    const missing = expected - delays.length;
    report.add({
      group,
      name: `fan-out delay, send → receipt (${sentAt.size} solves × ${clients.connected} clients)`,
      value: `p50 ${ms(percentile(delays, 50))}, p95 ${ms(percentile(delays, 95))}, p99 ${ms(percentile(delays, 99))}, max ${ms(delays.reduce((a, b) => Math.max(a, b), 0))}`,
      target: 'p99 ≤ 500 ms, every client gets every solve',
      pass: percentile(delays, 99) <= 500 && missing === 0 && complete === sentAt.size,
      note: `server CPU ${((solvesCpu * 1000) / delays.length).toFixed(1)} µs per delivered solve (${Math.round(solvesCpu)} ms over the solves and their board pushes)${missing > 0 || dropped > 0 ? `; ${missing} receipts missing, ${dropped} streams dropped` : ''}`,
    });
  }
  report.add({
    group,
    name: `server RSS holding ${clients.connected} streams`,
    value: `${Math.round(rssHolding)} MB (${Math.round(rssBefore)} MB before they connected)`,
    target: '≤ 600 MB',
    pass: rssHolding <= 600,
  });
}
