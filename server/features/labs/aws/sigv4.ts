/**
 * AWS Signature Version 4 verification for the lab endpoint, header and query-string forms.
 *
 * The expected signature is computed by `@smithy/signature-v4`, the signer the AWS SDK for
 * JavaScript itself uses: canonical paths, query encoding, header folding and key derivation
 * are exactly what real clients do, which a second implementation of ours would get subtly
 * wrong. Around it, this file does what a verifier must and a signer does not: rebuild the
 * request from what was received (only the headers the client signed), hash the body that
 * actually arrived (never the client's `x-amz-content-sha256`), check the date and its skew,
 * and compare signatures in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsError } from '../lab.ts';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** How far a signed date may be from the server's clock, as AWS allows. */
export const MAX_SKEW_MS = 5 * 60 * 1000;
const MAX_PRESIGN_SECONDS = 604_800;
const AUTH_QUERY = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

export interface ReceivedRequest {
  method: string;
  /** The path as received, still percent-encoded. */
  path: string;
  /** Decoded query parameters in the order received. */
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SigV4Auth {
  form: 'header' | 'query';
  accessKeyId: string;
  region: string;
  service: string;
  amzDate: string;
  signedAt: Date;
  signedHeaders: string[];
  signature: string;
  expiresSeconds?: number;
}

/** What the request claims: who signed it, for which service and when. Undefined when it carries no SigV4 at all. */
export function parseSigV4(req: ReceivedRequest): SigV4Auth | undefined {
  const authorization = req.headers.authorization;
  const queryAlgorithm = req.query.find(([k]) => k === 'X-Amz-Algorithm');
  if (authorization === undefined && queryAlgorithm === undefined) return undefined;
  if (authorization !== undefined) return parseHeaderForm(authorization, req.headers);
  const q = new Map(req.query.filter(([k]) => AUTH_QUERY.includes(k)));
  const missing = AUTH_QUERY.filter((k) => !q.has(k));
  if (missing.length > 0)
    throw new AwsError('IncompleteSignatureException', `AWS query-string parameters must include ${missing.map((k) => `'${k}'`).join(', ')}.`);
  if (q.get('X-Amz-Algorithm') !== SIGV4_ALGORITHM)
    throw new AwsError('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${q.get('X-Amz-Algorithm')}'`);
  const expires = q.get('X-Amz-Expires') ?? '';
  if (!/^\d{1,7}$/.test(expires) || Number(expires) > MAX_PRESIGN_SECONDS) {
    throw new AwsError('IncompleteSignatureException', `X-Amz-Expires must be a number of seconds up to ${MAX_PRESIGN_SECONDS}`);
  }
  return {
    form: 'query',
    ...parseCredential(q.get('X-Amz-Credential') ?? '', q.get('X-Amz-Date') ?? ''),
    signedHeaders: (q.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature: q.get('X-Amz-Signature') ?? '',
    expiresSeconds: Number(expires),
  };
}

function parseHeaderForm(header: string, headers: Record<string, string>): SigV4Auth {
  const space = header.indexOf(' ');
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) throw new AwsError('IncompleteSignatureException', `Unsupported AWS 'algorithm': '${algorithm}'`);
  const params = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !params.get(k));
  if (missing.length > 0) {
    throw new AwsError('IncompleteSignatureException', missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' '));
  }
  const amzDate = headers['x-amz-date'];
  if (amzDate === undefined)
    throw new AwsError('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return {
    form: 'header',
    ...parseCredential(params.get('Credential') ?? '', amzDate),
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';'),
    signature: params.get('Signature') ?? '',
  };
}

function parseCredential(credential: string, amzDate: string) {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    throw new AwsError(
      'IncompleteSignatureException',
      `Credential should be scoped to a valid region, not ''. Credential should be of the form <key>/<date>/<region>/<service>/aws4_request.`,
    );
  }
  const [accessKeyId, shortDate, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== 'aws4_request')
    throw new AwsError('IncompleteSignatureException', `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
  const signedAt = parseAmzDate(amzDate);
  if (!signedAt) throw new AwsError('IncompleteSignatureException', `X-Amz-Date must be in the ISO8601 basic format yyyyMMdd'T'HHmmss'Z', not '${amzDate}'.`);
  if (shortDate !== amzDate.slice(0, 8)) {
    throw new AwsError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  return { accessKeyId, region, service, amzDate, signedAt };
}

/** Refuses a date too far from the server's clock (header form) or past its expiry (query form). */
export function checkSigningTime(auth: SigV4Auth, now: Date): void {
  const nowMs = now.getTime();
  const signedMs = auth.signedAt.getTime();
  if (signedMs - nowMs > MAX_SKEW_MS) {
    throw new AwsError(
      'InvalidSignatureException',
      `Signature not yet current: ${auth.amzDate} is still later than ${formatAmzDate(new Date(nowMs + MAX_SKEW_MS))} (${formatAmzDate(now)} + 5 min.)`,
    );
  }
  const limitMs = auth.form === 'query' ? signedMs + (auth.expiresSeconds ?? 0) * 1000 : signedMs + MAX_SKEW_MS;
  if (nowMs > limitMs) {
    const earliest = auth.form === 'query' ? formatAmzDate(new Date(limitMs)) : formatAmzDate(new Date(nowMs - MAX_SKEW_MS));
    throw new AwsError(
      'InvalidSignatureException',
      auth.form === 'query'
        ? `Signature expired: ${earliest} is now earlier than ${formatAmzDate(now)}.`
        : `Signature expired: ${auth.amzDate} is now earlier than ${earliest} (${formatAmzDate(now)} - 5 min.)`,
    );
  }
}

/** Whether the request was signed with `secretAccessKey`. */
export async function verifySigV4(req: ReceivedRequest, auth: SigV4Auth, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<boolean> {
  if (!auth.signedHeaders.includes('host')) return false;
  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return false;
    // The body that arrived decides, whatever hash the client claims for it.
    headers[name] = name === 'x-amz-content-sha256' ? bodyHash : value;
  }
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of req.query) {
    if (auth.form === 'query' && AUTH_QUERY.includes(key)) continue;
    const previous = query[key];
    query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  const request = { method: req.method, protocol: 'http:', hostname: headers.host ?? '', path: req.path, query, headers, body: req.body };
  const signer = new SignatureV4({ credentials, region: auth.region, service: auth.service, sha256: NodeSha256, applyChecksum: false, uriEscapePath: true });
  const signable = new Set(auth.signedHeaders);
  let expected: string;
  if (auth.form === 'header') {
    const signed = await signer.sign(request, { signingDate: auth.signedAt, signableHeaders: signable });
    expected = /Signature=([0-9a-f]+)/.exec(signed.headers.authorization ?? '')?.[1] ?? '';
  } else {
    const hoisted = new Set(auth.signedHeaders.filter((h) => h.startsWith('x-amz-')));
    const presigned = await signer.presign(request, {
      signingDate: auth.signedAt,
      expiresIn: auth.expiresSeconds ?? 0,
      signableHeaders: signable,
      unhoistableHeaders: hoisted,
    });
    const value = presigned.query?.['X-Amz-Signature'];
    expected = typeof value === 'string' ? value : '';
  }
  return signaturesEqual(expected, auth.signature);
}

function signaturesEqual(expected: string, given: string): boolean {
  if (expected.length !== 64 || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

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
  return formatAmzDate(date) === value ? date : undefined;
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash constructor the signer asks for (`Checksum`), on node:crypto. */
class NodeSha256 {
  readonly #hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {}
}
