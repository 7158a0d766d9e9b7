import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, EVENT_CODE, joinPlayer, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { openStream } from '../realtime/helpers.ts';
import { staffTrio, type StaffMember } from './staff-support.ts';

interface Member {
  id: number;
  displayName: string;
}

async function teamsWithSkills(t: TestApp) {
  const rows = await t.ctx.db.selectFrom('player').select(['id', 'team_id', 'skill', 'goal']).execute();
  const teams = await t.ctx.db.selectFrom('team').select(['id', 'goal']).execute();
  return teams.map((team) => ({ ...team, players: rows.filter((p) => p.team_id === team.id) }));
}

describeBackends('team formation: match me, assignment, moves, name lock', (backend) => {
  let t: TestApp;
  let owner: Client;
  let facilitator: StaffMember;
  let support: StaffMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    ({ owner, facilitator, support } = await staffTrio(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells the team who joined, and takes the player’s stream into the team', async () => {
    const first = await joinPlayer(t, 'Stream First');
    expect((await first.post('/api/teams/match', { skill: 5, goal: 'win' })).status).toBe(200);
    const stream = await openStream(t, first);
    const second = await joinPlayer(t, 'Stream Second');
    const joined = await second.post('/api/teams/match', { skill: 5, goal: 'win' });
    const team = await stream.waitForEvent('team', (d) => d.reason === 'joined' && d.playerName === 'Stream Second');
    expect(JSON.parse(team.data)).toMatchObject({ via: 'match', teamId: joined.body.team.id });
    await stream.close();
  });

  it('matches 20 solo players into teams of one goal each, within the cap, in the fewest teams', async () => {
    const players: Client[] = [];
    for (let i = 0; i < 20; i++) players.push(await joinPlayer(t, `Solo ${i + 1}`));
    // Skills 1..5 for both goals, in an order that is not sorted.
    const asks = players.map((_, i) => ({ skill: ((i * 3) % 5) + 1, goal: i % 3 === 0 ? ('win' as const) : ('learn' as const) }));
    for (const [i, client] of players.entries()) {
      const res = await client.post('/api/teams/match', asks[i]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.team.members.some((m: Member) => m.displayName === `Solo ${i + 1}`)).toBe(true);
    }
    const teams = await teamsWithSkills(t);
    expect(teams.reduce((n, team) => n + team.players.length, 0)).toBe(22);
    for (const team of teams) {
      expect(team.players.length).toBeGreaterThan(0);
      expect(team.players.length).toBeLessThanOrEqual(4);
      expect(new Set(team.players.map((p) => p.goal))).toEqual(new Set([team.goal]));
    }
    // One at a time, a new team starts only when every team of the goal is full: the fewest
    // teams that hold them (the two players of the test above are "win" players too).
    for (const goal of ['win', 'learn'] as const) {
      const ofGoal = teams.filter((team) => team.goal === goal);
      const players = ofGoal.reduce((n, team) => n + team.players.length, 0);
      expect(ofGoal, goal).toHaveLength(Math.ceil(players / 4));
    }
  });

  it('refuses bad match requests naming the field, and a player already in a team', async () => {
    const solo = await joinPlayer(t, 'Picky');
    for (const [body, field] of [
      [{ skill: 0, goal: 'learn' }, 'skill'],
      [{ skill: 6, goal: 'learn' }, 'skill'],
      [{ skill: 2.5, goal: 'learn' }, 'skill'],
      [{ skill: 3, goal: 'fun' }, 'goal'],
      [{ skill: 3 }, 'goal'],
    ] as const) {
      const res = await solo.post('/api/teams/match', body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    }
    const inTeam = await playerWithTeam(t, 'Has Team', 'Own Team');
    expect((await inTeam.client.post('/api/teams/match', { skill: 3, goal: 'learn' })).status).toBe(409);
  });

  it('previews an assignment, changes nothing, then places every player left and pushes it to them', async () => {
    const waiting: Client[] = [];
    for (let i = 0; i < 9; i++) waiting.push(await joinPlayer(t, `Late ${i + 1}`));
    const streams = await Promise.all(waiting.slice(0, 2).map((c) => openStream(t, c)));
    const unplaced = async () => (await t.ctx.db.selectFrom('player').select('id').where('team_id', 'is', null).execute()).length;
    expect(await unplaced()).toBe(10);

    const preview = await facilitator.client.post('/api/admin/teams/assign', { mode: 'balanced', preview: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ preview: true, assignment: { mode: 'balanced', cap: 4, players: 10 } });
    const planned = preview.body.assignment.teams.flatMap((team: { joining: Member[] }) => team.joining.map((m) => m.id));
    expect(planned).toHaveLength(10);
    expect(await unplaced()).toBe(10);

    const done = await facilitator.client.post('/api/admin/teams/assign', { mode: 'balanced' });
    expect(done.status).toBe(200);
    expect(await unplaced()).toBe(0);
    for (const team of await teamsWithSkills(t)) expect(team.players.length).toBeLessThanOrEqual(4);
    for (const stream of streams) {
      const event = await stream.waitForEvent('team', (d) => d.reason === 'joined' && d.via === 'assign');
      expect(JSON.parse(event.data).teamId).toBeGreaterThan(0);
      await stream.close();
    }
    const placedMe = await waiting[0]!.get('/api/me');
    expect(placedMe.body.team).not.toBeNull();
    expect((await owner.get('/api/admin/audit?limit=1')).body.entries[0]).toMatchObject({
      actor: 'Fumi Facilitator',
      action: 'teams.assign',
      details: { mode: 'balanced', players: 10 },
    });
    // Nothing left to place: the next assignment is empty.
    expect((await facilitator.client.post('/api/admin/teams/assign', { mode: 'similar' })).body.assignment.teams).toEqual([]);
  });

  it('moves a player between teams: out of one, into the other, audited and pushed to both', async () => {
    const a = await playerWithTeam(t, 'Mover', 'Origin');
    const b = await playerWithTeam(t, 'Stayer', 'Destination');
    const moverId = (await a.client.get('/api/me')).body.player.id;
    const streamA = await openStream(t, a.client);
    const res = await facilitator.client.post(`/api/admin/players/${moverId}/move`, { teamId: b.team.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.team.members.map((m: Member) => m.displayName).sort()).toEqual(['Mover', 'Stayer']);
    await streamA.waitForEvent('team', (d) => d.reason === 'joined' && d.teamId === b.team.id && d.via === 'move');
    await streamA.close();
    expect((await a.client.get('/api/me')).body.team.id).toBe(b.team.id);
    const origin = (await t.ctx.db.selectFrom('team').select('owner_player_id').where('id', '=', a.team.id).executeTakeFirstOrThrow()).owner_player_id;
    expect(origin).toBeNull();
    expect((await owner.get('/api/admin/audit?limit=1')).body.entries[0]).toMatchObject({ actor: 'Fumi Facilitator', action: 'player.move' });

    expect((await facilitator.client.post(`/api/admin/players/${moverId}/move`, { teamId: 999_999 })).status).toBe(404);
    expect((await facilitator.client.post('/api/admin/players/999999/move', { teamId: b.team.id })).status).toBe(404);
    expect((await facilitator.client.post(`/api/admin/players/${moverId}/move`, { teamId: 'b' })).body.error.details.field).toBe('teamId');
    expect((await support.client.post(`/api/admin/players/${moverId}/move`, { teamId: a.team.id })).status).toBe(403);
  });

  it('refuses a move into a full team and leaves both teams as they were', async () => {
    const full = await playerWithTeam(t, 'Full 1', 'Full House');
    for (let i = 2; i <= 4; i++) {
      const c = await joinPlayer(t, `Full ${i}`);
      expect((await c.post('/api/teams/join', { joinCode: full.team.joinCode })).status).toBe(200);
    }
    const outsider = await playerWithTeam(t, 'Outsider', 'Outside');
    const outsiderId = (await outsider.client.get('/api/me')).body.player.id;
    const res = await facilitator.client.post(`/api/admin/players/${outsiderId}/move`, { teamId: full.team.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('team_full');
    expect((await outsider.client.get('/api/me')).body.team.id).toBe(outsider.team.id);
  });

  it('locks a team’s name against its players, not against staff', async () => {
    const p = await playerWithTeam(t, 'Namer', 'Fine Name');
    const lock = await facilitator.client.post(`/api/admin/teams/${p.team.id}/name-lock`, { locked: true });
    expect(lock.status).toBe(200);
    expect(lock.body.team.nameLocked).toBe(true);
    const refused = await p.client.patch('/api/team', { name: 'Rude Name' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('name_locked');
    expect((await facilitator.client.patch(`/api/admin/teams/${p.team.id}`, { name: 'Kind Name' })).status).toBe(200);
    expect((await facilitator.client.post(`/api/admin/teams/${p.team.id}/name-lock`, { locked: false })).status).toBe(200);
    expect((await p.client.patch('/api/team', { name: 'Own Name' })).status).toBe(200);
  });

  it('refuses joining, creating, joining by code and matching once the event has ended', async () => {
    const host = await playerWithTeam(t, 'Early Bird', 'Early Team');
    const admin = await adminClient(t);
    const state = (await admin.get('/api/admin/event')).body.state;
    if (state === 'draft') expect((await admin.post('/api/admin/event/start')).status).toBe(200);
    const waiting = await joinPlayer(t, 'Before The End');
    expect((await admin.post('/api/admin/event/end')).status).toBe(200);
    const late = await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: 'Latecomer', language: 'en' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('event_ended');
    for (const [path, body] of [
      ['/api/teams', { name: 'Too Late' }],
      ['/api/teams/join', { joinCode: host.team.joinCode }],
      ['/api/teams/match', { skill: 3, goal: 'learn' }],
    ] as const) {
      const res = await waiting.post(path, body);
      expect(res.status, path).toBe(409);
      expect(res.body.error.code).toBe('event_ended');
    }
    // A wrong code still says so first (400 naming the field), as before the end.
    const wrong = await new Client(t.app).post('/api/join', { eventCode: 'NOPE', displayName: 'X', language: 'en' });
    expect(wrong.status).toBe(400);
  });
});
