import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAR_MTIME, readTar, readTarGz, writeTar, writeTarGz } from '../../../../server/features/labs/tar.ts';

describe('writeTar', () => {
  it('writes 512-byte blocks ending with two zero blocks', () => {
    const tar = writeTar([{ name: 'a.txt', content: 'x'.repeat(513) }]);
    expect(tar.length).toBe(512 + 1024 + 1024);
    expect(tar.subarray(tar.length - 1024).every((b) => b === 0)).toBe(true);
  });

  it('writes a ustar header with the checksum tar tools expect', () => {
    const header = writeTar([{ name: 'app/FLAG.txt', content: 'flag\n' }]).subarray(0, 512);
    expect(header.toString('latin1', 257, 265)).toBe('ustar\u000000');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
    expect(header.toString('latin1', 148, 156)).toBe(`${sum.toString(8).padStart(6, '0')}\0 `);
    expect(header.toString('latin1', 124, 136)).toBe('00000000005\0');
  });

  it('is deterministic: the same files give the same bytes, compressed or not', () => {
    const files = [
      { name: 'app/', type: 'directory' as const },
      { name: 'app/x', content: 'same' },
    ];
    expect(writeTar(files).equals(writeTar(files))).toBe(true);
    expect(writeTarGz(files).equals(writeTarGz(files))).toBe(true);
  });

  it('refuses absolute, parent-relative and non-ASCII names', () => {
    for (const name of ['/etc/passwd', '../up', 'a/../b', 'a//b', 'café', '']) {
      expect(() => writeTar([{ name, content: '' }])).toThrow(/invalid tar entry name/);
    }
  });

  it('splits a long path into the ustar prefix and name fields', () => {
    const name = `${'d'.repeat(120)}/${'f'.repeat(90)}`;
    const [entry] = readTar(writeTar([{ name, content: 'deep' }]));
    expect(entry?.name).toBe(name);
    expect(() => writeTar([{ name: 'x'.repeat(101), content: '' }])).toThrow(/too long/);
  });
});

describe('readTar', () => {
  it('reads back names, types, modes, mtimes and contents', () => {
    const entries = readTarGz(
      writeTarGz([{ name: 'app', type: 'directory' }, { name: 'app/run.sh', content: '#!/bin/sh\n', mode: 0o755, mtime: 1_000 }, { name: 'app/empty' }]),
    );
    expect(entries.map(({ name, type, mode, mtime }) => ({ name, type, mode, mtime }))).toEqual([
      { name: 'app/', type: 'directory', mode: 0o755, mtime: DEFAULT_TAR_MTIME },
      { name: 'app/run.sh', type: 'file', mode: 0o755, mtime: 1_000 },
      { name: 'app/empty', type: 'file', mode: 0o644, mtime: DEFAULT_TAR_MTIME },
    ]);
    expect(entries[1]?.content.toString()).toBe('#!/bin/sh\n');
    expect(entries[2]?.content.length).toBe(0);
  });

  it('round-trips arbitrary file contents', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 2000 }), { maxLength: 5 }), (contents) => {
        const files = contents.map((content, i) => ({ name: `f${i}.bin`, content }));
        const read = readTar(writeTar(files));
        expect(read.map((e) => [...e.content])).toEqual(contents.map((c) => [...c]));
      }),
    );
  });

  it('rejects a corrupted header and a truncated archive', () => {
    const tar = writeTar([{ name: 'a.txt', content: 'hello' }]);
    const corrupted = Buffer.from(tar);
    corrupted[0] = 'b'.charCodeAt(0);
    expect(() => readTar(corrupted)).toThrow(/checksum/);
    expect(() => readTar(tar.subarray(0, 512))).toThrow(/truncated|end-of-archive/);
  });

  it('produces gzip that any gunzip reads, with a fixed header', () => {
    const gz = writeTarGz([{ name: 'a', content: 'b' }]);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3]);
    expect(gunzipSync(gz).length).toBe(2048);
  });
});
