import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAR_MTIME, writeLayer } from '../../../../server/features/labs/ecr/tar.ts';
import { readTarGz } from '../../../support/tar.ts';

describe('writeLayer', () => {
  it('writes names, types, modes, owner and mtimes that tar tools read back', async () => {
    const { gz } = await writeLayer([
      { name: 'app', type: 'directory' },
      { name: 'app/run.sh', content: '#!/bin/sh\n', mode: 0o755, mtime: 1_000 },
      { name: 'app/empty' },
    ]);
    const entries = await readTarGz(gz);
    expect(entries.map(({ name, type, mode, mtime }) => ({ name, type, mode, mtime }))).toEqual([
      { name: 'app/', type: 'directory', mode: 0o755, mtime: DEFAULT_TAR_MTIME },
      { name: 'app/run.sh', type: 'file', mode: 0o755, mtime: 1_000 },
      { name: 'app/empty', type: 'file', mode: 0o644, mtime: DEFAULT_TAR_MTIME },
    ]);
    expect(entries[1]?.content.toString()).toBe('#!/bin/sh\n');
  });

  it('extracts with the system tar, as a player does with the pulled layer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-tar-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'layer.tar.gz'),
        (
          await writeLayer([
            { name: 'app/', type: 'directory' },
            { name: 'app/FLAG.txt', content: 'JAM{x}\n' },
          ])
        ).gz,
      );
      execFileSync('tar', ['-xzf', 'layer.tar.gz'], { cwd: dir });
      expect(fs.readFileSync(path.join(dir, 'app/FLAG.txt'), 'utf8')).toBe('JAM{x}\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is deterministic: the same files give the same bytes, compressed or not', async () => {
    const files = [
      { name: 'app/', type: 'directory' as const },
      { name: 'app/x', content: 'same' },
    ];
    const [a, b] = await Promise.all([writeLayer(files), writeLayer(files)]);
    expect(a.tar.equals(b.tar)).toBe(true);
    expect(a.gz.equals(b.gz)).toBe(true);
  });

  it('refuses absolute, parent-relative and non-ASCII names', async () => {
    for (const name of ['/etc/passwd', '../up', 'a/../b', 'a//b', 'café', '']) {
      await expect(writeLayer([{ name, content: '' }])).rejects.toThrow(/invalid tar entry name/);
    }
  });

  it('round-trips arbitrary file contents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 5 }), async (contents) => {
        const files = contents.map((content, i) => ({ name: `f${i}.bin`, content }));
        const read = await readTarGz((await writeLayer(files)).gz);
        expect(read.map((e) => [...e.content])).toEqual(contents.map((c) => [...c]));
      }),
      { numRuns: 50 },
    );
  });

  it('produces gzip that any gunzip reads, with a fixed header', async () => {
    const { gz, tar } = await writeLayer([{ name: 'a', content: 'b' }]);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    expect(gunzipSync(gz).equals(tar)).toBe(true);
  });
});
