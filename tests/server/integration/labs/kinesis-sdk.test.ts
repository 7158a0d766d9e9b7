import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { decode, kinesisClient, LAB_FIXTURES, labAccess, listen, midpoint, STREAM, type LabAwsAccess } from './kinesis-support.ts';

/** Reads a shard from TRIM_HORIZON: the first page of records. */
async function firstRecords(k: KinesisClient, shardId: string) {
  const { ShardIterator } = await k.send(new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
  return k.send(new GetRecordsCommand({ ShardIterator }));
}

describeBackends('the kinesis-hot-shard lab driven with the AWS SDK for JavaScript v3', (backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number } };
  let b: { client: Client; team: { id: number } };
  let awsA: LabAwsAccess;
  let awsB: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    b = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    await startEvent(t);
    awsA = await labAccess(a.client, server.url, 'streams', 'fix-the-stream');
    awsB = await labAccess(b.client, server.url, 'streams', 'fix-the-stream');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('shows each team its own credentials, resources and a first command', async () => {
    const detail = await a.client.get('/api/challenges/streams');
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'fix-the-stream').answer;
    expect(answer).toMatchObject({ type: 'check', lab: 'kinesis-hot-shard', check: 'hot-shard-fixed', resources: { streamName: STREAM } });
    expect(answer.aws.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(answer.aws.secretAccessKey).toHaveLength(40);
    expect(answer.firstCommand).toBe(
      `aws kinesis describe-stream-summary --stream-name ${STREAM} --endpoint-url http://localhost/labs/aws --region ap-northeast-1`,
    );
    expect(awsB.accessKeyId).not.toBe(awsA.accessKeyId);
    expect(awsB.secretAccessKey).not.toBe(awsA.secretAccessKey);
  });

  it('diagnoses the hot shard, splits it, passes the check and finds the flag', async () => {
    const k = kinesisClient(awsA);
    const summary = await k.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    expect(summary.StreamDescriptionSummary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 2, RetentionPeriodHours: 24 });
    const { Shards = [] } = await k.send(new ListShardsCommand({ StreamName: STREAM }));
    expect(Shards.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);

    // A little time passes so that the producer has written to both shards.
    t.clock.advance(2_000);
    const pages = await Promise.all(Shards.map((s) => firstRecords(k, s.ShardId ?? '')));
    const sensors = pages.map((p) => new Set((p.Records ?? []).map((r) => decode(r.Data).sensor)));
    const hot = (sensors[0]?.size ?? 0) > (sensors[1]?.size ?? 0) ? 0 : 1;
    const hotShard = Shards[hot];
    const busy = (pages[hot]?.Records ?? []).map((r) => decode(r.Data)).find((r) => r.intervalMs === 10);
    expect(busy, 'busy sensors send every 10 ms').toBeDefined();

    // Writing with a busy sensor's key lands on the hot shard, which is over its limit.
    await expect(k.send(new PutRecordCommand({ StreamName: STREAM, PartitionKey: busy?.sensor ?? '', Data: Buffer.from('{}') }))).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    const mixed = await k.send(
      new PutRecordsCommand({
        StreamName: STREAM,
        Records: [
          { PartitionKey: busy?.sensor ?? '', Data: Buffer.from('{"n":1}') },
          { PartitionKey: busy?.sensor ?? '', ExplicitHashKey: Shards[1 - hot]?.HashKeyRange?.StartingHashKey ?? '0', Data: Buffer.from('{"n":2}') },
        ],
      }),
    );
    expect(mixed.FailedRecordCount).toBe(1);
    expect(mixed.Records?.[0]?.ErrorCode).toBe('ProvisionedThroughputExceededException');
    expect(mixed.Records?.[1]?.ShardId).toBe(Shards[1 - hot]?.ShardId);

    const before = await a.client.post('/api/challenges/streams/tasks/fix-the-stream/check');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ correct: false, awarded: 0 });
    expect(before.body.progress.map((p: { done: boolean }) => p.done)).toEqual([false, false, true]);
    expect(before.body.progress[0].label).toContain('at least 3 open shards');

    await k.send(new SplitShardCommand({ StreamName: STREAM, ShardToSplit: hotShard?.ShardId, NewStartingHashKey: midpoint(hotShard?.HashKeyRange) }));
    const updating = await k.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    expect(updating.StreamDescriptionSummary?.StreamStatus).toBe('UPDATING');
    await expect(
      k.send(
        new SplitShardCommand({ StreamName: STREAM, ShardToSplit: Shards[1 - hot]?.ShardId, NewStartingHashKey: midpoint(Shards[1 - hot]?.HashKeyRange) }),
      ),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
    });
    t.clock.advance(2_500);
    const after = await k.send(new ListShardsCommand({ StreamName: STREAM }));
    expect(after.Shards?.map((s) => [s.ShardId, s.ParentShardId ?? null, s.SequenceNumberRange?.EndingSequenceNumber !== undefined])).toEqual([
      ['shardId-000000000000', null, hot === 0],
      ['shardId-000000000001', null, hot === 1],
      ['shardId-000000000002', hotShard?.ShardId, false],
      ['shardId-000000000003', hotShard?.ShardId, false],
    ]);

    const solved = await a.client.post('/api/challenges/streams/tasks/fix-the-stream/check');
    expect(solved.body).toMatchObject({ correct: true, awarded: 300, alreadySolved: false });
    expect(solved.body.progress.every((p: { done: boolean }) => p.done)).toBe(true);
    const attempts = await t.ctx.db
      .selectFrom('attempt')
      .select(['answer', 'correct'])
      .where('team_id', '=', a.team.id)
      .where('task_id', '=', 'fix-the-stream')
      .orderBy('id')
      .execute();
    expect(attempts.map((r) => r.correct)).toEqual([false, true]);
    expect(attempts[1]?.answer).toEqual({ check: 'hot-shard-fixed', passed: true, done: 3, total: 3 });

    // The flag sits in the (now closed) hot parent shard, readable from TRIM_HORIZON.
    const parent = await firstRecords(k, hotShard?.ShardId ?? '');
    const flag = (parent.Records ?? []).map((r) => decode(r.Data)).find((r) => r.flag)?.flag;
    expect(flag).toMatch(/^JAM\{streams-[0-9a-f]{24}\}$/);
    const submitted = await a.client.post('/api/challenges/streams/tasks/read-the-flag/attempts', { answer: flag });
    expect(submitted.body).toEqual({ correct: true, awarded: 200, alreadySolved: false });
  });

  it('keeps the teams apart: another team sees its own untouched stream and cannot use this one’s iterators', async () => {
    const kb = kinesisClient(awsB);
    const summary = await kb.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }));
    expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(2);
    const ka = kinesisClient(awsA);
    const { ShardIterator } = await ka.send(
      new GetShardIteratorCommand({ StreamName: STREAM, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
    );
    await expect(kb.send(new GetRecordsCommand({ ShardIterator }))).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    const check = await b.client.post('/api/challenges/streams/tasks/fix-the-stream/check');
    expect(check.body.correct).toBe(false);
    // Team B's player reads in Japanese.
    expect(check.body.progress[0].label).toContain('シャード');
  });

  it('refuses a wrong secret, an unknown key and a stream the team does not have, with the AWS errors', async () => {
    await expect(kinesisClient(awsA, { secretAccessKey: awsB.secretAccessKey }).send(new ListShardsCommand({ StreamName: STREAM }))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(kinesisClient(awsA, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }).send(new ListShardsCommand({ StreamName: STREAM }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(kinesisClient(awsA).send(new ListShardsCommand({ StreamName: 'orders' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: expect.stringContaining('Stream orders under account'),
    });
  });

  describe('lab calls', () => {
    it('are logged per team with service, operation and status', async () => {
      await expect
        .poll(async () =>
          t.ctx.db
            .selectFrom('lab_request')
            .select(['service', 'operation', 'status', 'error_code'])
            .where('team_id', '=', a.team.id)
            .where('operation', '=', 'SplitShard')
            .execute(),
        )
        .toEqual(
          expect.arrayContaining([
            { service: 'kinesis', operation: 'SplitShard', status: 200, error_code: null },
            { service: 'kinesis', operation: 'SplitShard', status: 400, error_code: 'ResourceInUseException' },
          ]),
        );
    });
  });
});
