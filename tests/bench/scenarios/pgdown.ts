import { SseReader } from '../../server/integration/realtime/sse-client.ts';
import { attemptPath } from '../lib/answers.ts';
import type { BenchEvent } from '../lib/event.ts';
import { api } from '../lib/http.ts';
import type { PgCluster } from '../lib/pg.ts';
import { ms, type Report } from '../lib/report.ts';

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

async function openStream(url: string, lastEventId?: string): Promise<SseReader> {
  const res = await fetch(`${url}/api/stream?view=public`, { headers: lastEventId ? { 'last-event-id': lastEventId } : {} });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
  const reader = new SseReader(res.body);
  await reader.waitForEvent('hello');
  return reader;
}

/**
 * Resilience: PostgreSQL stops mid-event (`pg_ctl stop -m fast`) and comes back on the
 * same port. Meanwhile public reads serve from memory, writes answer 503 with Retry-After
 * (never a 500), and once the database is back the server takes writes again by itself;
 * an open stream carries on and a reconnect with Last-Event-ID replays what it missed.
 */
export async function measurePgDown(event: BenchEvent, cluster: PgCluster, group: string, report: Report): Promise<void> {
  const url = event.base;
  const [first, second, third] = event.pairs.take(3);
  const solve = (pair: NonNullable<typeof first>) => api(url, 'POST', attemptPath(pair.task), { answer: pair.task.correct }, pair.cookie);
  if (!first || !second || !third) throw new Error('no pairs left to solve');
  // Each refused or retried write goes to another team and task: the rate limits (10 a
  // minute per team and task, 60 per player) must not be what answers.
  const spare = event.pairs.take(1000);
  const nextPair = () => spare.shift() ?? second;
  await solve(first);
  await sleep(500);
  const before = await api(url, 'GET', '/api/scoreboard');
  const live = await openStream(url);
  const lastBefore = live.lastEventId;

  cluster.stop('fast');
  const statuses: Record<string, Record<number, number>> = {};
  const note = (what: string, status: number) => {
    statuses[what] ??= {};
    statuses[what]![status] = (statuses[what]![status] ?? 0) + 1;
  };
  let boardSame = true;
  let retryAfter = true;
  const downUntil = Date.now() + 3000;
  while (Date.now() < downUntil) {
    const board = await api(url, 'GET', '/api/scoreboard');
    note('GET /api/scoreboard', board.status);
    if (JSON.stringify(board.body) !== JSON.stringify(before.body)) boardSame = false;
    note('GET /api/event', (await api(url, 'GET', '/api/event')).status);
    for (const [what, res] of [
      ['POST attempt', await solve(nextPair())],
      ['POST /api/join', await api(url, 'POST', '/api/join', { eventCode: 'BENCHJAM', displayName: 'Late', language: 'en' })],
      ['GET /api/challenges', await api(url, 'GET', '/api/challenges', undefined, nextPair().cookie)],
    ] as const) {
      note(what, res.status);
      if (res.status === 503 && !res.headers.get('retry-after')) retryAfter = false;
    }
    await sleep(100);
  }
  const describe = Object.entries(statuses)
    .map(
      ([what, s]) =>
        `${what} ${Object.entries(s)
          .map(([code, n]) => `${n}×${code}`)
          .join('/')}`,
    )
    .join('; ');
  const readsOk =
    Object.keys(statuses['GET /api/scoreboard'] ?? {}).every((c) => c === '200') && Object.keys(statuses['GET /api/event'] ?? {}).every((c) => c === '200');
  const writes = ['POST attempt', 'POST /api/join', 'GET /api/challenges'].flatMap((w) => Object.keys(statuses[w] ?? {}));
  report.add({
    group,
    name: 'database down: public reads from memory',
    value: boardSame ? 'the last board, unchanged' : 'board changed or failed',
    target: 'all 200, last snapshot',
    pass: readsOk && boardSame,
    note: describe,
  });
  report.add({
    group,
    name: 'database down: writes and session reads',
    value: `statuses ${[...new Set(writes)].join(', ')}`,
    target: '503 with Retry-After, never 500',
    pass: writes.every((c) => c === '503') && retryAfter,
  });

  cluster.start();
  const back = Date.now();
  let recovered: number | undefined;
  while (Date.now() - back < 30_000) {
    const res = await solve(nextPair());
    if (res.status === 200) {
      recovered = Date.now() - back;
      break;
    }
    await sleep(100);
  }
  report.add({
    group,
    name: 'recovery without a restart (database back → first write accepted)',
    value: recovered === undefined ? 'not within 30 s' : ms(recovered),
    target: '≤ 5 s',
    pass: recovered !== undefined && recovered <= 5000,
  });

  const res = await solve(third);
  const streamed = await live
    .waitForEvent('solve', (d: { teamId: number; taskId: string }) => d.teamId === third.team.id && d.taskId === third.task.taskId, 10_000)
    .then(
      () => true,
      () => false,
    );
  const replay = await openStream(url, lastBefore);
  const replayed = await replay
    .waitForEvent('solve', (d: { teamId: number; taskId: string }) => d.teamId === third.team.id && d.taskId === third.task.taskId, 10_000)
    .then(
      () => true,
      () => false,
    );
  await live.close();
  await replay.close();
  report.add({
    group,
    name: 'SSE after the outage: open stream gets new solves; Last-Event-ID replays them',
    value: `open stream ${streamed ? 'got it' : 'missed it'}, reconnect ${replayed ? 'replayed it' : 'did not replay it'}`,
    target: 'both',
    pass: res.status === 200 && streamed && replayed,
  });
}
