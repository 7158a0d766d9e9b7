import { GetMetricDataCommand, GetMetricStatisticsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeTableCommand, ListTablesCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { cloudWatch, dynamodb } from './aws-support.ts';
import { LAB_FIXTURES, labAccess, listen, type LabAwsAccess } from './kinesis-support.ts';

const TABLE = 'jam-orders';
const DAY = 86_400_000;

function metric(id: string, name: string) {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/DynamoDB', MetricName: name, Dimensions: [{ Name: 'TableName', Value: TABLE }] }, Period: 3600, Stat: 'Sum' },
  };
}

describeBackends('the dynamodb-right-size lab driven with the AWS SDK for JavaScript v3', (backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number } };
  let aws: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    aws = await labAccess(a.client, server.url, 'tables', 'right-size');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('prices both modes from 14 days of metrics, switches to provisioned at the right size and passes the check', async () => {
    const db = dynamodb(aws);
    expect((await db.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
    const { Table } = await db.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
      ProvisionedThroughput: { ReadCapacityUnits: 0 },
    });

    const now = t.clock.now();
    const data = await cloudWatch(aws).send(
      new GetMetricDataCommand({
        MetricDataQueries: [metric('r', 'ConsumedReadCapacityUnits'), metric('w', 'ConsumedWriteCapacityUnits')],
        StartTime: new Date(now.getTime() - 14 * DAY - 3_600_000),
        EndTime: now,
      }),
    );
    const values = (id: string) => data.MetricDataResults?.find((r) => r.Id === id)?.Values ?? [];
    const reads = values('r');
    const writes = values('w');
    expect(reads).toHaveLength(14 * 24);
    expect(writes).toHaveLength(14 * 24);
    const month = 720 / (14 * 24);
    const onDemand = (writes.reduce((s, v) => s + v, 0) * month * 0.625 + reads.reduce((s, v) => s + v, 0) * month * 0.125) / 1e6;
    const peakRead = Math.max(...reads) / 3600;
    const peakWrite = Math.max(...writes) / 3600;
    const rcu = Math.ceil(peakRead * 1.5);
    const wcu = Math.ceil(peakWrite * 1.5);
    const provisioned = (rcu * 0.00013 + wcu * 0.00065) * 720;
    expect(onDemand).toBeCloseTo(597.43, 1);
    expect(provisioned).toBeCloseTo(445.07, 1);
    const bill = await a.client.post('/api/challenges/tables/tasks/on-demand-bill/attempts', { answer: onDemand.toFixed(2) });
    expect(bill.body.correct).toBe(true);

    // GetMetricStatistics keeps CloudWatch's 1,440-datapoint limit.
    await expect(
      cloudWatch(aws).send(
        new GetMetricStatisticsCommand({
          Namespace: 'AWS/DynamoDB',
          MetricName: 'ConsumedWriteCapacityUnits',
          Dimensions: [{ Name: 'TableName', Value: TABLE }],
          StartTime: new Date(now.getTime() - 14 * DAY),
          EndTime: now,
          Period: 300,
          Statistics: ['Sum'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombinationException' });

    // Too little capacity would throttle at the peak: the check says so.
    await expect(db.send(new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PROVISIONED' }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('ProvisionedThroughput must be specified'),
    });
    await db.send(
      new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1000, WriteCapacityUnits: 300 } }),
    );
    await expect(
      db.send(new UpdateTableCommand({ TableName: TABLE, ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu } })),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
    t.clock.advance(6_000);
    const short = await a.client.post('/api/challenges/tables/tasks/right-size/check');
    expect(short.body.correct).toBe(false);
    expect(short.body.progress.map((p: { done: boolean }) => p.done)).toEqual([true, false, true, true]);

    await db.send(new UpdateTableCommand({ TableName: TABLE, ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu } }));
    const updating = await a.client.post('/api/challenges/tables/tasks/right-size/check');
    expect(updating.body.progress.at(-1).done).toBe(false);
    t.clock.advance(6_000);
    const described = await db.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(described.Table).toMatchObject({
      TableStatus: 'ACTIVE',
      BillingModeSummary: { BillingMode: 'PROVISIONED' },
      ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu },
    });
    const solved = await a.client.post('/api/challenges/tables/tasks/right-size/check');
    expect(solved.body).toMatchObject({ correct: true, awarded: 500 });
  });

  it('refuses an over-provisioned table that would cost more than on demand, and a fifth switch to on-demand in a day', async () => {
    const b = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    const bAws = await labAccess(b.client, server.url, 'tables', 'right-size');
    const db = dynamodb(bAws);
    await db.send(
      new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 4000, WriteCapacityUnits: 1000 } }),
    );
    t.clock.advance(6_000);
    const costly = await b.client.post('/api/challenges/tables/tasks/right-size/check');
    expect(costly.body.correct).toBe(false);
    expect(costly.body.progress[2]).toEqual({ label: 'そのキャパシティでの月額が、オンデマンドより安い', done: false });
    for (let i = 0; i < 4; i++) {
      await db.send(new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST' }));
      t.clock.advance(6_000);
      await db.send(
        new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 2100, WriteCapacityUnits: 531 } }),
      );
      t.clock.advance(6_000);
    }
    await expect(db.send(new UpdateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST' }))).rejects.toMatchObject({
      name: 'LimitExceededException',
    });
    await expect(db.send(new DescribeTableCommand({ TableName: 'orders' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
