import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, joinPlayer, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { POLL, attempt, unlockClue } from './helpers.ts';

describeBackends('admin: teams', (backend) => {
  let t: TestApp;
  let admin: Client;
  let kumo: { client: Client; team: { id: number; joinCode: string } };
  let sora: { client: Client; team: { id: number; joinCode: string } };
  let umi: { client: Client; team: { id: number; joinCode: string } };
  let kumoSecond: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    kumo = await playerWithTeam(t, 'Aki', 'Kumo');
    sora = await playerWithTeam(t, 'Ben', 'Sora');
    umi = await playerWithTeam(t, 'Chie', 'Umi', 'ja');
    kumoSecond = await joinPlayer(t, 'Daichi', 'ja');
    expect((await kumoSecond.post('/api/teams/join', { joinCode: kumo.team.joinCode })).status).toBe(200);
    await startEvent(t);
    // Kumo: both clues, then solves status-code for 100 − 20 − 30 = 50.
    await unlockClue(kumo.client, 'alpha', 'status-code', 1);
    await unlockClue(kumo.client, 'alpha', 'status-code', 2);
    await attempt(kumo.client, 'alpha', 'status-code', '307');
    // Sora: solves both alpha tasks without clues (300) a minute later.
    t.clock.advance(60_000);
    await attempt(sora.client, 'alpha', 'status-code', '307');
    await attempt(sora.client, 'alpha', 'pick-stores', ['ddb', 's3']);
    // Umi: one clue on a task it never solves (free under the on-solve rule).
    await unlockClue(umi.client, 'beta', 'how-many', 1);
    await attempt(umi.client, 'beta', 'how-many', 8);
    // Umi restarts its registry lab once.
    expect((await umi.client.post('/api/challenges/beta/tasks/lab-flag/lab/reset')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists teams in live rank order with members, progress and clue usage', async () => {
    const res = await admin.get('/api/admin/teams');
    expect(res.status).toBe(200);
    expect(res.body.totalTasks).toBe(7);
    expect(res.body.teams.map((x: { name: string; rank: number }) => [x.rank, x.name])).toEqual([
      [1, 'Sora'],
      [2, 'Kumo'],
      [3, 'Umi'],
    ]);
    const [soraRow, kumoRow, umiRow] = res.body.teams;
    expect(kumoRow).toMatchObject({
      id: kumo.team.id,
      score: 50,
      solvedTasks: 1,
      disqualified: false,
      adjustments: 0,
      clues: { used: 2, penalty: 50 },
      progress: [
        { challengeId: 'alpha', solved: 1, total: 2 },
        { challengeId: 'beta', solved: 0, total: 5 },
      ],
    });
    expect(kumoRow.members).toEqual([
      { id: expect.any(Number), displayName: 'Aki', language: 'en' },
      { id: expect.any(Number), displayName: 'Daichi', language: 'ja' },
    ]);
    expect(kumoRow.lastSolveAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(soraRow).toMatchObject({
      score: 300,
      solvedTasks: 2,
      clues: { used: 0, penalty: 0 },
      progress: [
        { challengeId: 'alpha', solved: 2, total: 2 },
        { challengeId: 'beta', solved: 0, total: 5 },
      ],
    });
    expect(umiRow).toMatchObject({
      score: 0,
      solvedTasks: 0,
      lastSolveAt: null,
      clues: { used: 1, penalty: 0 },
      labResets: [{ lab: 'ecr-registry', resets: 1 }],
    });
    expect(kumoRow.labResets).toEqual([]);
  });

  it('renames a team, refuses a taken name with 409 and a blank one with 400 naming the field', async () => {
    const res = await admin.patch(`/api/admin/teams/${umi.team.id}`, { name: '  Umi  Kaze ' });
    expect(res.status).toBe(200);
    expect(res.body.team).toMatchObject({ id: umi.team.id, name: 'Umi Kaze' });
    const taken = await admin.patch(`/api/admin/teams/${umi.team.id}`, { name: 'kumo' });
    expect(taken.status).toBe(409);
    const blank = await admin.patch(`/api/admin/teams/${umi.team.id}`, { name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.field).toBe('name');
    expect((await admin.patch('/api/admin/teams/999999', { name: 'Ghost' })).status).toBe(404);
    const audit = await admin.get('/api/admin/audit?limit=5');
    expect(audit.body.entries[0]).toMatchObject({ action: 'team.rename', target: String(umi.team.id), details: { name: 'Umi Kaze' } });
  });

  it('removes a player from a team and audits it; a player of another team is 404', async () => {
    const me = await kumoSecond.get('/api/me');
    const playerId = me.body.player.id as number;
    expect((await admin.request('DELETE', `/api/admin/teams/${sora.team.id}/members/${playerId}`)).status).toBe(404);
    const res = await admin.request('DELETE', `/api/admin/teams/${kumo.team.id}/members/${playerId}`);
    expect(res.status).toBe(200);
    expect(res.body.team.members.map((m: { displayName: string }) => m.displayName)).toEqual(['Aki']);
    expect((await kumoSecond.get('/api/me')).body.team).toBeNull();
    const audit = await admin.get('/api/admin/audit?limit=1');
    expect(audit.body.entries[0]).toMatchObject({ action: 'team.member.remove', target: String(kumo.team.id), details: { playerId, displayName: 'Daichi' } });
    const teams = await admin.get('/api/admin/teams');
    expect(teams.body.teams.find((x: { id: number }) => x.id === kumo.team.id).members).toHaveLength(1);
  });

  it('disqualifies a team off the public and admin boards and reinstates it', async () => {
    const res = await admin.post(`/api/admin/teams/${sora.team.id}/disqualify`, { reason: 'shared a lab flag' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, team: { id: sora.team.id, disqualified: true } });
    const names = (board: { teams: { name: string }[] }) => board.teams.map((x) => x.name);
    await expect.poll(async () => names((await kumo.client.get('/api/scoreboard')).body), POLL).toEqual(['Kumo', 'Umi Kaze']);
    await expect.poll(async () => names((await admin.get('/api/scoreboard')).body), POLL).toEqual(['Kumo', 'Umi Kaze']);
    const teams = await admin.get('/api/admin/teams');
    expect(teams.body.teams.map((x: { name: string; rank: number | null }) => [x.rank, x.name])).toEqual([
      [1, 'Kumo'],
      [2, 'Umi Kaze'],
      [null, 'Sora'],
    ]);
    const audit = await admin.get('/api/admin/audit?limit=1');
    expect(audit.body.entries[0]).toMatchObject({ action: 'team.disqualified', target: String(sora.team.id), details: { reason: 'shared a lab flag' } });

    const again = await admin.post(`/api/admin/teams/${sora.team.id}/disqualify`, { reason: 'twice' });
    expect(again.body.changed).toBe(false);

    const back = await admin.post(`/api/admin/teams/${sora.team.id}/reinstate`, { reason: 'it was their own flag' });
    expect(back.body).toMatchObject({ changed: true, team: { disqualified: false } });
    await expect.poll(async () => names((await kumo.client.get('/api/scoreboard')).body), POLL).toEqual(['Sora', 'Kumo', 'Umi Kaze']);
    await expect.poll(async () => names((await admin.get('/api/scoreboard')).body), POLL).toEqual(['Sora', 'Kumo', 'Umi Kaze']);
    expect((await admin.get('/api/admin/audit?limit=1')).body.entries[0]).toMatchObject({
      action: 'team.reinstated',
      details: { reason: 'it was their own flag' },
    });
  });

  it('requires a reason to disqualify', async () => {
    const res = await admin.post(`/api/admin/teams/${umi.team.id}/disqualify`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('reason');
    expect((await admin.post('/api/admin/teams/999999/disqualify', { reason: 'x' })).status).toBe(404);
  });
});
