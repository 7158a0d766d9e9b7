import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeBackendsWithTool, missingTool } from '../../../support/tools.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../support/backends.ts';
import { BUNDLED_CHALLENGES, type Client, createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { labAccess, listen } from './kinesis-support.ts';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const CHALLENGE = 'lambda-tuning';
const GROUP = '/aws/lambda/jam-thumbnailer';
const missing = missingTool(AWS, 'awscli', 'JAM_REQUIRE_AWSCLI');

/** The app on both backends behind a real HTTP listener, played with Debian's AWS CLI 2.9. */
describeBackendsWithTool(missing)("the lambda-report-lines lab played with Debian's AWS CLI", (backend: Backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let player: Client;
  let env: NodeJS.ProcessEnv;
  let endpoint = '';
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-aws-home-'));

  /** Runs `aws ...` as a player would after pasting the panel's environment snippet. */
  async function aws(args: string[]): Promise<{ code: number; out: any; err: string }> {
    try {
      const { stdout, stderr } = await run(AWS, [...args, '--endpoint-url', endpoint, '--output', 'json'], { env, maxBuffer: 32 * 1024 * 1024 });
      return { code: 0, out: stdout.trim() ? JSON.parse(stdout) : null, err: stderr };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, out: null, err: e.stderr };
    }
  }

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: BUNDLED_CHALLENGES });
    server = await listen(t);
    player = (await playerWithTeam(t, 'Aki', 'Kumo')).client;
    await startEvent(t);
    const detail = await player.get(`/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'right-size-memory').answer;
    expect(answer.firstCommand).toBe(
      `aws logs describe-log-streams --log-group-name ${GROUP} --endpoint-url http://localhost/labs/aws --region ap-northeast-1`,
    );
    const access = await labAccess(player, server.url, CHALLENGE, 'right-size-memory');
    endpoint = access.endpoint;
    env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: access.accessKeyId,
      AWS_SECRET_ACCESS_KEY: access.secretAccessKey,
      AWS_DEFAULT_REGION: access.region,
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    };
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await t?.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  const submit = (task: string, answer: unknown) => player.post(`/api/challenges/${CHALLENGE}/tasks/${task}/attempts`, { answer });
  const check = (task: string) => player.post(`/api/challenges/${CHALLENGE}/tasks/${task}/check`);

  it('runs the first command, filters the REPORT lines across pages and counts the cold starts', async () => {
    const streams = await aws(['logs', 'describe-log-streams', '--log-group-name', GROUP, '--region', 'ap-northeast-1']);
    expect(streams.code, streams.err).toBe(0);
    const production = (streams.out.logStreams as { logStreamName: string }[]).filter((s) => s.logStreamName.includes('[$LATEST]'));
    // The CLI follows nextToken by itself: every REPORT line of the group arrives in one answer.
    const report = await aws(['logs', 'filter-log-events', '--log-group-name', GROUP, '--filter-pattern', 'REPORT', '--query', 'length(events)']);
    expect(report.out).toBe(1_560);
    const cold = await aws([
      'logs',
      'filter-log-events',
      '--log-group-name',
      GROUP,
      '--filter-pattern',
      '"Init Duration"',
      '--query',
      "events[?contains(logStreamName, '[$LATEST]')].message",
    ]);
    expect(cold.out).toHaveLength(production.length);
    expect((await submit('count-cold-starts', cold.out.length)).body).toMatchObject({ correct: true, awarded: 200 });
    const head = await aws([
      'logs',
      'get-log-events',
      '--log-group-name',
      GROUP,
      '--log-stream-name',
      production[0]?.logStreamName ?? '',
      '--start-from-head',
      '--limit',
      '2',
    ]);
    expect(head.out.events[0].message).toMatch(/^INIT_START/);
  }, 120_000);

  it('reserves concurrency for the busiest moment with put-function-concurrency and passes the check', async () => {
    // The way clue 2 shows: the environments Lambda kept are the busiest moment's need.
    const environments = await aws([
      'logs',
      'describe-log-streams',
      '--log-group-name',
      GROUP,
      '--query',
      "length(logStreams[?contains(logStreamName, '[$LATEST]')])",
    ]);
    const peak = environments.out as number;
    expect(peak).toBeGreaterThan(6);
    const none = await check('reserve-for-the-peak');
    expect(none.body).toMatchObject({ correct: false, progress: [{ done: false }, { done: false }, { done: false }] });

    // The average from the session's formula is too little, hoarding the account is too much.
    expect((await aws(['lambda', 'put-function-concurrency', '--function-name', 'jam-thumbnailer', '--reserved-concurrent-executions', '6'])).code).toBe(0);
    expect((await check('reserve-for-the-peak')).body).toMatchObject({ correct: false, progress: [{ done: true }, { done: false }, { done: true }] });
    await aws(['lambda', 'put-function-concurrency', '--function-name', 'jam-thumbnailer', '--reserved-concurrent-executions', '900']);
    expect((await check('reserve-for-the-peak')).body).toMatchObject({ correct: false, progress: [{ done: true }, { done: true }, { done: false }] });

    const reserved = await aws(['lambda', 'put-function-concurrency', '--function-name', 'jam-thumbnailer', '--reserved-concurrent-executions', String(peak)]);
    expect(reserved).toMatchObject({ code: 0, out: { ReservedConcurrentExecutions: peak } });
    expect((await aws(['lambda', 'get-function-concurrency', '--function-name', 'jam-thumbnailer'])).out).toEqual({ ReservedConcurrentExecutions: peak });
    const solved = await check('reserve-for-the-peak');
    expect(solved.body).toMatchObject({ correct: true, alreadySolved: false, progress: [{ done: true }, { done: true }, { done: true }] });
    // 600, less the three failed checks' wrongPenalty once the fair-play rules price wrong attempts.
    expect([600, 600 - 3 * 60]).toContain(solved.body.awarded);

    const wrong = await aws(['lambda', 'put-function-concurrency', '--function-name', 'jam-thumbnailer', '--reserved-concurrent-executions', '990']);
    expect(wrong.code).toBe(254);
    expect(wrong.err).toMatch(/An error occurred \(InvalidParameterValueException\) when calling the PutFunctionConcurrency operation/);
  }, 120_000);

  it('sets the memory with update-function-configuration and passes the check', async () => {
    const config = await aws(['lambda', 'get-function-configuration', '--function-name', 'jam-thumbnailer', '--qualifier', '4']);
    expect(config.out).toMatchObject({ MemorySize: 1536, Version: '4' });
    const updated = await aws(['lambda', 'update-function-configuration', '--function-name', 'jam-thumbnailer', '--memory-size', '1536']);
    expect(updated).toMatchObject({ code: 0, out: { FunctionName: 'jam-thumbnailer', MemorySize: 1536 } });
    expect((await check('right-size-memory')).body).toMatchObject({ correct: true, awarded: 800 });
    const none = await aws(['lambda', 'get-function', '--function-name', 'nope']);
    expect(none.err).toMatch(
      /\(ResourceNotFoundException\) when calling the GetFunction operation( \(reached max retries: 0\))?: Function not found: arn:aws:lambda:ap-northeast-1:\d{12}:function:nope/,
    );
  }, 120_000);
});
