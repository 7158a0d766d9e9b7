import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';

/** Every admin console route, with a body that would be valid or at least parseable. */
const ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/api/admin/teams'],
  ['PATCH', '/api/admin/teams/1', { name: 'Renamed' }],
  ['DELETE', '/api/admin/teams/1/members/1'],
  ['POST', '/api/admin/teams/1/disqualify', { reason: 'sharing flags' }],
  ['POST', '/api/admin/teams/1/reinstate', {}],
  ['GET', '/api/admin/teams/1/adjustments'],
  ['POST', '/api/admin/teams/1/adjustments', { points: 10, reason: 'bonus' }],
  // An invalid body still answers 401/403: the guard runs before validation.
  ['POST', '/api/admin/teams/1/adjustments', {}],
  ['GET', '/api/admin/adjustments'],
  ['GET', '/api/admin/submissions'],
  ['GET', '/api/admin/submissions?teamId=1&correct=false&limit=5'],
  ['GET', '/api/admin/clue-usage'],
  ['GET', '/api/admin/ratings'],
  ['GET', '/api/admin/export'],
  ['GET', '/api/admin/export?format=json'],
  ['GET', '/api/admin/audit'],
  ['GET', '/api/admin/labs/requests'],
];

describeBackends('admin console routes refuse non-admins', (backend) => {
  let t: TestApp;
  let player: Client;
  beforeAll(async () => {
    t = await createTestApp(backend);
    player = (await playerWithTeam(t, 'Aki', 'Kumo')).client;
  });
  afterAll(async () => {
    await t.close();
  });

  describe.each(ROUTES)('%s %s', (method, path, body) => {
    it('answers 401 without a session', async () => {
      const res = await new Client(t.app).request(method, path, body);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it('answers 403 to a player session', async () => {
      const res = await player.request(method, path, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });
  });

  it('leaves admin login reachable and lets the admin session through every read route', async () => {
    const admin = await adminClient(t);
    for (const [method, path] of ROUTES.filter(([m]) => m === 'GET')) {
      const res = await admin.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(200);
    }
  });
});
