import { DescribeStreamSummaryCommand, ListShardsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../../../server/db/open.ts';
import { describeBackends, type TestDatabase } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { kinesisClient, LAB_FIXTURES, labAccess, listen, midpoint, STREAM, type LabAwsAccess } from './kinesis-support.ts';

const HASH_MAX = (1n << 128n) - 1n;

/** Open shards must tile the whole hash key space: no gap, no overlap. */
function expectValidShardMap(
  shards: { HashKeyRange?: { StartingHashKey?: string; EndingHashKey?: string }; SequenceNumberRange?: { EndingSequenceNumber?: string } }[],
) {
  const open = shards
    .filter((s) => s.SequenceNumberRange?.EndingSequenceNumber === undefined)
    .map((s) => [BigInt(s.HashKeyRange?.StartingHashKey ?? '-1'), BigInt(s.HashKeyRange?.EndingHashKey ?? '-1')] as const)
    .sort((x, y) => (x[0] < y[0] ? -1 : 1));
  expect(open[0]?.[0]).toBe(0n);
  expect(open.at(-1)?.[1]).toBe(HASH_MAX);
  for (let i = 1; i < open.length; i++) expect(open[i]?.[0]).toBe((open[i - 1]?.[1] ?? 0n) + 1n);
}

describeBackends('kinesis lab state in the database', (backend) => {
  let database: TestDatabase;
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let player: { client: Client; team: { id: number } };
  let aws: LabAwsAccess;

  beforeAll(async () => {
    database = await backend.open();
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES, database });
    server = await listen(t);
    player = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    aws = await labAccess(player.client, server.url, 'streams', 'fix-the-stream');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
    await database?.close();
  });

  it('leaves a valid shard map when one team sends concurrent SplitShard calls', async () => {
    const k = kinesisClient(aws);
    const { Shards = [] } = await k.send(new ListShardsCommand({ StreamName: STREAM }));
    const calls = Array.from({ length: 8 }, (_, i) => {
      const shard = Shards[i % 2];
      return k.send(new SplitShardCommand({ StreamName: STREAM, ShardToSplit: shard?.ShardId, NewStartingHashKey: midpoint(shard?.HashKeyRange) }));
    });
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as Error).name).toBe('ResourceInUseException');
    t.clock.advance(2_500);
    const after = await k.send(new ListShardsCommand({ StreamName: STREAM }));
    expect(after.Shards).toHaveLength(4);
    expectValidShardMap(after.Shards ?? []);
    const row = await t.ctx.db
      .selectFrom('lab_state')
      .select(['version'])
      .where('team_id', '=', player.team.id)
      .where('lab', '=', 'kinesis-hot-shard')
      .executeTakeFirstOrThrow();
    expect(Number(row.version)).toBe(2);
  });

  it('keeps the state across a restart of the server', async () => {
    await server.close();
    await t.close();
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES, database });
    server = await listen(t);
    t.clock.advance(2_500);
    const restarted = await labAccess(player.client.withApp(t.app), server.url, 'streams', 'fix-the-stream');
    expect(restarted.accessKeyId).toBe(aws.accessKeyId);
    const summary = await kinesisClient(restarted).send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(3);
  });

  it('shows the same state on two instances sharing one database', async () => {
    // PostgreSQL: a second pool, as a second server would have; PGlite is one process's database.
    const second = backend.name === 'postgres' ? await openDatabase({ databaseUrl: database.url }) : database.handle;
    const other = await createTestApp(backend, { challengesDir: LAB_FIXTURES, database: { handle: second, url: database.url, close: async () => {} } });
    const otherServer = await listen(other);
    try {
      other.clock.advance(2_500);
      const k1 = kinesisClient({ ...aws, endpoint: `${server.url}/labs/aws` });
      const k2 = kinesisClient({ ...aws, endpoint: `${otherServer.url}/labs/aws` });
      const { Shards = [] } = await k1.send(new ListShardsCommand({ StreamName: STREAM }));
      const open = Shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
      await k2.send(new SplitShardCommand({ StreamName: STREAM, ShardToSplit: open[0]?.ShardId, NewStartingHashKey: midpoint(open[0]?.HashKeyRange) }));
      t.clock.advance(2_500);
      const seen = await k1.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
      expect(seen.StreamDescriptionSummary?.OpenShardCount).toBe(4);
      expectValidShardMap((await k1.send(new ListShardsCommand({ StreamName: STREAM }))).Shards ?? []);
    } finally {
      await otherServer.close();
      await other.close();
      if (second !== database.handle) await second.close();
    }
  });
});
