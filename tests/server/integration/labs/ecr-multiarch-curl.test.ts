import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describeBackendsWithTool, missingTool } from '../../../support/tools.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../support/backends.ts';
import { BUNDLED_CHALLENGES, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { readTarGz } from '../../../support/tar.ts';
import { listen } from './kinesis-support.ts';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';
const CHALLENGE = 'ecr-pull-flow';

interface Index {
  mediaType: string;
  manifests: { digest: string; mediaType: string; platform: { os: string; architecture: string } }[];
}

const missing = missingTool(CURL, 'curl', 'JAM_REQUIRE_CURL');
describeBackendsWithTool(missing)('the ECR lab’s multi-architecture image pulled with curl', (backend: Backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number; labToken: string } };
  let endpoint = '';

  /** `curl -u AWS:<token>` as `docker login` would send it; binary bodies as Buffers. */
  async function curl(args: string[]): Promise<Buffer> {
    const { stdout } = await run(CURL, ['-s', '-u', `AWS:${a.team.labToken}`, ...args], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  }
  const json = async (p: string) => JSON.parse((await curl([`${endpoint}${p}`])).toString('utf8'));
  async function files(manifestDigest: string) {
    const manifest = await json(`/v2/jam/graviton-app/manifests/${manifestDigest}`);
    const out: { name: string; content: string }[] = [];
    for (const layer of manifest.layers as { digest: string }[]) {
      const bytes = await curl(['-L', `${endpoint}/v2/jam/graviton-app/blobs/${layer.digest}`]);
      for (const f of await readTarGz(new Uint8Array(bytes))) out.push({ name: f.name, content: Buffer.from(f.content).toString('utf8') });
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: BUNDLED_CHALLENGES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    const detail = await a.client.get(`/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'pick-arm64').answer;
    expect(answer).toMatchObject({ type: 'lab', lab: 'ecr-registry', resources: { multiArchRepository: 'jam/graviton-app' } });
    endpoint = answer.endpoint.replace('http://localhost', server.url);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('answers the tag with an image index and serves the arm64 image, with the flag, by digest', async () => {
    const index = (await json('/v2/jam/graviton-app/manifests/latest')) as Index;
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
    const headers = (await curl(['-I', `${endpoint}/v2/jam/graviton-app/manifests/latest`])).toString('utf8');
    expect(headers).toMatch(/content-type: application\/vnd\.oci\.image\.index\.v1\+json/i);

    const amd64 = await files(index.manifests[0]?.digest ?? '');
    expect(amd64.some((f) => f.name.endsWith('FLAG.txt'))).toBe(false);
    expect(amd64.find((f) => f.name.endsWith('README.md'))?.content).toContain('Graviton');

    const arm64 = await files(index.manifests[1]?.digest ?? '');
    const flag = arm64.find((f) => f.name.endsWith('FLAG.txt'))?.content.trim() ?? '';
    expect(flag).toMatch(/^JAM\{ecr-[0-9a-f]{24}\}$/);
    expect(arm64.find((f) => f.name.endsWith('README.md'))?.content).toMatch(/authenticated[\s\S]*authorised/);

    // The arm64 flag is this task's, not the single-image task's.
    expect((await a.client.post(`/api/challenges/${CHALLENGE}/tasks/pull-the-flag/attempts`, { answer: flag })).body).toMatchObject({ correct: false });
    expect((await a.client.post(`/api/challenges/${CHALLENGE}/tasks/pick-arm64/attempts`, { answer: flag })).body).toEqual({
      correct: true,
      awarded: 700,
      alreadySolved: false,
    });
  });

  it('still serves jam/flag-image:latest as a single image whose flag solves the first lab task', async () => {
    const manifest = await json('/v2/jam/flag-image/manifests/latest');
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    let flag = '';
    for (const layer of manifest.layers as { digest: string }[]) {
      const bytes = await curl(['-L', `${endpoint}/v2/jam/flag-image/blobs/${layer.digest}`]);
      flag ||= (await readTarGz(new Uint8Array(bytes)))
        .map((f) => (f.name.endsWith('FLAG.txt') ? Buffer.from(f.content).toString('utf8').trim() : ''))
        .join('');
    }
    expect((await a.client.post(`/api/challenges/${CHALLENGE}/tasks/pull-the-flag/attempts`, { answer: flag })).body).toMatchObject({
      correct: true,
      awarded: 500,
    });
  });

  it('tells an unauthorised repository (403 DENIED) from an unknown one (404), and an unauthenticated call (401)', async () => {
    const denied = await curl(['-w', '\n%{http_code}', `${endpoint}/v2/jam/platform-base/manifests/latest`]);
    const [body, status] = denied.toString('utf8').split('\n');
    expect(status).toBe('403');
    expect(JSON.parse(body ?? '{}').errors[0]).toMatchObject({
      code: 'DENIED',
      message: expect.stringContaining('is not authorized to perform: ecr:BatchGetImage'),
    });
    const unknown = await curl(['-o', '/dev/null', '-w', '%{http_code}', `${endpoint}/v2/jam/nothing/manifests/latest`]);
    expect(unknown.toString()).toBe('404');
    const { stdout } = await run(CURL, ['-s', '-o', '/dev/null', '-w', '%{http_code}', `${endpoint}/v2/jam/graviton-app/manifests/latest`]);
    expect(stdout).toBe('401');
  });
});
