/**
 * Clients for the AWS labs as players use them: the AWS SDK for JavaScript v3 with
 * `NodeHttpHandler` on the panel's endpoint and credentials, and, for ARC zonal shift (whose
 * SDK v3 client our registry does not serve), a REST-JSON call signed by the SDK's own SigV4
 * signer exactly as the SDK would send it (method and path from the service model).
 */
import { createHash, createHmac } from 'node:crypto';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LabAwsAccess } from './kinesis-support.ts';

function config(a: LabAwsAccess) {
  return {
    endpoint: a.endpoint,
    region: a.region,
    credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey },
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  };
}

export const cloudWatch = (a: LabAwsAccess) => new CloudWatchClient(config(a));
export const elb = (a: LabAwsAccess) => new ElasticLoadBalancingV2Client(config(a));
export const ec2 = (a: LabAwsAccess) => new EC2Client(config(a));
export const dynamodb = (a: LabAwsAccess) => new DynamoDBClient(config(a));
/** RDS (AWS query protocol) in `region`: RDS is Regional, and the lab's global database spans two Regions. */
export const rds = (a: LabAwsAccess, region = a.region) => new RDSClient({ ...config(a), region });
export const cloudWatchIn = (a: LabAwsAccess, region: string) => new CloudWatchClient({ ...config(a), region });

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash constructor the signer asks for, on node:crypto. */
export class Sha256 {
  #hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.#hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.#hash.digest());
  }
  reset() {}
}

/** An ARC zonal shift call (REST-JSON), signed for `arc-zonal-shift`. */
export async function arc(a: LabAwsAccess, method: string, path: string, body?: unknown, query: Record<string, string> = {}) {
  const url = new URL(`${a.endpoint.replace(/\/$/, '')}${path}`);
  const text = body === undefined ? '' : JSON.stringify(body);
  const signer = new SignatureV4({ credentials: a, region: a.region, service: 'arc-zonal-shift', sha256: Sha256 });
  const signed = await signer.sign({
    method,
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query,
    headers: { host: url.host, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: text,
  });
  const qs = new URLSearchParams(query).toString();
  const res = await fetch(`${url.origin}${url.pathname}${qs ? `?${qs}` : ''}`, {
    method,
    headers: signed.headers,
    ...(body === undefined ? {} : { body: text }),
  });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as any };
}
