import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, ADMIN_TOKEN, Client, createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { openStream } from '../realtime/helpers.ts';
import { createStaff, signIn, staffTrio, type StaffMember } from './staff-support.ts';

describeBackends('staff accounts and roles', (backend) => {
  let t: TestApp;
  let owner: Client;
  let facilitator: StaffMember;
  let support: StaffMember;
  let player: Client;
  let teamId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    ({ owner, facilitator, support } = await staffTrio(t));
    const p = await playerWithTeam(t, 'Aki', 'Kumo');
    player = p.client;
    teamId = p.team.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a new token once, in a form that names its holder, and stores only its hash', async () => {
    expect(facilitator.token).toMatch(/^staff-\d+-[A-Za-z0-9_-]{43}$/);
    const list = await owner.get('/api/admin/staff');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(facilitator.token);
    expect(list.body.staff.map((s: { name: string; role: string }) => [s.name, s.role])).toEqual([
      ['Owner', 'owner'],
      ['Fumi Facilitator', 'facilitator'],
      ['Sam Support', 'support'],
    ]);
    const dump = await sql<{ row: string }>`select row_to_json(s)::text as row from staff s`.execute(t.ctx.db);
    for (const { row } of dump.rows) {
      expect(row).not.toContain(facilitator.token);
      expect(row).not.toContain(facilitator.token.slice(`staff-${facilitator.id}-`.length));
    }
  });

  it('tells each person who they are signed in as', async () => {
    expect((await facilitator.client.get('/api/admin/session')).body).toEqual({
      admin: true,
      staff: { id: facilitator.id, name: 'Fumi Facilitator', role: 'facilitator', builtin: false },
    });
    expect((await support.client.get('/api/admin/session')).body.staff).toMatchObject({ name: 'Sam Support', role: 'support' });
    expect((await owner.get('/api/admin/session')).body.staff).toMatchObject({ name: 'Owner', role: 'owner', builtin: true });
    expect((await player.get('/api/admin/session')).body).toEqual({ admin: false, staff: null });
  });

  it('lets support read progress and work support chat, and refuses everything above that with 403', async () => {
    const allowed: Array<[string, string, unknown?]> = [
      ['GET', '/api/admin/teams'],
      ['GET', '/api/admin/event'],
      ['GET', '/api/admin/attention'],
      ['GET', '/api/admin/clue-usage'],
      ['GET', '/api/admin/support'],
      ['GET', '/api/admin/staff'],
    ];
    for (const [method, path, body] of allowed) expect((await support.client.request(method, path, body)).status, `${method} ${path}`).toBe(200);
    const refused: Array<[string, string, unknown?]> = [
      ['POST', '/api/admin/event/start'],
      ['GET', '/api/admin/submissions'],
      ['POST', '/api/admin/announcements', { text: 'hello', level: 'info' }],
      ['POST', '/api/admin/teams/assign', { mode: 'similar', preview: true }],
      ['PATCH', `/api/admin/teams/${teamId}`, { name: 'Renamed' }],
      ['PATCH', '/api/admin/event', { maxTeamSize: 3 }],
      ['POST', '/api/admin/staff', { name: 'Someone', role: 'support' }],
      ['GET', '/api/admin/export'],
    ];
    for (const [method, path, body] of refused) {
      const res = await support.client.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'forbidden' });
    }
  });

  it('lets a facilitator run the clock, teams and announcements, and refuses the owner’s part', async () => {
    expect((await facilitator.client.post('/api/admin/event/start')).status).toBe(200);
    expect((await facilitator.client.post('/api/admin/announcements', { text: 'Welcome', level: 'info' })).status).toBe(201);
    expect((await facilitator.client.get('/api/admin/submissions')).status).toBe(200);
    const refused: Array<[string, string, unknown?]> = [
      ['PATCH', '/api/admin/event', { maxTeamSize: 3 }],
      ['POST', `/api/admin/teams/${teamId}/adjustments`, { points: 10, reason: 'bonus' }],
      ['POST', `/api/admin/teams/${teamId}/disqualify`, { reason: 'no' }],
      ['POST', '/api/admin/event/reset', { confirm: 'Jamboree' }],
      ['GET', '/api/admin/export'],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/archives'],
      ['POST', '/api/admin/staff', { name: 'Someone', role: 'support' }],
      ['DELETE', `/api/admin/staff/${support.id}`],
      ['POST', '/api/admin/challenges/reload'],
    ];
    for (const [method, path, body] of refused) expect((await facilitator.client.request(method, path, body)).status, `${method} ${path}`).toBe(403);
  });

  it('names the person in every audit row', async () => {
    const audit = await owner.get('/api/admin/audit?limit=20');
    const rows = audit.body.entries as Array<{ actor: string; actorId: number | null; action: string }>;
    expect(rows.find((r) => r.action === 'event.start')).toMatchObject({ actor: 'Fumi Facilitator', actorId: facilitator.id });
    expect(rows.find((r) => r.action === 'announcement.create')).toMatchObject({ actor: 'Fumi Facilitator', actorId: facilitator.id });
    expect(rows.find((r) => r.action === 'staff.create')).toMatchObject({ actor: 'Owner' });
    expect(rows.filter((r) => r.action === 'admin.login').map((r) => r.actor)).toEqual(expect.arrayContaining(['Owner', 'Fumi Facilitator', 'Sam Support']));
    expect(rows.every((r) => r.actor !== 'admin')).toBe(true);
  });

  it('ends a revoked person’s sessions at once on every instance: their next request, their open streams, their token', async () => {
    // A second instance of the server on the same database, as behind a load balancer.
    const other = await createTestApp(backend, { database: t.database });
    try {
      const extra = await createStaff(t, owner, 'Rei Revoked', 'facilitator');
      const elsewhere = await signIn(other, extra.token);
      const streamHere = await openStream(t, extra.client, { view: 'admin' });
      const streamThere = await openStream(other, elsewhere, { view: 'admin' });
      expect((await elsewhere.get('/api/admin/teams')).status).toBe(200);

      const revoked = await owner.request('DELETE', `/api/admin/staff/${extra.id}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.staff).toMatchObject({ id: extra.id, revokedAt: expect.any(String), sessions: 0 });
      expect((await extra.client.get('/api/admin/teams')).status).toBe(401);
      expect((await elsewhere.get('/api/admin/teams')).status).toBe(401);
      await Promise.all([streamHere.waitForEnd(), streamThere.waitForEnd()]);
      expect((await new Client(other.app).post('/api/admin/login', { token: extra.token })).status).toBe(401);
    } finally {
      await other.close();
    }
    expect((await owner.get('/api/admin/audit?limit=5')).body.entries[0]).toMatchObject({
      actor: 'Owner',
      action: 'staff.revoke',
      details: { name: 'Rei Revoked', sessions: 2 },
    });
    // The name is free again for someone new.
    expect((await owner.post('/api/admin/staff', { name: 'Rei Revoked', role: 'support' })).status).toBe(201);
  });

  it('refuses bad staff requests with a clear 4xx and changes nothing', async () => {
    const before = (await owner.get('/api/admin/staff')).body.staff.length;
    const bad = [
      [{ name: '', role: 'support' }, 'name'],
      [{ name: 'x'.repeat(61), role: 'support' }, 'name'],
      [{ name: 'Nobody', role: 'admin' }, 'role'],
      [{ name: 'Nobody' }, 'role'],
      [{ name: 'Nobody', role: 'support', token: 'mine' }, 'token'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await owner.post('/api/admin/staff', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    expect((await owner.post('/api/admin/staff', { name: 'fumi facilitator', role: 'support' })).status).toBe(409);
    const owners = (await owner.get('/api/admin/staff')).body.staff.filter((s: { builtin: boolean }) => s.builtin);
    expect((await owner.request('DELETE', `/api/admin/staff/${owners[0].id}`)).status).toBe(409);
    expect((await owner.request('DELETE', '/api/admin/staff/999999')).status).toBe(404);
    expect((await owner.get('/api/admin/staff')).body.staff.length).toBe(before);
  });

  it('gives a name to one of two owners adding it at the same moment, and 409 to the other', async () => {
    const both = await Promise.all([0, 1].map(() => owner.post('/api/admin/staff', { name: 'Twin Name', role: 'support' })));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 409)?.body.error).toMatchObject({ code: 'name_taken', details: { field: 'name' } });
  });

  it('limits failed sign-ins per address, for personal tokens as for the admin token', async () => {
    const fresh = await createTestApp(backend, { database: t.database });
    try {
      const anyone = new Client(fresh.app);
      for (let i = 0; i < 10; i++) {
        const wrong = i % 2 === 0 ? `staff-${support.id}-${'A'.repeat(43)}` : `not-the-token-${i}`;
        expect((await anyone.post('/api/admin/login', { token: wrong })).status).toBe(401);
      }
      const limited = await anyone.post('/api/admin/login', { token: ADMIN_TOKEN });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await fresh.close();
    }
  });

  it('lets an owner-made owner do owner things, and the built-in owner keeps ADMIN_TOKEN', async () => {
    const second = await createStaff(t, owner, 'Oki Owner', 'owner');
    expect((await second.client.get('/api/admin/audit')).status).toBe(200);
    expect((await adminClient(t)).cookieHeader()).toContain('jam_admin=');
  });
});
