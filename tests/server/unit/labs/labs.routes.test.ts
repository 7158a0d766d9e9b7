import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readTarGz } from '../../../support/tar.ts';
import { ENDPOINT, basicAws, bearer, flagFor, labsApp, type ManifestJson } from './labs.fixture.ts';

const MANIFEST_URL = `${ENDPOINT}/v2/jam/flag-image/manifests/latest`;
const blobUrl = (digest: string) => `${ENDPOINT}/v2/jam/flag-image/blobs/${digest}`;
const sha256 = (bytes: ArrayBuffer) => `sha256:${createHash('sha256').update(new Uint8Array(bytes)).digest('hex')}`;

async function fetchManifest(app: ReturnType<typeof labsApp>['app'], token: string): Promise<ManifestJson> {
  const res = await app.request(MANIFEST_URL, { headers: bearer(token) });
  expect(res.status).toBe(200);
  return (await res.json()) as ManifestJson;
}

async function presignedLocation(app: ReturnType<typeof labsApp>['app'], token: string, digest: string): Promise<string> {
  const res = await app.request(blobUrl(digest), { headers: bearer(token), redirect: 'manual' });
  expect(res.status).toBe(307);
  const location = res.headers.get('Location');
  expect(location).toMatch(/^\/labs\/s3\/jam-ecr-layers\//);
  return location ?? '';
}

describe('ECR registry lab: the pull', () => {
  it('walks auth check, manifest, blob redirect and presigned download to the team flag', async () => {
    const { app } = labsApp();

    const anonymous = await app.request(`${ENDPOINT}/v2/`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('WWW-Authenticate')).toBe('Basic realm="jamboree-ecr"');
    expect(await anonymous.json()).toMatchObject({ errors: [{ code: 'UNAUTHORIZED' }] });

    const authed = await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') });
    expect(authed.status).toBe(200);
    expect(authed.headers.get('Docker-Distribution-API-Version')).toBe('registry/2.0');
    expect(await authed.json()).toEqual({});

    const manifestRes = await app.request(MANIFEST_URL, { headers: bearer('token-team-1') });
    expect(manifestRes.status).toBe(200);
    expect(manifestRes.headers.get('Content-Type')).toBe('application/vnd.oci.image.manifest.v1+json');
    const manifestBytes = await manifestRes.arrayBuffer();
    expect(manifestRes.headers.get('Docker-Content-Digest')).toBe(sha256(manifestBytes));
    const manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as ManifestJson;
    expect(manifest.schemaVersion).toBe(2);
    expect(manifest.layers).toHaveLength(2);

    const files = new Map<string, string>();
    for (const layer of manifest.layers) {
      const location = await presignedLocation(app, 'token-team-1', layer.digest);
      const s3 = await app.request(location);
      expect(s3.status).toBe(200);
      expect(s3.headers.get('Content-Type')).toBe('application/octet-stream');
      const bytes = await s3.arrayBuffer();
      expect(sha256(bytes)).toBe(layer.digest);
      expect(bytes.byteLength).toBe(layer.size);
      for (const entry of await readTarGz(new Uint8Array(bytes))) files.set(entry.name, entry.content.toString('utf8'));
    }
    expect(files.get('app/FLAG.txt')?.trim()).toBe(flagFor(1));
    expect(files.get('app/README.md')).toContain('307');
  });

  it('serves a config blob whose digest and diff_ids match what was downloaded', async () => {
    const { app } = labsApp();
    const manifest = await fetchManifest(app, 'token-team-1');
    const config = await app.request(await presignedLocation(app, 'token-team-1', manifest.config.digest));
    const bytes = await config.arrayBuffer();
    expect(sha256(bytes)).toBe(manifest.config.digest);
    const parsed = JSON.parse(Buffer.from(bytes).toString('utf8')) as { rootfs: { diff_ids: string[] } };
    expect(parsed.rootfs.diff_ids).toHaveLength(manifest.layers.length);
  });

  it('accepts Basic auth with user AWS and the token as password, as docker login sends', async () => {
    const { app } = labsApp();
    const res = await app.request(`${ENDPOINT}/v2/`, { headers: basicAws('token-team-2') });
    expect(res.status).toBe(200);
    const otherUser = await app.request(`${ENDPOINT}/v2/`, {
      headers: { Authorization: `Basic ${Buffer.from('admin:token-team-2').toString('base64')}` },
    });
    expect(otherUser.status).toBe(401);
  });

  it('refuses an unknown token with 401 on every registry path', async () => {
    const { app } = labsApp();
    for (const path of ['/v2/', '/v2/jam/flag-image/manifests/latest', '/v2/jam/flag-image/blobs/sha256:00']) {
      const res = await app.request(`${ENDPOINT}${path}`, { headers: bearer('not-a-token') });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid lab token' }] });
    }
  });

  it("serves each team its own flag: another team's token pulls that team's image", async () => {
    const { app } = labsApp();
    const one = await fetchManifest(app, 'token-team-1');
    const two = await fetchManifest(app, 'token-team-2');
    const flagLayer = (m: ManifestJson) => m.layers[1]?.digest ?? '';
    expect(flagLayer(one)).not.toBe(flagLayer(two));
    // Team 2 cannot get team 1's layer by its digest: it is not in team 2's image.
    const res = await app.request(blobUrl(flagLayer(one)), { headers: bearer('token-team-2') });
    expect(res.status).toBe(404);
    const location = await presignedLocation(app, 'token-team-2', flagLayer(two));
    const files = await readTarGz(new Uint8Array(await (await app.request(location)).arrayBuffer()));
    expect(
      files
        .find((f) => f.name === 'app/FLAG.txt')
        ?.content.toString('utf8')
        .trim(),
    ).toBe(flagFor(2));
  });

  it('answers a manifest by digest and HEAD with the same digest and no body', async () => {
    const { app } = labsApp();
    const byTag = await app.request(MANIFEST_URL, { headers: bearer('token-team-1') });
    const digest = byTag.headers.get('Docker-Content-Digest') ?? '';
    const byDigest = await app.request(`${ENDPOINT}/v2/jam/flag-image/manifests/${digest}`, {
      headers: bearer('token-team-1'),
    });
    expect(byDigest.status).toBe(200);
    expect(await byDigest.text()).toBe(await byTag.text());
    const head = await app.request(MANIFEST_URL, { method: 'HEAD', headers: bearer('token-team-1') });
    expect(head.status).toBe(200);
    expect(head.headers.get('Docker-Content-Digest')).toBe(digest);
    expect(await head.text()).toBe('');
  });
});

describe('ECR registry lab: errors', () => {
  it('answers an unknown repository, tag or digest with the OCI 404 error', async () => {
    const { app } = labsApp();
    const auth = { headers: bearer('token-team-1') };
    const repo = await app.request(`${ENDPOINT}/v2/jam/other-image/manifests/latest`, auth);
    expect(repo.status).toBe(404);
    expect(await repo.json()).toMatchObject({ errors: [{ code: 'NAME_UNKNOWN', detail: { name: 'jam/other-image' } }] });
    const tag = await app.request(`${ENDPOINT}/v2/jam/flag-image/manifests/v2`, auth);
    expect(tag.status).toBe(404);
    expect(await tag.json()).toMatchObject({ errors: [{ code: 'MANIFEST_UNKNOWN' }] });
    const blob = await app.request(blobUrl(`sha256:${'0'.repeat(64)}`), auth);
    expect(blob.status).toBe(404);
    expect(await blob.json()).toMatchObject({ errors: [{ code: 'BLOB_UNKNOWN' }] });
    const blobRepo = await app.request(`${ENDPOINT}/v2/flag-image/blobs/sha256:${'0'.repeat(64)}`, auth);
    expect(await blobRepo.json()).toMatchObject({ errors: [{ code: 'NAME_UNKNOWN' }] });
  });

  it('refuses pushes: the lab registry is read-only', async () => {
    const { app } = labsApp();
    const res = await app.request(`${ENDPOINT}/v2/jam/flag-image/blobs/uploads/`, {
      method: 'POST',
      headers: bearer('token-team-1'),
    });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ errors: [{ code: 'UNSUPPORTED' }] });
  });
});
