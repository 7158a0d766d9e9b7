import { describe, expect, it } from 'vitest';
import { formatAmzDate, parseAmzDate, presignS3Url, verifyPresigned } from '../../../../server/features/labs/ecr/presign.ts';

const SECRET = 's3-secret';
const NOW = new Date('2026-03-01T09:00:00.250Z');

function signed(expiresSeconds = 300) {
  const path = presignS3Url({ secret: SECRET, bucket: 'jam-ecr-layers', key: '1-abc/sha256/ff', expiresSeconds, now: NOW });
  const url = new URL(path, 'http://lab.test');
  return { path, query: url.searchParams };
}

function verify(query: URLSearchParams, overrides: { now?: Date; method?: string; key?: string; secret?: string } = {}) {
  return verifyPresigned({
    secret: overrides.secret ?? SECRET,
    method: overrides.method ?? 'GET',
    bucket: 'jam-ecr-layers',
    key: overrides.key ?? '1-abc/sha256/ff',
    query,
    now: overrides.now ?? NOW,
  });
}

describe('presignS3Url', () => {
  it('builds the path and the X-Amz query in S3 order', () => {
    const { path } = signed();
    expect(path).toMatch(
      /^\/labs\/s3\/jam-ecr-layers\/1-abc\/sha256\/ff\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260301T090000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$/,
    );
  });

  it('refuses expiries outside one second to seven days', () => {
    expect(() => signed(0)).toThrow(RangeError);
    expect(() => signed(604_801)).toThrow(RangeError);
    expect(() => signed(604_800)).not.toThrow();
  });
});

describe('verifyPresigned', () => {
  it('accepts the URL it signed, for GET and HEAD, until the last second of its life', () => {
    const { query } = signed();
    expect(verify(query)).toEqual({ ok: true });
    expect(verify(query, { method: 'HEAD' })).toEqual({ ok: true });
    expect(verify(query, { now: new Date('2026-03-01T09:05:00Z') })).toEqual({ ok: true });
  });

  it('reports an expired URL as AccessDenied with its expiry time', () => {
    const result = verify(signed().query, { now: new Date('2026-03-01T09:05:01Z') });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired' });
    expect(result.ok === false && result.code === 'AccessDenied' && result.expires?.toISOString()).toBe('2026-03-01T09:05:00.000Z');
  });

  it('reports any change to key, method, date, expiry or secret as SignatureDoesNotMatch', () => {
    const { query } = signed();
    const mismatch = { ok: false, status: 403, code: 'SignatureDoesNotMatch' };
    expect(verify(query, { key: '2-abc/sha256/ff' })).toMatchObject(mismatch);
    expect(verify(query, { method: 'PUT' })).toMatchObject(mismatch);
    expect(verify(query, { secret: 'other' })).toMatchObject(mismatch);
    for (const [name, value] of [
      ['X-Amz-Date', '20260301T090500Z'],
      ['X-Amz-Expires', '301'],
      ['X-Amz-SignedHeaders', 'host;range'],
    ] as const) {
      const edited = new URLSearchParams(query);
      edited.set(name, value);
      expect(verify(edited)).toMatchObject(mismatch);
    }
  });

  it('reports missing or malformed parameters as AuthorizationQueryParametersError', () => {
    const bad = { ok: false, status: 400, code: 'AuthorizationQueryParametersError' };
    const { query } = signed();
    const withoutSignature = new URLSearchParams(query);
    withoutSignature.delete('X-Amz-Signature');
    expect(verify(withoutSignature)).toMatchObject(bad);
    for (const [name, value] of [
      ['X-Amz-Algorithm', 'AWS4-HMAC-SHA1'],
      ['X-Amz-Date', '20261301T000000Z'],
      ['X-Amz-Expires', '-5'],
      ['X-Amz-Expires', '604801'],
    ] as const) {
      const edited = new URLSearchParams(query);
      edited.set(name, value);
      expect(verify(edited)).toMatchObject(bad);
    }
  });

  it('treats a request without any X-Amz parameter as anonymous: AccessDenied', () => {
    expect(verify(new URLSearchParams())).toMatchObject({ ok: false, status: 403, code: 'AccessDenied', message: 'Access Denied' });
  });

  it('refuses a URL dated well in the future', () => {
    const result = verify(signed().query, { now: new Date('2026-03-01T08:00:00Z') });
    expect(result).toMatchObject({ ok: false, status: 403, code: 'AccessDenied', message: 'Request is not valid yet' });
  });
});

describe('amz dates', () => {
  it('round-trips the long format and rejects impossible dates', () => {
    expect(formatAmzDate(NOW)).toBe('20260301T090000Z');
    expect(parseAmzDate('20260301T090000Z')?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(parseAmzDate('20260230T000000Z')).toBeUndefined();
    expect(parseAmzDate('2026-03-01T09:00:00Z')).toBeUndefined();
  });
});
