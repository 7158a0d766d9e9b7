import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, joinPlayer, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { createCommsApp, openStream, say } from '../realtime/helpers.ts';

describeBackends('team chat and support', (backend) => {
  let t: TestApp;
  let admin: Client;
  let a: { client: Client; team: { id: number; name: string; joinCode: string } };
  let b: { client: Client; team: { id: number; name: string } };
  let mate: Client;

  beforeAll(async () => {
    t = await createCommsApp(backend);
    admin = await adminClient(t);
    a = await playerWithTeam(t, 'Aiko', 'Team A', 'ja');
    b = await playerWithTeam(t, 'Ben', 'Team B');
    mate = await joinPlayer(t, 'Mia');
    await mate.post('/api/teams/join', { joinCode: a.team.joinCode });
  });
  afterAll(() => t.close());

  it('stores messages as plain text with the author language and pages history oldest-first', async () => {
    const html = '<img src=x onerror=alert(1)> & "quotes"';
    const sent = await a.client.post('/api/team/chat', { text: `  ${html}\r\n2nd line  ` });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      text: `${html}\n2nd line`,
      language: 'ja',
      authorName: 'Aiko',
      authorAdmin: false,
      mine: true,
      translations: {},
    });
    for (let i = 1; i <= 5; i += 1) await say(mate, `message ${i}`);

    const newest = await mate.get('/api/team/chat?limit=3');
    expect(newest.status).toBe(200);
    expect(newest.body.messages.map((m: { text: string }) => m.text)).toEqual(['message 3', 'message 4', 'message 5']);
    expect(newest.body.messages.every((m: { mine: boolean; language: string }) => m.mine && m.language === 'en')).toBe(true);
    expect(newest.body.hasMore).toBe(true);
    const older = await mate.get(`/api/team/chat?limit=3&before=${newest.body.nextBefore}`);
    expect(older.body.messages.map((m: { text: string }) => m.text)).toEqual([`${html}\n2nd line`, 'message 1', 'message 2']);
    expect(older.body.messages[0].mine).toBe(false);
    expect(older.body).toMatchObject({ hasMore: false, nextBefore: null });

    const other = await b.client.get('/api/team/chat');
    expect(JSON.stringify(other.body)).not.toContain('message 1');
  });

  it('refuses empty, too long and malformed messages with the field named', async () => {
    for (const body of [{ text: '   ' }, { text: 'x'.repeat(1001) }, { text: 42 }, {}]) {
      const res = await a.client.post('/api/team/chat', body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_input', details: { field: 'text' } });
    }
    expect((await a.client.post('/api/team/chat', { text: '字'.repeat(1000) })).status).toBe(201);
    const loner = await joinPlayer(t, 'Solo');
    expect((await loner.post('/api/team/chat', { text: 'hello?' })).status).toBe(409);
    expect((await new Client(t.app).get('/api/team/chat')).status).toBe(401);
  });

  it('limits each player to 20 messages per 10 seconds, after validation', async () => {
    const chatty = await joinPlayer(t, 'Chatty');
    await chatty.post('/api/teams/join', { joinCode: a.team.joinCode });
    for (let i = 0; i < 20; i += 1) expect((await chatty.post('/api/team/chat', { text: `spam ${i}` })).status).toBe(201);
    expect((await chatty.post('/api/team/chat', { text: '' })).status).toBe(400);
    const limited = await chatty.post('/api/team/chat', { text: 'one too many' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await a.client.post('/api/team/chat', { text: 'others still talk' })).status).toBe(201);
  });

  it('runs a support thread between a team and the facilitators', async () => {
    const adminStream = await openStream(t, admin, { view: 'admin' });
    const teamStream = await openStream(t, mate);
    const question = await b.client.post('/api/team/support', { text: 'The lab does not answer' });
    expect(question.status).toBe(201);
    await adminStream.waitForEvent('support', (d) => d.teamId === b.team.id && d.unread === 1 && d.handled === false);

    const inbox = await admin.get('/api/admin/support');
    expect(inbox.body.threads[0]).toMatchObject({
      teamId: b.team.id,
      teamName: 'Team B',
      unread: 1,
      handled: false,
      lastMessage: { text: 'The lab does not answer', authorName: 'Ben' },
    });

    const thread = await admin.get(`/api/admin/support/${b.team.id}`);
    expect(thread.body).toMatchObject({ team: { id: b.team.id, name: 'Team B' }, thread: { unread: 0 } });
    expect(thread.body.messages.map((m: { text: string; mine: boolean }) => [m.text, m.mine])).toEqual([['The lab does not answer', false]]);
    await adminStream.waitForEvent('support', (d) => d.teamId === b.team.id && d.unread === 0);

    const reply = await admin.post(`/api/admin/support/${b.team.id}`, { text: 'ラボを再起動しました' });
    expect(reply.body.message).toMatchObject({ authorAdmin: true, authorName: 'Facilitator', language: 'ja', mine: true });
    const mine = await b.client.get('/api/team/support');
    expect(mine.body.messages.map((m: { text: string; authorAdmin: boolean }) => [m.text, m.authorAdmin])).toEqual([
      ['The lab does not answer', false],
      ['ラボを再起動しました', true],
    ]);

    const handled = await admin.post(`/api/admin/support/${b.team.id}/handled`, { handled: true });
    expect(handled.body.thread).toMatchObject({ teamId: b.team.id, handled: true });
    await adminStream.waitForEvent('support', (d) => d.teamId === b.team.id && d.handled === true);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'target']).where('action', '=', 'support.handled').execute();
    expect(audit).toEqual([{ action: 'support.handled', target: `team:${b.team.id}` }]);

    expect(teamStream.raw).not.toContain('The lab does not answer');
    expect(teamStream.raw).not.toContain('event: support');
    await Promise.all([adminStream.close(), teamStream.close()]);
  });

  it('keeps the inbox for admins and answers 404 for unknown teams', async () => {
    expect((await a.client.get('/api/admin/support')).status).toBe(403);
    expect((await admin.post('/api/admin/support/999999', { text: 'hello' })).status).toBe(404);
    expect((await admin.post('/api/admin/support/999999/handled', { handled: true })).status).toBe(404);
    expect((await admin.get('/api/admin/support/abc')).status).toBe(400);
  });
});
