import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { LAB_FIXTURES, labAccess, type LabAwsAccess } from './kinesis-support.ts';

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash constructor the signer asks for, on node:crypto. */
class Sha256 {
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

interface Call {
  target?: string;
  body?: string;
  path?: string;
  signingDate?: Date;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
  presign?: boolean;
  headers?: Record<string, string>;
}

describeBackends('the /labs/aws endpoint on the wire', (backend) => {
  let t: TestApp;
  let aws: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES });
    const a = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    aws = await labAccess(a.client, 'http://localhost', 'streams', 'fix-the-stream');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signs a Kinesis call as an SDK would (header form, or presigned in the query) and sends it in-process. */
  async function call(c: Call = {}) {
    const path = c.path ?? '/labs/aws/';
    const body = c.body ?? JSON.stringify({ StreamName: 'jam-telemetry' });
    const signer = new SignatureV4({ credentials: aws, region: aws.region, service: 'kinesis', sha256: Sha256 });
    const request = {
      method: 'POST',
      protocol: 'http:',
      hostname: 'localhost',
      path,
      query: {},
      headers: {
        host: 'localhost',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': c.target ?? 'Kinesis_20131202.DescribeStreamSummary',
        ...c.headers,
      },
      body,
    };
    const signed = c.presign
      ? await signer.presign(request, { signingDate: c.signingDate ?? t.clock.now(), expiresIn: 300, unhoistableHeaders: new Set(['x-amz-target']) })
      : await signer.sign(request, { signingDate: c.signingDate ?? t.clock.now() });
    const query = new URLSearchParams(signed.query as Record<string, string>).toString();
    const res = await t.app.request(`http://localhost${path}${query ? `?${query}` : ''}`, {
      method: 'POST',
      headers: signed.headers,
      body: c.tamper ? c.tamper(body) : body,
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  }

  it('answers with and without the trailing slash, in AWS JSON 1.1 with a request id', async () => {
    for (const path of ['/labs/aws', '/labs/aws/']) {
      const res = await call({ path });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body).toMatchObject({ StreamDescriptionSummary: { StreamName: 'jam-telemetry', OpenShardCount: 2 } });
    }
  });

  it('accepts the query-string (presigned) form', async () => {
    const res = await call({ presign: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ StreamDescriptionSummary: { StreamStatus: 'ACTIVE' } });
  });

  it('refuses a tampered body: the hash of the body received decides, not the header the client sent', async () => {
    const res = await call({
      headers: {
        'x-amz-content-sha256': createHash('sha256')
          .update(JSON.stringify({ StreamName: 'jam-telemetry' }))
          .digest('hex'),
      },
      tamper: () => JSON.stringify({ StreamName: 'jam-telemetrx' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(res.body).toEqual({
      __type: 'InvalidSignatureException',
      message: expect.stringContaining('The request signature we calculated does not match the signature you provided'),
    });
  });

  it('refuses a date too far in the past or in the future, as AWS words it', async () => {
    const past = await call({ signingDate: new Date(t.clock.now().getTime() - 6 * 60_000) });
    expect(past.status).toBe(400);
    expect(past.body).toMatchObject({
      __type: 'InvalidSignatureException',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    });
    const future = await call({ signingDate: new Date(t.clock.now().getTime() + 6 * 60_000) });
    expect(future.body).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringMatching(/^Signature not yet current/) });
    const presignedLate = await call({ presign: true, signingDate: new Date(t.clock.now().getTime() - 301_000) });
    expect(presignedLate.body).toMatchObject({ __type: 'InvalidSignatureException', message: expect.stringContaining('Signature expired') });
  });

  it('asks for a signature when there is none, and names a malformed one', async () => {
    const anonymous = await t.app.request('http://localhost/labs/aws', {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.ListStreams' },
      body: '{}',
    });
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
    const malformed = await t.app.request('http://localhost/labs/aws', {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/20260101/x/kinesis/aws4_request', 'x-amz-date': '20260101T000000Z' },
      body: '{}',
    });
    expect(await malformed.json()).toMatchObject({ __type: 'IncompleteSignatureException' });
  });

  it('answers unknown operations, bad JSON and invalid input the way Kinesis does', async () => {
    expect((await call({ target: 'Kinesis_20131202.CreateStream', body: '{}' })).body).toMatchObject({ __type: 'UnknownOperationException' });
    expect((await call({ target: 'DynamoDB_20120810.ListTables', body: '{}' })).body).toMatchObject({ __type: 'UnknownOperationException' });
    expect((await call({ body: '{"StreamName":' })).body).toMatchObject({ __type: 'SerializationException' });
    const invalid = await call({
      target: 'Kinesis_20131202.GetShardIterator',
      body: JSON.stringify({ StreamName: 'jam-telemetry', ShardId: 'shard 0', ShardIteratorType: 'TRIM_HORIZON' }),
    });
    expect(invalid.body).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value 'shard 0' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    });
  });

  it('throttles a team that calls too fast with the service’s own error, and lets it go on later', async () => {
    // All at once: the burst allowance is spent long before the refill (10 a second) matters.
    const answers = await Promise.all(Array.from({ length: 80 }, () => call({ target: 'Kinesis_20131202.ListStreams', body: '{}' })));
    const statuses = answers.map((res) => (res.status === 200 ? 'ok' : String(res.body.__type)));
    expect(statuses.filter((s) => s === 'ok').length).toBeGreaterThanOrEqual(30);
    expect(new Set(statuses.filter((s) => s !== 'ok'))).toEqual(new Set(['LimitExceededException']));
    expect(answers.find((res) => res.status !== 200)?.body.message).toMatch(/^Rate exceeded for stream jam-telemetry under account \d{12}\.$/);
    t.clock.advance(10_000);
    expect((await call({ target: 'Kinesis_20131202.ListStreams', body: '{}' })).status).toBe(200);
  });
});
