/**
 * Image layers as gzipped tar archives, written with `tar-stream` (a well-kept ustar writer;
 * it replaced a hand-written one). Output is deterministic (fixed owner, fixed default mtime,
 * fixed gzip header) so the same files always give the same bytes and therefore the same
 * `sha256:` digest on every instance.
 */
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** 2023-11-27T00:00:00Z, the first day of re:Invent 2023: any fixed instant would do. */
export const DEFAULT_TAR_MTIME = 1_701_043_200;
const GZIP_OS_UNIX = 3;

export interface TarEntry {
  /** Relative POSIX path; a directory may end with `/`. */
  name: string;
  type?: 'file' | 'directory';
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
  content?: Uint8Array | string;
}

/** The archive, and its gzip with the OS byte pinned (zlib already writes mtime 0). */
export async function writeLayer(entries: readonly TarEntry[]): Promise<{ tar: Buffer; gz: Buffer }> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of archive) chunks.push(chunk as Buffer);
  })();
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const name = normalizeName(entry.name, type);
    const content = type === 'directory' ? Buffer.alloc(0) : Buffer.from(entry.content ?? '');
    archive.entry(
      {
        name,
        type,
        mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
        mtime: new Date((entry.mtime ?? DEFAULT_TAR_MTIME) * 1000),
        uid: 0,
        gid: 0,
        uname: 'root',
        gname: 'root',
      },
      content,
    );
  }
  archive.finalize();
  await collected;
  const tar = Buffer.concat(chunks);
  const gz = gzipSync(tar, { level: 9 });
  gz[9] = GZIP_OS_UNIX;
  return { tar, gz };
}

/** Refuses names a layer must never carry: absolute, parent-relative, empty segments, non-ASCII. */
function normalizeName(name: string, type: 'file' | 'directory'): string {
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
