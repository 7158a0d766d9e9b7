import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Client, TestApp } from '../../../support/app.ts';

export const LAB_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/labs');
export const STREAM = 'jam-telemetry';

export interface LabAwsAccess {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The app behind a real HTTP listener on a random port, as the SDK and CLI need. */
export async function listen(t: TestApp): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The lab access the challenge view gives a team member, with the endpoint on `url`. */
export async function labAccess(client: Client, url: string, challengeId: string, taskId: string): Promise<LabAwsAccess> {
  const detail = await client.get(`/api/challenges/${challengeId}`);
  const task = detail.body.tasks.find((t: { id: string }) => t.id === taskId);
  const aws = task.answer.aws as LabAwsAccess;
  return { ...aws, endpoint: aws.endpoint.replace('http://localhost', url) };
}

export function kinesisClient(aws: LabAwsAccess, overrides: Partial<LabAwsAccess> = {}): KinesisClient {
  const a = { ...aws, ...overrides };
  return new KinesisClient({
    endpoint: a.endpoint,
    region: a.region,
    credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
}

export interface RecordJson {
  sensor: string;
  seq: number;
  intervalMs?: number;
  flag?: string;
}

export function decode(data: Uint8Array | undefined): RecordJson {
  return JSON.parse(Buffer.from(data ?? new Uint8Array()).toString('utf8')) as RecordJson;
}

/** The midpoint of a shard's hash key range: where a split halves an evenly spread load. */
export function midpoint(range: { StartingHashKey?: string; EndingHashKey?: string } | undefined): string {
  return String((BigInt(range?.StartingHashKey ?? '0') + BigInt(range?.EndingHashKey ?? '0') + 1n) / 2n);
}
