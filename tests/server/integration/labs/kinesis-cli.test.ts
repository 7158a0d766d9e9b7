import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { missingTool } from '../../../support/tools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CHALLENGES, Client } from '../../../support/app.ts';
import { startServerProcess, type ServerProcess } from '../../../support/server-process.ts';
import type { RecordJson } from './kinesis-support.ts';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const STREAM = 'jam-telemetry';
const CHALLENGE = 'kinesis-service-choice';
const missing = missingTool(AWS, 'awscli', 'JAM_REQUIRE_AWSCLI');
const reason = missing;

describe.skipIf(Boolean(reason))(`the kinesis-hot-shard lab played with Debian's AWS CLI${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let server: ServerProcess;
  let player: Client;
  let env: NodeJS.ProcessEnv;
  let endpoint = '';
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-aws-home-'));

  /** Runs `aws kinesis ...` as a player would after pasting the panel's environment snippet. */
  async function aws(args: string[], overrides: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: any; err: string }> {
    try {
      const { stdout, stderr } = await run(AWS, ['kinesis', ...args, '--endpoint-url', endpoint, '--output', 'json'], { env: { ...env, ...overrides } });
      return { code: 0, out: stdout.trim() ? JSON.parse(stdout) : null, err: stderr };
    } catch (error) {
      const e = error as { code: number; stderr: string };
      return { code: e.code, out: null, err: e.stderr };
    }
  }

  beforeAll(async () => {
    server = await startServerProcess({ challengesDir: BUNDLED_CHALLENGES });
    player = Client.over(server.url);
    expect((await player.request('POST', '/api/join', { eventCode: server.eventCode, displayName: 'Aki', language: 'en' })).status).toBe(201);
    expect((await player.request('POST', '/api/teams', { name: 'Kumo' })).status).toBe(201);
    const admin = Client.over(server.url);
    await admin.request('POST', '/api/admin/login', { token: server.adminToken });
    expect((await admin.request('POST', '/api/admin/event/start')).status).toBe(200);
    const detail = await player.request('GET', `/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((t: { id: string }) => t.id === 'cool-the-hot-shard').answer;
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
    expect(answer.firstCommand).toBe(`aws kinesis describe-stream-summary --stream-name ${STREAM} --endpoint-url ${endpoint} --region ap-northeast-1`);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('runs the first command from the panel', async () => {
    const { code, out } = await aws(['describe-stream-summary', '--stream-name', STREAM, '--region', 'ap-northeast-1']);
    expect(code).toBe(0);
    expect(out.StreamDescriptionSummary).toMatchObject({ StreamName: STREAM, StreamStatus: 'ACTIVE', OpenShardCount: 2 });
  });

  it('diagnoses, splits, checks, reads the flag and submits it', async () => {
    const shards = (await aws(['list-shards', '--stream-name', STREAM])).out.Shards as {
      ShardId: string;
      HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
    }[];
    expect(shards).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 500));
    const reads = [];
    for (const shard of shards) {
      const it = await aws(['get-shard-iterator', '--stream-name', STREAM, '--shard-id', shard.ShardId, '--shard-iterator-type', 'TRIM_HORIZON']);
      const page = await aws(['get-records', '--shard-iterator', it.out.ShardIterator, '--limit', '100']);
      expect(page.code).toBe(0);
      reads.push(
        (page.out.Records as { Data: string; PartitionKey: string }[]).map((r) => JSON.parse(Buffer.from(r.Data, 'base64').toString('utf8')) as RecordJson),
      );
    }
    const hot = reads.findIndex((records) => records.some((r) => r.intervalMs === 10));
    const hotShard = shards[hot];
    const flag = reads[hot]?.find((r) => r.flag)?.flag;
    expect(flag).toMatch(/^JAM\{kinesis-[0-9a-f]{24}\}$/);
    const busy = reads[hot]?.find((r) => r.intervalMs === 10)?.sensor ?? '';

    const put = await aws(['put-record', '--stream-name', STREAM, '--partition-key', busy, '--data', 'hello', '--cli-binary-format', 'raw-in-base64-out']);
    expect(put.code).toBe(254);
    expect(put.err).toMatch(
      /An error occurred \(ProvisionedThroughputExceededException\) when calling the PutRecord operation( \(reached max retries: 0\))?: Rate exceeded for shard shardId-/,
    );

    const before = await player.request('POST', `/api/challenges/${CHALLENGE}/tasks/cool-the-hot-shard/check`);
    expect(before.body.correct).toBe(false);

    const range = hotShard?.HashKeyRange;
    const middle = String((BigInt(range?.StartingHashKey ?? '0') + BigInt(range?.EndingHashKey ?? '0') + 1n) / 2n);
    const split = await aws(['split-shard', '--stream-name', STREAM, '--shard-to-split', hotShard?.ShardId ?? '', '--new-starting-hash-key', middle]);
    expect(split).toMatchObject({ code: 0, err: '' });
    await new Promise((r) => setTimeout(r, 2_300));
    const summary = await aws(['describe-stream-summary', '--stream-name', STREAM]);
    expect(summary.out.StreamDescriptionSummary).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 3 });

    const after = await player.request('POST', `/api/challenges/${CHALLENGE}/tasks/cool-the-hot-shard/check`);
    expect(after.body).toMatchObject({ correct: true, awarded: 600, alreadySolved: false });
    const submitted = await player.request('POST', `/api/challenges/${CHALLENGE}/tasks/flag-in-the-stream/attempts`, { answer: flag });
    expect(submitted.body).toEqual({ correct: true, awarded: 500, alreadySolved: false });
  }, 60_000);

  it('prints the AWS errors for a wrong secret and an unknown key', async () => {
    const wrong = await aws(['list-shards', '--stream-name', STREAM], { AWS_SECRET_ACCESS_KEY: 'x'.repeat(40) });
    expect(wrong.code).toBe(254);
    expect(wrong.err).toMatch(
      /An error occurred \(InvalidSignatureException\) when calling the ListShards operation( \(reached max retries: 0\))?: The request signature we calculated does not match/,
    );
    const unknown = await aws(['list-shards', '--stream-name', STREAM], { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE' });
    expect(unknown.err).toMatch(
      /An error occurred \(UnrecognizedClientException\) when calling the ListShards operation( \(reached max retries: 0\))?: The security token included in the request is invalid\./,
    );
  });
});
