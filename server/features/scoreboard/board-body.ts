import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { JsonText } from '../../domain/json-text.ts';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export type BodyEncoding = 'br' | 'gzip' | 'identity';

/**
 * One version of the default board page, serialised once and compressed once, so a read
 * only picks bytes: the board is the most read resource of an event (every tab and the
 * screen) and changes at most a few times a second.
 */
export interface EncodedBody<T = unknown> {
  json: JsonText<T>;
  /** Derived from the content: every instance gives the same page the same tag. */
  tag: string;
  bytes: Record<BodyEncoding, Uint8Array<ArrayBuffer>>;
}

/** Compresses off the main thread (zlib's thread pool); the board is swapped in once both are ready. */
export async function encodeBody<T>(json: JsonText<T>): Promise<EncodedBody<T>> {
  const identity = Buffer.from(json, 'utf8');
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: 6 }),
    // Quality 5 compresses an 11 KB board in well under a millisecond, nearly as small as 11.
    brotliAsync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
  ]);
  const tag = createHash('sha1').update(identity).digest('base64url').slice(0, 20);
  return { json, tag, bytes: { identity, gzip: new Uint8Array(gz), br: new Uint8Array(br) } };
}

/** The ETag of one representation (each encoding is its own, as RFC 9110 requires of strong tags). */
export function etagOf(body: EncodedBody<unknown>, encoding: BodyEncoding): string {
  return encoding === 'identity' ? `"${body.tag}"` : `"${body.tag}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/**
 * Brotli if the client accepts it, else gzip, else none; `q=0` refuses a coding. A client
 * sending no header gets the uncompressed body.
 */
export function pickEncoding(acceptEncoding: string | undefined): BodyEncoding {
  if (!acceptEncoding) return 'identity';
  let br = false;
  let gz = false;
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) continue;
    if (name === 'br') br = true;
    else if (name === 'gzip' || name === 'x-gzip' || name === '*') gz = true;
  }
  return br ? 'br' : gz ? 'gzip' : 'identity';
}

/** If-None-Match holds this tag (weak comparison, `*` matches any). */
export function matchesTag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
