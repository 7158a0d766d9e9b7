/**
 * Simulated S3 presigned URLs. The shape follows SigV4 query authentication (the `X-Amz-*`
 * parameters a real presigned GET carries) but the signature is a plain HMAC over method,
 * path, date and expiry with a key derived from the lab secret: enough for a player to see
 * that changing any part of the URL, or waiting too long, gets the request refused.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual, labSubkey } from '../lab.flags.ts';

export const S3_BASE_PATH = '/labs/s3';
/** S3 refuses presigned URLs valid for longer than seven days. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604_800;
const ALGORITHM = 'AWS4-HMAC-SHA256';
/** Tolerated clock skew for a date in the future, as S3 allows for client clocks. */
const FUTURE_SKEW_MS = 15 * 60 * 1000;

export interface PresignInput {
  secret: string;
  bucket: string;
  key: string;
  expiresSeconds: number;
  now: Date;
  /** Where the simulated S3 is mounted; defaults to `/labs/s3`. */
  basePath?: string;
}

export type PresignFailure =
  | { ok: false; status: 400; code: 'AuthorizationQueryParametersError'; message: string }
  | { ok: false; status: 403; code: 'SignatureDoesNotMatch'; message: string }
  | { ok: false; status: 403; code: 'AccessDenied'; message: string; expires?: Date };

export type PresignCheck = { ok: true } | PresignFailure;

export interface VerifyPresignedInput {
  secret: string;
  method: string;
  bucket: string;
  key: string;
  query: URLSearchParams;
  now: Date;
}

/** Path plus query of a presigned GET for `bucket`/`key`. */
export function presignS3Url(input: PresignInput): string {
  const { secret, bucket, key, expiresSeconds, now } = input;
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new RangeError(`expiresSeconds must be an integer in 1..${MAX_PRESIGN_EXPIRES_SECONDS}`);
  }
  const amzDate = formatAmzDate(now);
  const expires = String(expiresSeconds);
  const signature = sign(secret, 'GET', canonicalPath(bucket, key), amzDate, expires);
  const query = new URLSearchParams({
    'X-Amz-Algorithm': ALGORITHM,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': expires,
    'X-Amz-SignedHeaders': 'host',
    'X-Amz-Signature': signature,
  });
  return `${input.basePath ?? S3_BASE_PATH}${canonicalPath(bucket, key)}?${query.toString()}`;
}

/**
 * Checks a presigned request the way S3 reports problems: malformed parameters first, then the
 * signature (so a tampered expiry reads as a bad signature, not as expired), then the validity
 * window.
 */
export function verifyPresigned(input: VerifyPresignedInput): PresignCheck {
  const { query } = input;
  const algorithm = query.get('X-Amz-Algorithm');
  const amzDate = query.get('X-Amz-Date');
  const expires = query.get('X-Amz-Expires');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  if ([algorithm, amzDate, expires, signedHeaders, signature].every((v) => v === null)) {
    // No query authentication at all: an anonymous request to a private bucket.
    return { ok: false, status: 403, code: 'AccessDenied', message: 'Access Denied' };
  }
  if (algorithm === null || amzDate === null || expires === null || signedHeaders === null || signature === null) {
    return queryError(
      'Query-string authentication requires the X-Amz-Algorithm, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature parameters',
    );
  }
  if (algorithm !== ALGORITHM) return queryError(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === undefined) return queryError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  if (!/^\d{1,7}$/.test(expires)) return queryError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expires);
  if (expiresSeconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    return queryError(`X-Amz-Expires must be less than a week (in seconds) that is ${MAX_PRESIGN_EXPIRES_SECONDS}`);
  }
  // A presigned GET also answers HEAD here, so `curl -I` on the URL behaves as players expect.
  const method = input.method.toUpperCase() === 'HEAD' ? 'GET' : input.method.toUpperCase();
  const expected = sign(input.secret, method, canonicalPath(input.bucket, input.key), amzDate, expires);
  if (signedHeaders !== 'host' || !constantTimeEqual(expected, signature)) {
    return {
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    };
  }
  const nowMs = input.now.getTime();
  if (signedAt.getTime() - nowMs > FUTURE_SKEW_MS) {
    return { ok: false, status: 403, code: 'AccessDenied', message: 'Request is not valid yet' };
  }
  const expiresAt = new Date(signedAt.getTime() + expiresSeconds * 1000);
  if (nowMs > expiresAt.getTime()) {
    return { ok: false, status: 403, code: 'AccessDenied', message: 'Request has expired', expires: expiresAt };
  }
  return { ok: true };
}

/** `YYYYMMDDTHHMMSSZ`, the SigV4 long date format. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls over out-of-range fields (month 13); round-tripping rejects them.
  return formatAmzDate(date) === value ? date : undefined;
}

function canonicalPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

function sign(secret: string, method: string, path: string, amzDate: string, expires: string): string {
  const stringToSign = [ALGORITHM, method, path, amzDate, expires].join('\n');
  return createHmac('sha256', labSubkey(secret, 's3-presign')).update(stringToSign).digest('hex');
}

function queryError(message: string): PresignFailure {
  return { ok: false, status: 400, code: 'AuthorizationQueryParametersError', message };
}

/** `2023-11-27T00:05:00Z`: how S3 error bodies print times. */
export function formatIsoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
