import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { type Client, createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { openStream } from '../realtime/helpers.ts';
import { createStaff, staffTrio, type StaffMember } from './staff-support.ts';

interface Thread {
  teamId: number;
  assignee: { id: number; name: string } | null;
  waitingSince: string | null;
  challengeId: string | null;
  handover: { note: string | null; byName: string | null } | null;
}

describeBackends('support with several people: claim, release, hand over', (backend) => {
  let t: TestApp;
  let owner: Client;
  let facilitator: StaffMember;
  let support: StaffMember;
  let other: StaffMember;
  let kumo: Awaited<ReturnType<typeof playerWithTeam>>;

  const thread = async (teamId: number): Promise<Thread> =>
    ((await support.client.get('/api/admin/support')).body.threads as Thread[]).find((x) => x.teamId === teamId) as Thread;

  beforeAll(async () => {
    t = await createTestApp(backend);
    ({ owner, facilitator, support } = await staffTrio(t));
    other = await createStaff(t, owner, 'Ola Other', 'support');
    expect((await owner.post('/api/admin/event/start')).status).toBe(200);
    kumo = await playerWithTeam(t, 'Aki', 'Kumo');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('opens a thread unassigned, waiting since the first message, on the challenge the player was on', async () => {
    expect((await kumo.client.post('/api/challenges/beta/tasks/how-many/attempts', { answer: 3 })).status).toBe(200);
    t.clock.advance(1000);
    expect((await kumo.client.post('/api/team/support', { text: 'Is the number task broken?' })).status).toBe(201);
    t.clock.advance(60_000);
    expect((await kumo.client.post('/api/team/support', { text: 'Hello?' })).status).toBe(201);
    const first = await thread(kumo.team.id);
    expect(first).toMatchObject({ assignee: null, challengeId: 'beta', handover: null });
    const waited = t.clock.now().getTime() - Date.parse(first.waitingSince as string);
    expect(waited).toBeGreaterThanOrEqual(60_000);
    // A player may say which challenge they are on; an unknown one is refused by name.
    expect((await kumo.client.post('/api/team/support', { text: 'Alpha now', challengeId: 'alpha' })).status).toBe(201);
    expect((await thread(kumo.team.id)).challengeId).toBe('alpha');
    const bad = await kumo.client.post('/api/team/support', { text: 'x', challengeId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('challengeId');
  });

  it('lets one person claim it and tells a second claimer who has it', async () => {
    const claimed = await support.client.post(`/api/admin/support/${kumo.team.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.thread.assignee).toEqual({ id: support.id, name: 'Sam Support' });
    const second = await other.client.post(`/api/admin/support/${kumo.team.id}/claim`);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'already_assigned', message: expect.stringContaining('Sam Support') });
    // Someone else's thread: a support colleague may not release it.
    expect((await other.client.post(`/api/admin/support/${kumo.team.id}/release`)).status).toBe(403);
  });

  it('hands the thread to a named colleague with a note, and tells them on the stream', async () => {
    const stream = await openStream(t, other.client, { view: 'admin' });
    const res = await support.client.post(`/api/admin/support/${kumo.team.id}/handover`, { staffId: other.id, note: 'They need the Japanese speaker' });
    expect(res.status).toBe(200);
    expect(res.body.thread).toMatchObject({
      assignee: { id: other.id, name: 'Ola Other' },
      handover: { note: 'They need the Japanese speaker', byName: 'Sam Support' },
    });
    const event = await stream.waitForEvent('support', (d) => d.handover !== undefined);
    expect(JSON.parse(event.data).handover).toEqual({
      fromId: support.id,
      fromName: 'Sam Support',
      toId: other.id,
      toName: 'Ola Other',
      teamName: 'Kumo',
      note: 'They need the Japanese speaker',
    });
    await stream.close();
    const audit = (await owner.get('/api/admin/audit?limit=5')).body.entries;
    expect(audit[0]).toMatchObject({
      actor: 'Sam Support',
      action: 'support.handover',
      details: { from: support.id, to: other.id, toName: 'Ola Other', note: 'They need the Japanese speaker' },
    });

    for (const [body, field] of [
      [{ staffId: 999_999 }, 'staffId'],
      [{ staffId: 'x' }, 'staffId'],
      [{ staffId: other.id, note: 'n'.repeat(501) }, 'note'],
    ] as const) {
      const bad = await other.client.post(`/api/admin/support/${kumo.team.id}/handover`, body);
      expect(bad.status).toBeGreaterThanOrEqual(400);
      expect(bad.body.error.message).toContain(field);
    }
  });

  it('ends the wait when someone answers, and a facilitator can release anyone’s thread', async () => {
    expect((await other.client.post(`/api/admin/support/${kumo.team.id}`, { text: 'Coming over now' })).status).toBe(201);
    expect((await thread(kumo.team.id)).waitingSince).toBeNull();
    const released = await facilitator.client.post(`/api/admin/support/${kumo.team.id}/release`);
    expect(released.status).toBe(200);
    expect(released.body.thread.assignee).toBeNull();
    // Replying to a thread nobody has makes it the replier's; staff see who wrote it, the team does not.
    expect((await facilitator.client.post(`/api/admin/support/${kumo.team.id}`, { text: 'I will take it' })).status).toBe(201);
    expect((await thread(kumo.team.id)).assignee).toEqual({ id: facilitator.id, name: 'Fumi Facilitator' });
    const staffView = await support.client.get(`/api/admin/support/${kumo.team.id}`);
    expect(staffView.body.messages.at(-1)).toMatchObject({ authorName: 'Facilitator', staffName: 'Fumi Facilitator' });
    const teamView = await kumo.client.get('/api/team/support');
    expect(JSON.stringify(teamView.body)).not.toContain('Fumi');
  });

  it('lets a facilitator read a team’s chat only while the team asks for help, and audits each read', async () => {
    expect((await kumo.client.post('/api/team/chat', { text: 'private plan: try 7' })).status).toBe(201);
    const read = await facilitator.client.get(`/api/admin/teams/${kumo.team.id}/chat`);
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m: { text: string }) => m.text)).toContain('private plan: try 7');
    expect((await owner.get('/api/admin/audit?limit=1')).body.entries[0]).toMatchObject({ actor: 'Fumi Facilitator', action: 'team.chat.read' });
    expect((await support.client.get(`/api/admin/teams/${kumo.team.id}/chat`)).status).toBe(403);

    expect((await facilitator.client.post(`/api/admin/support/${kumo.team.id}/handled`, { handled: true })).status).toBe(200);
    const closed = await facilitator.client.get(`/api/admin/teams/${kumo.team.id}/chat`);
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toContain('has not asked for help');
    const quiet = await playerWithTeam(t, 'Quiet', 'Quiet Team');
    expect((await facilitator.client.get(`/api/admin/teams/${quiet.team.id}/chat`)).status).toBe(403);
  });

  it('puts a revoked person’s threads back in the queue', async () => {
    expect((await other.client.post(`/api/admin/support/${kumo.team.id}/handled`, { handled: false })).status).toBe(200);
    expect((await facilitator.client.post(`/api/admin/support/${kumo.team.id}/handover`, { staffId: other.id })).status).toBe(200);
    expect((await thread(kumo.team.id)).assignee?.id).toBe(other.id);
    expect((await owner.request('DELETE', `/api/admin/staff/${other.id}`)).status).toBe(200);
    expect((await thread(kumo.team.id)).assignee).toBeNull();
  });
});
