/**
 * A minimal POSIX ustar writer and reader, and gzip around them, for lab image layers.
 * Output is deterministic (fixed owner, fixed default mtime, fixed gzip header) so the same
 * files always give the same bytes and therefore the same `sha256:` digest.
 */
import { gunzipSync, gzipSync } from 'node:zlib';

const BLOCK = 512;
/** 2023-11-27T00:00:00Z, the first day of re:Invent 2023: any fixed instant would do. */
export const DEFAULT_TAR_MTIME = 1_701_043_200;
const GZIP_OS_UNIX = 3;
/** Largest size an 11-digit octal field can hold. */
const MAX_SIZE = 0o77777777777;

export interface TarEntry {
  /** Relative POSIX path; a directory may end with `/`. */
  name: string;
  type?: 'file' | 'directory';
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  content?: Uint8Array | string;
}

export interface TarReadEntry {
  name: string;
  type: 'file' | 'directory' | 'other';
  mode: number;
  mtime: number;
  content: Buffer;
}

export function writeTar(entries: readonly TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'directory' ? Buffer.alloc(0) : toBuffer(entry.content ?? '');
    parts.push(header(entry, type, content.length));
    if (content.length > 0) {
      parts.push(content, Buffer.alloc(padding(content.length)));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function writeTarGz(entries: readonly TarEntry[]): Buffer {
  const gz = gzipSync(writeTar(entries), { level: 9 });
  // zlib writes mtime 0 already; pin the OS byte too so the bytes do not depend on the platform.
  gz[9] = GZIP_OS_UNIX;
  return gz;
}

export function readTarGz(data: Uint8Array): TarReadEntry[] {
  return readTar(gunzipSync(data));
}

export function readTar(data: Uint8Array): TarReadEntry[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const entries: TarReadEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= buf.length) {
    const block = buf.subarray(offset, offset + BLOCK);
    if (block.every((byte) => byte === 0)) return entries;
    if (parseOctal(block, 148, 8) !== checksum(block)) {
      throw new Error(`tar header at offset ${offset} has a bad checksum`);
    }
    const size = parseOctal(block, 124, 12);
    const start = offset + BLOCK;
    if (start + size > buf.length) throw new Error(`tar entry at offset ${offset} is truncated`);
    const name = readString(block, 0, 100);
    const prefix = block.toString('latin1', 257, 262) === 'ustar' ? readString(block, 345, 155) : '';
    const flag = String.fromCharCode(block[156] ?? 0);
    entries.push({
      name: prefix ? `${prefix}/${name}` : name,
      type: flag === '0' || flag === '\0' ? 'file' : flag === '5' ? 'directory' : 'other',
      mode: parseOctal(block, 100, 8),
      mtime: parseOctal(block, 136, 12),
      content: Buffer.from(buf.subarray(start, start + size)),
    });
    offset = start + size + padding(size);
  }
  throw new Error('tar archive ends without its end-of-archive blocks');
}

function header(entry: TarEntry, type: 'file' | 'directory', size: number): Buffer {
  if (size > MAX_SIZE) throw new RangeError(`tar entry ${entry.name} is too large for ustar`);
  const path = normaliseName(entry.name, type);
  const { name, prefix } = splitName(path);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'latin1');
  writeOctal(h, 100, 8, entry.mode ?? (type === 'directory' ? 0o755 : 0o644));
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeOctal(h, 124, 12, size);
  writeOctal(h, 136, 12, entry.mtime ?? DEFAULT_TAR_MTIME);
  h.write(type === 'directory' ? '5' : '0', 156, 1, 'latin1');
  h.write('ustar\0', 257, 6, 'latin1');
  h.write('00', 263, 2, 'latin1');
  h.write('root', 265, 32, 'latin1');
  h.write('root', 297, 32, 'latin1');
  writeOctal(h, 329, 8, 0);
  writeOctal(h, 337, 8, 0);
  h.write(prefix, 345, 155, 'latin1');
  // The checksum field is six octal digits, a NUL and a space, as GNU and BSD tar write it.
  h.write(`${checksum(h).toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  return h;
}

function normaliseName(name: string, type: 'file' | 'directory'): string {
  const bare = name.replace(/\/+$/, '');
  if (
    bare.length === 0 ||
    bare.startsWith('/') ||
    !/^[\x20-\x7e]+$/.test(bare) ||
    bare.split('/').some((part) => part === '' || part === '.' || part === '..')
  ) {
    throw new Error(`invalid tar entry name: ${JSON.stringify(name)}`);
  }
  return type === 'directory' ? `${bare}/` : bare;
}

/** ustar keeps long paths as prefix (≤ 155 bytes) + name (≤ 100 bytes), split at a slash. */
function splitName(path: string): { name: string; prefix: string } {
  if (path.length <= 100) return { name: path, prefix: '' };
  const body = path.endsWith('/') ? path.slice(0, -1) : path;
  for (let i = body.indexOf('/'); i !== -1; i = body.indexOf('/', i + 1)) {
    const prefix = body.slice(0, i);
    const name = path.slice(i + 1);
    if (prefix.length <= 155 && name.length <= 100) return { name, prefix };
  }
  throw new Error(`tar entry name is too long for ustar: ${path}`);
}

function checksum(block: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
  return sum;
}

function writeOctal(buf: Buffer, offset: number, length: number, value: number): void {
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) throw new RangeError(`${value} does not fit a ${length}-byte tar field`);
  buf.write(`${digits}\0`, offset, length, 'latin1');
}

function parseOctal(buf: Buffer, offset: number, length: number): number {
  const text = buf
    .toString('latin1', offset, offset + length)
    .replace(/[\0 ]+$/, '')
    .replace(/^[\0 ]+/, '');
  if (!/^[0-7]*$/.test(text)) throw new Error(`tar field at ${offset} is not octal: ${JSON.stringify(text)}`);
  return text === '' ? 0 : parseInt(text, 8);
}

function readString(buf: Buffer, offset: number, length: number): string {
  const field = buf.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return field.toString('latin1', 0, end === -1 ? length : end);
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function toBuffer(content: Uint8Array | string): Buffer {
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
}
