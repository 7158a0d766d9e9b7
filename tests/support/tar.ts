import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';

export interface TarReadEntry {
  name: string;
  type: string;
  mode: number;
  /** Seconds since the epoch. */
  mtime: number;
  content: Buffer;
}

/** Reads a gzipped tar as a client pulling a layer would, with tar-stream's reader. */
export async function readTarGz(data: Uint8Array): Promise<TarReadEntry[]> {
  const reader = extract();
  const entries: TarReadEntry[] = [];
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const h = entry.header;
      entries.push({
        name: h.name,
        type: h.type ?? 'file',
        mode: h.mode ?? 0,
        mtime: Math.round((h.mtime?.getTime() ?? 0) / 1000),
        content: Buffer.concat(chunks),
      });
    }
  })();
  reader.end(gunzipSync(data));
  await done;
  return entries;
}
