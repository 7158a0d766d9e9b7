import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  EcrImageStore,
  OCI_CONFIG_MEDIA_TYPE,
  OCI_LAYER_MEDIA_TYPE,
  OCI_MANIFEST_MEDIA_TYPE,
  buildEcrImage,
  layerObjectKey,
  parseLayerObjectKey,
} from '../../../../server/features/labs/ecr/ecr.image.ts';
import { readTarGz } from '../../../support/tar.ts';

const digestOf = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('buildEcrImage', async () => {
  const image = await buildEcrImage('JAM{ecr-0123456789abcdef01234567}');
  const manifest = JSON.parse(text(image.manifest.bytes));

  it('lists config and layers by their real digest, size and media type', () => {
    expect(manifest.mediaType).toBe(OCI_MANIFEST_MEDIA_TYPE);
    expect(manifest.config).toEqual({
      mediaType: OCI_CONFIG_MEDIA_TYPE,
      digest: digestOf(image.config.bytes),
      size: image.config.bytes.length,
    });
    expect(manifest.layers).toEqual(image.layers.map((l) => ({ mediaType: OCI_LAYER_MEDIA_TYPE, digest: digestOf(l.bytes), size: l.bytes.length })));
    expect(image.manifest.digest).toBe(digestOf(image.manifest.bytes));
  });

  it('names the uncompressed layers in the config diff_ids', () => {
    const config = JSON.parse(text(image.config.bytes));
    expect(config.rootfs.diff_ids).toEqual(image.layers.map((l) => digestOf(gunzipSync(l.bytes))));
  });

  it('puts the flag and a README into the second layer', async () => {
    const files = await readTarGz(image.layers[1]?.bytes ?? new Uint8Array());
    expect(files.map((f) => f.name)).toEqual(['app/', 'app/FLAG.txt', 'app/README.md']);
    expect(files[1]?.content.toString()).toBe('JAM{ecr-0123456789abcdef01234567}\n');
    expect(files[2]?.content.toString()).toContain('S3 pre-signed URL');
    expect(files[2]?.content.toString()).toContain('署名付き URL');
  });

  it('gives the same bytes for the same flag and shares the base layer between teams', async () => {
    const again = await buildEcrImage('JAM{ecr-0123456789abcdef01234567}');
    const other = await buildEcrImage('JAM{ecr-ffffffffffffffffffffffff}');
    expect(again.manifest.digest).toBe(image.manifest.digest);
    expect(other.manifest.digest).not.toBe(image.manifest.digest);
    expect(other.layers[0]?.digest).toBe(image.layers[0]?.digest);
    expect(other.layers[1]?.digest).not.toBe(image.layers[1]?.digest);
  });
});

describe('EcrImageStore', () => {
  it('returns the cached image for a flag and rebuilds it identically after eviction', async () => {
    const store = new EcrImageStore(1);
    const first = store.imageFor('JAM{ecr-a}');
    expect(store.imageFor('JAM{ecr-a}')).toBe(first);
    await store.imageFor('JAM{ecr-b}');
    const rebuilt = store.imageFor('JAM{ecr-a}');
    expect(rebuilt).not.toBe(first);
    expect((await rebuilt).manifest.digest).toBe((await first).manifest.digest);
  });
});

describe('layer object keys', () => {
  const digest = `sha256:${'ab'.repeat(32)}`;

  it('round-trip team and digest', () => {
    const key = layerObjectKey('s', 42, digest);
    expect(key).toMatch(/^42-[0-9a-f]{12}\/sha256\/(ab){32}$/);
    expect(parseLayerObjectKey('s', key)).toEqual({ teamId: 42, digest });
  });

  it('reject a key whose team was swapped without its tag', () => {
    const key = layerObjectKey('s', 42, digest).replace(/^42-/, '43-');
    expect(parseLayerObjectKey('s', key)).toBeUndefined();
    expect(parseLayerObjectKey('other-secret', layerObjectKey('s', 42, digest))).toBeUndefined();
    expect(parseLayerObjectKey('s', 'not/a/key')).toBeUndefined();
  });
});
