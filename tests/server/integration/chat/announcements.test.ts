import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { createCommsApp, openStream } from '../realtime/helpers.ts';

describeBackends('announcements', (backend) => {
  let t: TestApp;
  let admin: Client;
  let a: { client: Client; team: { id: number } };
  let b: { client: Client; team: { id: number } };

  beforeAll(async () => {
    t = await createCommsApp(backend);
    admin = await adminClient(t);
    a = await playerWithTeam(t, 'Aiko', 'Team A');
    b = await playerWithTeam(t, 'Ben', 'Team B');
  });
  afterAll(() => t.close());

  it('delivers an announcement to everyone, and a team one only to that team, then lists them', async () => {
    const screen = await openStream(t, null);
    const streamA = await openStream(t, a.client);
    const streamB = await openStream(t, b.client);
    const toTeam = await admin.post('/api/admin/announcements', { text: 'Team A: your lab restarted', level: 'warning', teamId: a.team.id });
    expect(toTeam.status).toBe(201);
    const toAll = await admin.post('/api/admin/announcements', { text: 'Lunch in 10 minutes', level: 'info', dismissAfterSeconds: 60 });
    expect(toAll.body.announcement).toMatchObject({ text: 'Lunch in 10 minutes', level: 'info', teamId: null, dismissAfterSeconds: 60 });
    expect(Date.parse(toAll.body.announcement.expiresAt) - Date.parse(toAll.body.announcement.at)).toBe(60_000);

    for (const reader of [screen, streamA, streamB]) await reader.waitForEvent('announcement', (d) => d.text === 'Lunch in 10 minutes');
    await streamA.waitForEvent('announcement', (d) => d.text === 'Team A: your lab restarted' && d.level === 'warning');
    for (const reader of [screen, streamB]) expect(reader.raw).not.toContain('your lab restarted');

    const forA = await a.client.get('/api/announcements');
    expect(forA.body.announcements.map((x: { text: string }) => x.text)).toEqual(['Lunch in 10 minutes', 'Team A: your lab restarted']);
    const forB = await b.client.get('/api/announcements');
    expect(forB.body.announcements.map((x: { text: string }) => x.text)).toEqual(['Lunch in 10 minutes']);
    const forScreen = await new Client(t.app).get('/api/announcements');
    expect(forScreen.body.announcements.map((x: { text: string }) => x.text)).toEqual(['Lunch in 10 minutes']);

    const all = await admin.get('/api/admin/announcements');
    expect(all.body.announcements.map((x: { text: string; teamName: string | null }) => [x.text, x.teamName])).toEqual([
      ['Lunch in 10 minutes', null],
      ['Team A: your lab restarted', 'Team A'],
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target'])
      .where('action', '=', 'announcement.create')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor: 'Owner', action: 'announcement.create', target: `team:${a.team.id}` },
      { actor: 'Owner', action: 'announcement.create', target: 'all' },
    ]);
    await Promise.all([screen.close(), streamA.close(), streamB.close()]);
  });

  it('validates announcements and keeps them for admins', async () => {
    expect((await a.client.post('/api/admin/announcements', { text: 'hi', level: 'info' })).status).toBe(403);
    const bad = await admin.post('/api/admin/announcements', { text: 'hi', level: 'urgent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('level');
    expect((await admin.post('/api/admin/announcements', { text: '', level: 'info' })).status).toBe(400);
    expect((await admin.post('/api/admin/announcements', { text: 'hi', level: 'info', dismissAfterSeconds: 0 })).status).toBe(400);
    expect((await admin.post('/api/admin/announcements', { text: 'hi', level: 'info', teamId: 999999 })).status).toBe(404);
  });
});
