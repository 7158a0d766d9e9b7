import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { POLL, attempt } from './helpers.ts';

describeBackends('admin: score adjustments', (backend) => {
  let t: TestApp;
  let admin: Client;
  let early: { client: Client; team: { id: number } };
  let late: { client: Client; team: { id: number } };

  const board = async () => (await admin.get('/api/scoreboard')).body.teams.map((x: { name: string; score: number }) => [x.name, x.score]);

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    early = await playerWithTeam(t, 'Aki', 'Early');
    late = await playerWithTeam(t, 'Ben', 'Late');
    await startEvent(t);
    await attempt(early.client, 'alpha', 'status-code', '307');
    t.clock.advance(60_000);
    await attempt(late.client, 'alpha', 'status-code', '307');
  });
  afterAll(async () => {
    await t.close();
  });

  it('changes the score by exactly the points and writes the audit entry', async () => {
    await expect.poll(board, POLL).toEqual([
      ['Early', 100],
      ['Late', 100],
    ]);
    const res = await admin.post(`/api/admin/teams/${late.team.id}/adjustments`, { points: 25, reason: '  Helped another team  ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      adjustment: {
        id: expect.any(Number),
        teamId: late.team.id,
        teamName: 'Late',
        points: 25,
        reason: 'Helped another team',
        createdBy: 'Owner',
        at: expect.any(String),
      },
      team: { id: late.team.id, score: 125 },
    });
    await expect.poll(board, POLL).toEqual([
      ['Late', 125],
      ['Early', 100],
    ]);
    const audit = await admin.get('/api/admin/audit?limit=1');
    expect(audit.body.entries[0]).toMatchObject({
      actor: 'Owner',
      action: 'team.adjust',
      target: String(late.team.id),
      details: { adjustmentId: res.body.adjustment.id, points: 25, reason: 'Helped another team', scoreBefore: 100, scoreAfter: 125 },
    });

    const minus = await admin.post(`/api/admin/teams/${late.team.id}/adjustments`, { points: -25, reason: 'Reverted: bonus given twice' });
    expect(minus.body.team.score).toBe(100);
    await expect.poll(board, POLL).toEqual([
      ['Early', 100],
      ['Late', 100],
    ]);
  });

  it('moves the time a team reached its score, so a tie now breaks the other way', async () => {
    t.clock.advance(60_000);
    await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, { points: 5, reason: 'Test' });
    await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, { points: -5, reason: 'Test undone' });
    await expect.poll(board, POLL).toEqual([
      ['Late', 100],
      ['Early', 100],
    ]);
    const teams = await admin.get('/api/admin/teams');
    expect(teams.body.teams.map((x: { name: string; adjustments: number }) => [x.name, x.adjustments])).toEqual([
      ['Late', 0],
      ['Early', 0],
    ]);
  });

  it('rejects a missing, blank or too long reason with 400 naming the field, and changes nothing', async () => {
    for (const body of [{ points: 10 }, { points: 10, reason: '' }, { points: 10, reason: '   ' }, { points: 10, reason: 'x'.repeat(501) }]) {
      const res = await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.details.field).toBe('reason');
      expect(res.body.error.message).toMatch(/^reason: /);
    }
    expect((await admin.get(`/api/admin/teams/${early.team.id}/adjustments`)).body.adjustments).toHaveLength(2);
  });

  it('rejects zero, fractional, out-of-range and missing points with 400 naming the field', async () => {
    for (const points of [0, 1.5, 100_001, -100_001, '10', undefined]) {
      const res = await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, { points, reason: 'bonus' });
      expect(res.status, String(points)).toBe(400);
      expect(res.body.error.details.field).toBe('points');
    }
    expect((await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, { points: 100_000, reason: 'max' })).status).toBe(201);
    expect((await admin.post(`/api/admin/teams/${early.team.id}/adjustments`, { points: -100_000, reason: 'max undone' })).status).toBe(201);
  });

  it('answers 404 for an unknown team and 400 for a malformed id', async () => {
    expect((await admin.post('/api/admin/teams/999999/adjustments', { points: 1, reason: 'x' })).status).toBe(404);
    expect((await admin.get('/api/admin/teams/999999/adjustments')).status).toBe(404);
    const bad = await admin.post('/api/admin/teams/abc/adjustments', { points: 1, reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('id');
  });

  it('lists adjustments newest first, per team and for all teams', async () => {
    const mine = await admin.get(`/api/admin/teams/${early.team.id}/adjustments`);
    expect(mine.body.adjustments.map((a: { points: number; reason: string }) => [a.points, a.reason])).toEqual([
      [-100_000, 'max undone'],
      [100_000, 'max'],
      [-5, 'Test undone'],
      [5, 'Test'],
    ]);
    const all = await admin.get('/api/admin/adjustments');
    expect(all.body.adjustments).toHaveLength(6);
    expect(all.body.adjustments.map((a: { teamName: string }) => a.teamName)).toEqual(['Early', 'Early', 'Early', 'Early', 'Late', 'Late']);
    const ids = all.body.adjustments.map((a: { id: number }) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('keeps the score equal to awards plus adjustments when many adjustments land at once', async () => {
    const before = (await admin.get('/api/admin/teams')).body.teams.find((x: { id: number }) => x.id === late.team.id).score;
    const deltas = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i + 1 : -i));
    const results = await Promise.all(
      deltas.map((points) => admin.post(`/api/admin/teams/${late.team.id}/adjustments`, { points, reason: `burst ${points}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const expected = before + deltas.reduce((a, b) => a + b, 0);
    const after = (await admin.get('/api/admin/teams')).body.teams.find((x: { id: number }) => x.id === late.team.id);
    expect(after.score).toBe(expected);
    expect(after.adjustments).toBe(deltas.reduce((a, b) => a + b, 0));
    await expect.poll(async () => (await board()).find(([name]: [string]) => name === 'Late')[1], POLL).toBe(expected);
  });
});
