import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';
import { startServerProcess, type ServerProcess } from '../../../support/server-process.ts';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const CHALLENGE = 'lambda-tuning';
const GROUP = '/aws/lambda/jam-thumbnailer';
const missing = fs.existsSync(AWS) ? '' : `${AWS} is missing (apt-get install -y awscli)`;
if (missing && process.env.JAM_REQUIRE_AWSCLI === '1') throw new Error(missing);

async function call(url: string, cookie: string, method: string, p: string, body?: unknown) {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { 'content-type': 'application/json', origin: url, ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const set = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { status: res.status, body: (await res.json()) as any, cookie: set || cookie };
}

describe.skipIf(Boolean(missing))(`the lambda-report-lines lab played with Debian's AWS CLI${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let server: ServerProcess;
  let cookie = '';
  let env: NodeJS.ProcessEnv;
  let endpoint = '';
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-aws-home-'));

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
    server = await startServerProcess({ challengesDir: BUNDLED_CHALLENGES });
    const joined = await call(server.url, '', 'POST', '/api/join', { eventCode: server.eventCode, displayName: 'Aki', language: 'en' });
    cookie = joined.cookie;
    cookie = (await call(server.url, cookie, 'POST', '/api/teams', { name: 'Kumo' })).cookie;
    const admin = await call(server.url, '', 'POST', '/api/admin/login', { token: server.adminToken });
    expect((await call(server.url, admin.cookie, 'POST', '/api/admin/event/start')).status).toBe(200);
    const detail = await call(server.url, cookie, 'GET', `/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((t: { id: string }) => t.id === 'right-size-memory').answer;
    endpoint = answer.aws.endpoint;
    env = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_ACCESS_KEY_ID: answer.aws.accessKeyId,
      AWS_SECRET_ACCESS_KEY: answer.aws.secretAccessKey,
      AWS_DEFAULT_REGION: answer.aws.region,
      AWS_PAGER: '',
      AWS_MAX_ATTEMPTS: '1',
    };
    expect(answer.firstCommand).toBe(`aws logs describe-log-streams --log-group-name ${GROUP} --endpoint-url ${endpoint} --region ap-northeast-1`);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs the first command, filters the REPORT lines across pages and counts the cold starts', async () => {
    const streams = await aws(['logs', 'describe-log-streams', '--log-group-name', GROUP, '--region', 'ap-northeast-1']);
    expect(streams.code).toBe(0);
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
    const submitted = await call(server.url, cookie, 'POST', `/api/challenges/${CHALLENGE}/tasks/count-cold-starts/attempts`, { answer: cold.out.length });
    expect(submitted.body).toMatchObject({ correct: true, awarded: 200 });
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

  it('sets the memory with update-function-configuration and passes the check', async () => {
    const config = await aws(['lambda', 'get-function-configuration', '--function-name', 'jam-thumbnailer', '--qualifier', '4']);
    expect(config.out).toMatchObject({ MemorySize: 1536, Version: '4' });
    const updated = await aws(['lambda', 'update-function-configuration', '--function-name', 'jam-thumbnailer', '--memory-size', '1536']);
    expect(updated).toMatchObject({ code: 0, out: { FunctionName: 'jam-thumbnailer', MemorySize: 1536 } });
    const check = await call(server.url, cookie, 'POST', `/api/challenges/${CHALLENGE}/tasks/right-size-memory/check`);
    expect(check.body).toMatchObject({ correct: true, awarded: 400 });
    const wrong = await aws(['lambda', 'put-function-concurrency', '--function-name', 'jam-thumbnailer', '--reserved-concurrent-executions', '990']);
    expect(wrong.code).toBe(254);
    expect(wrong.err).toMatch(/An error occurred \(InvalidParameterValueException\) when calling the PutFunctionConcurrency operation/);
    const none = await aws(['lambda', 'get-function', '--function-name', 'nope']);
    expect(none.err).toMatch(
      /\(ResourceNotFoundException\) when calling the GetFunction operation( \(reached max retries: 0\))?: Function not found: arn:aws:lambda:ap-northeast-1:\d{12}:function:nope/,
    );
  }, 120_000);
});
