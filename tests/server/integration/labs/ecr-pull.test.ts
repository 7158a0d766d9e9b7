import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { readTarGz } from '../../../support/tar.ts';

interface Manifest {
  layers: { digest: string }[];
}

/** Pulls the image the way `docker pull` does, following the 307 by hand. */
async function pullFlag(t: TestApp, token: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const manifestRes = await t.app.request('http://localhost/labs/ecr/v2/jam/flag-image/manifests/latest', { headers: auth });
  expect(manifestRes.status).toBe(200);
  const manifest = (await manifestRes.json()) as Manifest;
  for (const layer of manifest.layers) {
    const blob = await t.app.request(`http://localhost/labs/ecr/v2/jam/flag-image/blobs/${layer.digest}`, { headers: auth, redirect: 'manual' });
    expect(blob.status).toBe(307);
    const location = blob.headers.get('location') ?? '';
    expect(location).toMatch(/^\/labs\/s3\/.*X-Amz-Signature=/);
    const s3 = await t.app.request(`http://localhost${location}`);
    expect(s3.status).toBe(200);
    const files = await readTarGz(new Uint8Array(await s3.arrayBuffer()));
    const flagFile = files.find((f) => f.name.endsWith('FLAG.txt'));
    if (flagFile) return Buffer.from(flagFile.content).toString('utf8').trim();
  }
  throw new Error('no FLAG.txt in any layer');
}

describeBackends('the ECR lab inside the game', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the lab endpoint and token, and accepts the flag pulled from the registry', async () => {
    const a = await playerWithTeam(t, 'Aki', 'Kumo');
    const b = await playerWithTeam(t, 'Ben', 'Sora');
    await startEvent(t);
    const detail = await a.client.get('/api/challenges/beta');
    const labTask = detail.body.tasks.find((task: { id: string }) => task.id === 'lab-flag');
    expect(labTask.answer).toMatchObject({
      type: 'lab',
      lab: 'ecr-registry',
      endpoint: 'http://localhost/labs/ecr',
      token: a.team.labToken,
      resources: { repository: 'jam/flag-image', tag: 'latest' },
    });
    expect(labTask.answer.firstCommand).toBe(`curl -i -u "AWS:${a.team.labToken}" http://localhost/labs/ecr/v2/`);

    const flagA = await pullFlag(t, a.team.labToken);
    const flagB = await pullFlag(t, b.team.labToken);
    expect(flagA).toMatch(/^JAM\{/);
    expect(flagA).not.toBe(flagB);
    // The registry is the team's lab state on the platform: created on first use, restartable.
    const state = await t.ctx.db
      .selectFrom('lab_state')
      .select(['state'])
      .where('team_id', '=', a.team.id)
      .where('lab', '=', 'ecr-registry')
      .executeTakeFirstOrThrow();
    expect(state.state).toEqual({
      v: 1,
      repositories: [
        { name: 'jam/flag-image', tags: ['latest'] },
        { name: 'jam/graviton-app', tags: ['latest'] },
      ],
    });
    expect((await a.client.post('/api/challenges/beta/tasks/lab-flag/lab/reset')).body).toEqual({ lab: 'ecr-registry', resets: 1 });
    expect(await pullFlag(t, a.team.labToken)).toBe(flagA);

    // Team B submits team A's flag: rejected and flagged as sharing for the admins.
    const shared = await b.client.post('/api/challenges/beta/tasks/lab-flag/attempts', { answer: flagA });
    expect(shared.body).toMatchObject({ correct: false, awarded: 0 });
    const row = await t.ctx.db.selectFrom('attempt').select(['flags', 'team_id']).where('team_id', '=', b.team.id).executeTakeFirstOrThrow();
    expect(row.flags).toEqual(['sharing', `flag-of-team:${a.team.id}`]);

    const own = await a.client.post('/api/challenges/beta/tasks/lab-flag/attempts', { answer: `${flagA}\n` });
    expect(own.body).toEqual({ correct: true, awarded: 250, alreadySolved: false });

    // Requests are logged per team for the admins.
    await expect
      .poll(async () => (await t.ctx.db.selectFrom('lab_request').select('team_id').where('team_id', '=', a.team.id).execute()).length)
      .toBeGreaterThan(2);
  });

  it('refuses a registry call without a valid token', async () => {
    const res = await t.app.request('http://localhost/labs/ecr/v2/', { headers: { authorization: 'Bearer not-a-token' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('Basic');
  });
});
