import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  type FilteredLogEvent,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  paginateDescribeLogStreams,
  paginateFilterLogEvents,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  PutFunctionConcurrencyCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { BUNDLED_CHALLENGES, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { labAccess, listen, type LabAwsAccess } from './kinesis-support.ts';

const CHALLENGE = 'lambda-tuning';
const GROUP = '/aws/lambda/jam-thumbnailer';

function clients(aws: LabAwsAccess) {
  const config = {
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: { accessKeyId: aws.accessKeyId, secretAccessKey: aws.secretAccessKey },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  };
  return { logs: new CloudWatchLogsClient(config), lambda: new LambdaClient(config) };
}

async function allEvents(logs: CloudWatchLogsClient, filterPattern: string): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  for await (const page of paginateFilterLogEvents({ client: logs }, { logGroupName: GROUP, filterPattern })) events.push(...(page.events ?? []));
  return events;
}

const field = (message: string, name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(message)?.[1]);

describeBackends('the lambda-report-lines lab driven with the AWS SDK for JavaScript v3', (backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number } };
  let b: { client: Client; team: { id: number } };
  let awsA: LabAwsAccess;
  let awsB: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: BUNDLED_CHALLENGES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    b = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    await startEvent(t);
    awsA = await labAccess(a.client, server.url, CHALLENGE, 'right-size-memory');
    awsB = await labAccess(b.client, server.url, CHALLENGE, 'right-size-memory');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('shows the function, the log group and a first command in the panel', async () => {
    const detail = await a.client.get(`/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'right-size-memory').answer;
    expect(answer).toMatchObject({
      type: 'check',
      lab: 'lambda-report-lines',
      resources: { functionName: 'jam-thumbnailer', logGroupName: GROUP },
      sdk: { package: '@aws-sdk/client-cloudwatch-logs', client: 'CloudWatchLogsClient' },
    });
    expect(answer.firstCommand).toBe(
      `aws logs describe-log-streams --log-group-name ${GROUP} --endpoint-url http://localhost/labs/aws --region ap-northeast-1`,
    );
  });

  it('reads the REPORT lines, answers the number tasks from them, and right-sizes the memory', async () => {
    const { logs, lambda } = clients(awsA);
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP]);

    const streams: string[] = [];
    for await (const page of paginateDescribeLogStreams({ client: logs, pageSize: 5 }, { logGroupName: GROUP })) {
      streams.push(...(page.logStreams ?? []).map((s) => s.logStreamName ?? ''));
    }
    const production = streams.filter((s) => s.includes('[$LATEST]'));
    expect(streams.filter((s) => /\/\[\d\]/.test(s))).toHaveLength(6);

    // The first event of an environment's stream is its INIT, the cold start.
    const first = await logs.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: production[0], startFromHead: true, limit: 5 }));
    expect(first.events?.[0]?.message).toMatch(/^INIT_START Runtime Version: nodejs:22/);
    expect(first.nextForwardToken).toMatch(/^f\/\d{56}$/);

    const report = await allEvents(logs, 'REPORT');
    const live = report.filter((e) => e.logStreamName?.includes('[$LATEST]'));
    const cold = live.filter((e) => e.message?.includes('Init Duration'));
    expect((await allEvents(logs, '"Init Duration" -Memory')).length).toBe(0);
    expect(cold.length).toBe(production.length);
    const attempt = (task: string, answer: unknown) => a.client.post(`/api/challenges/${CHALLENGE}/tasks/${task}/attempts`, { answer });
    expect((await attempt('count-cold-starts', cold.length)).body).toMatchObject({ correct: true, awarded: 200 });

    const meanSeconds = live.reduce((sum, e) => sum + field(e.message ?? '', 'Duration'), 0) / live.length / 1000;
    const concurrency = Math.round(meanSeconds * (live.length / 600) * 10) / 10;
    expect((await attempt('concurrency-from-logs', concurrency)).body).toMatchObject({ correct: true });
    // Counting environments gives the peak, which the session's formula is not.
    expect((await attempt('concurrency-from-logs', production.length)).body).toMatchObject({ correct: false });

    const init = Math.round(cold.reduce((sum, e) => sum + field(e.message ?? '', 'Init Duration'), 0));
    for (const e of cold) {
      const m = e.message ?? '';
      expect(field(m, 'Billed Duration')).toBe(Math.ceil(field(m, 'Duration') + field(m, 'Init Duration')));
    }
    expect((await attempt('init-on-the-bill', 0)).body).toMatchObject({ correct: false });
    expect((await attempt('init-on-the-bill', `${init} ms`)).body).toMatchObject({ correct: true });

    // The sweep: cost per invocation (MB × s) by memory size.
    const sweep = report.filter((e) => /\/\[\d\]/.test(e.logStreamName ?? ''));
    const bySize = new Map<number, number[]>();
    for (const e of sweep)
      bySize.set(field(e.message ?? '', 'Memory Size'), [...(bySize.get(field(e.message ?? '', 'Memory Size')) ?? []), field(e.message ?? '', 'Duration')]);
    const curve = [...bySize].map(([mb, d]) => ({ mb, seconds: d.reduce((x, y) => x + y, 0) / d.length / 1000 })).sort((x, y) => x.mb - y.mb);
    const flat = curve.filter((p) => (p.mb * p.seconds) / ((curve[0]?.mb ?? 1) * (curve[0]?.seconds ?? 1)) < 1.05);
    const pick = flat[flat.length - 1]?.mb;
    expect(pick).toBe(1536);

    const before = await a.client.post(`/api/challenges/${CHALLENGE}/tasks/right-size-memory/check`);
    expect(before.body).toMatchObject({ correct: false, progress: [{ done: false }] });
    expect(before.body.progress[0].label).toContain('now 512 MB');
    const updated = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'jam-thumbnailer', MemorySize: pick }));
    expect(updated).toMatchObject({ MemorySize: 1536, Version: '$LATEST', LastUpdateStatus: 'Successful' });
    const after = await a.client.post(`/api/challenges/${CHALLENGE}/tasks/right-size-memory/check`);
    // 800 points less the task's wrongPenalty (80) for the one failed check before it.
    expect(after.body).toMatchObject({ correct: true, awarded: 800 - 80 });
    const version = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'jam-thumbnailer', Qualifier: '5' }));
    expect(version.MemorySize).toBe(2048);
  });

  it('keeps teams apart: the other team still has its own function at 512 MB', async () => {
    const { lambda } = clients(awsB);
    expect((await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'jam-thumbnailer' }))).MemorySize).toBe(512);
    const check = await b.client.post(`/api/challenges/${CHALLENGE}/tasks/right-size-memory/check`);
    expect(check.body.correct).toBe(false);
    expect(check.body.progress[0].label).toContain('メモリ');
  });

  it('reserves concurrency for the busiest moment: the environments Lambda kept, not the average', async () => {
    const { logs, lambda } = clients(awsB);
    let environments = 0;
    for await (const page of paginateDescribeLogStreams({ client: logs }, { logGroupName: GROUP })) {
      environments += (page.logStreams ?? []).filter((s) => s.logStreamName?.includes('[$LATEST]')).length;
    }
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer', ReservedConcurrentExecutions: 6 }));
    const average = await b.client.post(`/api/challenges/${CHALLENGE}/tasks/reserve-for-the-peak/check`);
    expect(average.body).toMatchObject({ correct: false, progress: [{ done: true }, { done: false }, { done: true }] });
    expect(average.body.progress[1].label).toContain('最も混んだ瞬間');

    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer', ReservedConcurrentExecutions: environments + 4 }));
    const solved = await b.client.post(`/api/challenges/${CHALLENGE}/tasks/reserve-for-the-peak/check`);
    expect(solved.body).toMatchObject({ correct: true, alreadySolved: false });
    expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer' }))).ReservedConcurrentExecutions).toBe(environments + 4);
    // Team A's function is untouched by team B's reservation.
    expect(
      (await clients(awsA).lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer' }))).ReservedConcurrentExecutions,
    ).toBeUndefined();
  });

  describe('answers bad requests as the services do', () => {
    it('CloudWatch Logs: unknown group, bad token, exclusive parameters', async () => {
      const { logs } = clients(awsA);
      await expect(logs.send(new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/other' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      });
      await expect(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, nextToken: 'bm9wZQ==' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
      await expect(logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP, orderBy: 'LastEventTime', logStreamNamePrefix: '2' }))).rejects.toMatchObject(
        { name: 'InvalidParameterException' },
      );
      await expect(logs.send(new FilterLogEventsCommand({ logGroupName: GROUP, filterPattern: '{ $.level = "ERROR" }' }))).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    });

    it('Lambda: unknown function, unsupported change, too much reserved concurrency', async () => {
      const { lambda } = clients(awsA);
      await expect(lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'nope' }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        $metadata: { httpStatusCode: 404 },
      });
      await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'jam-thumbnailer', Runtime: 'python3.13' }))).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
      });
      // A model constraint is checked before the service's own rules, as Lambda does.
      await expect(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'jam-thumbnailer', MemorySize: 64 }))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining("at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128"),
      });
      await expect(
        lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer', ReservedConcurrentExecutions: 950 })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterValueException',
        message: expect.stringContaining('UnreservedConcurrentExecution below its minimum value of [100]'),
      });
      await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer', ReservedConcurrentExecutions: 20 }));
      expect((await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'jam-thumbnailer' }))).ReservedConcurrentExecutions).toBe(20);
    });
  });
});
