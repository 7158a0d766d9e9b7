import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, joinPlayer, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { announce, chatText, createCommsApp, openStream, say } from './helpers.ts';

describeBackends('GET /api/stream', (backend) => {
  let t: TestApp;
  let admin: Client;
  let a: { client: Client; team: { id: number } };
  let b: { client: Client; team: { id: number } };

  beforeAll(async () => {
    t = await createCommsApp(backend);
    admin = await adminClient(t);
    a = await playerWithTeam(t, 'Aiko', 'Team A');
    b = await playerWithTeam(t, 'Ben', 'Team B');
    await startEvent(t);
  });
  afterAll(() => t.close());

  it('replays exactly the missed events the caller may see after a reconnect with Last-Event-ID', async () => {
    const first = await openStream(t, a.client);
    const seenId = await say(a.client, 'before the drop');
    await first.waitForEvent('chat', (d) => d.id === seenId);
    const lastEventId = first.lastEventId;
    await first.close();

    const missed = [
      await say(a.client, 'missed one'),
      await say(b.client, 'team B talk'),
      await announce(admin, 'missed announcement'),
      await say(a.client, 'missed two'),
    ];
    expect(missed).toHaveLength(4);

    const again = await openStream(t, a.client, { lastEventId });
    const liveId = await say(a.client, 'live again');
    await again.waitForEvent('chat', (d) => d.id === liveId);
    const relayed = again.events.filter((e) => e.event === 'chat' || e.event === 'announcement').map((e) => `${e.event}:${chatText(e)}`);
    expect(relayed).toEqual(['chat:missed one', 'announcement:missed announcement', 'chat:missed two', 'chat:live again']);
    const ids = again.events.filter((e) => e.event === 'chat' || e.event === 'announcement').map((e) => Number(e.id));
    expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
    expect(ids[0]).toBeGreaterThan(Number(lastEventId));
    expect(JSON.parse(again.events[0]!.data)).toMatchObject({ role: 'player', teamId: a.team.id });
    await again.close();
  });

  it('accepts the id as ?lastEventId= for clients that cannot set the header', async () => {
    const first = await openStream(t, b.client);
    const lastEventId = first.lastEventId;
    await first.close();
    await say(b.client, 'while away');
    const again = await openStream(t, b.client, { lastEventId, idInQuery: true });
    await again.waitForEvent('chat', (d) => d.text === 'while away');
    await again.close();
  });

  it("never sends team A's chat or clue unlocks to team B or the screen", async () => {
    const streamB = await openStream(t, b.client);
    const screen = await openStream(t, null);
    const streamA = await openStream(t, a.client);
    await say(a.client, 'our secret: 307');
    const clue = await a.client.post('/api/challenges/alpha/tasks/status-code/clues/1');
    expect(clue.status).toBe(200);
    await announce(admin, 'barrier');
    for (const reader of [streamA, streamB, screen]) await reader.waitForEvent('announcement', (d) => d.text === 'barrier');
    await streamA.waitForEvent('clue', (d) => d.teamId === a.team.id && d.index === 1);
    expect(streamA.raw).toContain('our secret: 307');
    for (const reader of [streamB, screen]) {
      expect(reader.raw).not.toContain('our secret: 307');
      expect(reader.raw).not.toContain('event: clue');
      expect(reader.raw).not.toContain('event: submission');
    }
    await Promise.all([streamA.close(), streamB.close(), screen.close()]);
  });

  it('gives admins the submissions feed and players their board', async () => {
    const adminStream = await openStream(t, admin, { view: 'admin' });
    const playerStream = await openStream(t, a.client);
    const wrong = await a.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '302' });
    expect(wrong.body.correct).toBe(false);
    const right = await a.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(right.body.correct).toBe(true);
    const submissions = [
      await adminStream.waitForEvent('submission', (d) => d.answer === '302'),
      await adminStream.waitForEvent('submission', (d) => d.answer === '307'),
    ].map((e) => JSON.parse(e.data));
    expect(submissions.map((s) => [s.teamId, s.correct])).toEqual([
      [a.team.id, false],
      [a.team.id, true],
    ]);
    await playerStream.waitForEvent('solve', (d) => d.teamId === a.team.id);
    const board = await playerStream.waitForEvent('scoreboard', (d) =>
      d.teams.some((team: { id: number; score: number }) => team.id === a.team.id && team.score > 0),
    );
    expect(JSON.parse(board.data).frozen).toBe(false);
    expect(playerStream.named('submission')).toHaveLength(0);
    await Promise.all([adminStream.close(), playerStream.close()]);
  });

  it('keeps the admin stream for admins and the player stream for players', async () => {
    const stranger = await joinPlayer(t, 'Chris');
    const refused = await t.app.request('http://localhost/api/stream?view=admin', { headers: { cookie: stranger.cookieHeader() } });
    expect(refused.status).toBe(403);
    const anonymous = await t.app.request('http://localhost/api/stream?view=player');
    expect(anonymous.status).toBe(401);
    const screen = await openStream(t, null);
    expect(JSON.parse(screen.events[0]!.data)).toMatchObject({ role: 'public', teamId: null });
    const board = await screen.waitForEvent('scoreboard');
    expect(JSON.parse(board.data)).toHaveProperty('teams');
    await screen.close();
  });

  it('follows a player who joins a team while connected', async () => {
    const newcomer = await joinPlayer(t, 'Dana', 'ja');
    const stream = await openStream(t, newcomer);
    const joinCode = (await a.client.get('/api/me')).body.team.joinCode as string;
    expect((await newcomer.post('/api/teams/join', { joinCode })).status).toBe(200);
    await stream.waitForEvent('team', (d) => d.reason === 'joined');
    await say(a.client, 'welcome Dana');
    await stream.waitForEvent('chat', (d) => d.text === 'welcome Dana');
    await stream.close();
  });

  it('reports its streams to admins', async () => {
    const screen = await openStream(t, null);
    const res = await admin.get('/api/admin/realtime');
    expect(res.status).toBe(200);
    expect(res.body.streams.connections).toBeGreaterThanOrEqual(1);
    expect(res.body.streams.byRole.public).toBeGreaterThanOrEqual(1);
    expect(res.body.translation).toMatchObject({ provider: 'none' });
    expect((await a.client.get('/api/admin/realtime')).status).toBe(403);
    await screen.close();
  });

  // Last: it freezes the board for the rest of the file.
  it('after the freeze shows a solve only to the solving team and admins, and keeps the public board frozen', async () => {
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    const streamA = await openStream(t, a.client);
    const streamB = await openStream(t, b.client);
    const screen = await openStream(t, null);
    const adminStream = await openStream(t, admin, { view: 'admin' });
    await screen.waitForEvent('scoreboard', (d) => d.frozen === true);
    const before = JSON.parse(screen.named('scoreboard').at(-1)!.data);

    const solved = await b.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(solved.body.correct).toBe(true);
    await adminStream.waitForEvent('scoreboard', (d) => d.teams.some((x: { id: number; score: number }) => x.id === b.team.id && x.score === 100));
    await announce(admin, 'frozen barrier');
    for (const reader of [streamA, streamB, screen, adminStream]) await reader.waitForEvent('announcement', (d) => d.text === 'frozen barrier');
    await streamB.waitForEvent('solve', (d) => d.teamId === b.team.id);
    await adminStream.waitForEvent('solve', (d) => d.teamId === b.team.id);
    for (const reader of [streamA, screen]) expect(reader.named('solve')).toHaveLength(0);
    const after = screen.named('scoreboard').map((e) => JSON.parse(e.data));
    expect(after.every((board) => board.frozen === true)).toBe(true);
    expect(after.at(-1)).toEqual(before);
    await Promise.all([streamA.close(), streamB.close(), screen.close(), adminStream.close()]);
  });
});

describeBackends('GET /api/stream at a scheduled freeze', (backend) => {
  let t: TestApp;
  afterAll(() => t.close());

  it('pushes the frozen board when the freeze time passes, with no event to announce it', async () => {
    t = await createCommsApp(backend);
    const admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { durationMinutes: 60, freezeMinutes: 10 })).status).toBe(200);
    await playerWithTeam(t, 'Aiko', 'Team A');
    await startEvent(t);
    const screen = await openStream(t, null);
    await screen.waitForEvent('scoreboard', (d) => d.frozen === false);
    t.clock.advance(51 * 60_000);
    await screen.waitForEvent('scoreboard', (d) => d.frozen === true);
    await screen.close();
  });
});
