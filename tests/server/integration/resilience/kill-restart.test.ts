import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cleanupAll } from '../../../bench/lib/cleanup.ts';
import { prepareEvent, type BenchEvent } from '../../../bench/lib/event.ts';
import { api } from '../../../bench/lib/http.ts';
import { checkIntegrity } from '../../../bench/lib/integrity.ts';
import { PgCluster } from '../../../bench/lib/pg.ts';
import { startBenchServer } from '../../../bench/lib/server.ts';
import { crashLoad } from '../../../bench/scenarios/kill9.ts';

const reason = inject('pgSkipReason');

/**
 * The server process is killed (SIGKILL) while players' correct answers stream in, then
 * started again on the same PostgreSQL: nothing a player saw confirmed is lost, nothing is
 * written twice, and the running totals still equal what the solves add up to.
 */
describe.skipIf(Boolean(reason))(`kill -9 during a load of correct attempts [postgres]${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let cluster: PgCluster;
  let event: BenchEvent;

  beforeAll(async () => {
    cluster = await PgCluster.create({ durable: false, maxConnections: 50 });
    event = await prepareEvent({ cluster, teams: 60 });
  }, 120_000);
  afterAll(async () => {
    await event?.stop();
    await cleanupAll();
  });

  it('keeps every acknowledged attempt exactly once and the totals consistent after a restart', async () => {
    const server = event.servers[0]!;
    const load = crashLoad(server.url, event.pairs.take(5000), 16);
    await expect.poll(() => load.acknowledged.length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(150);
    await server.stop('SIGKILL');
    await load.done;

    const restarted = await startBenchServer({ databaseUrl: event.databaseUrl, dataDir: event.dataDirs[0]! });
    try {
      const integrity = await checkIntegrity(event.databaseUrl!, load.sent, load.acknowledged);
      expect(integrity).toEqual({ missing: [], doubled: [], wrongTotals: [], wrongFirsts: [] });
      const board = await api(restarted.url, 'GET', '/api/scoreboard?limit=500');
      expect(board.status).toBe(200);
      const client = new pg.Client({ connectionString: event.databaseUrl });
      await client.connect();
      const totals = await client.query<{ id: number; score: number }>('select id, score from team');
      await client.end();
      const scores = new Map(totals.rows.map((r) => [r.id, r.score]));
      for (const team of board.body.teams as { id: number; score: number }[]) expect(team.score).toBe(scores.get(team.id));
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});
