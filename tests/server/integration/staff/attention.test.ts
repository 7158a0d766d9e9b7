import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { staffTrio, type StaffMember } from './staff-support.ts';

const MINUTE = 60_000;

describeBackends('needs attention: teams to visit, challenges that look broken', (backend) => {
  let t: TestApp;
  let support: StaffMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const trio = await staffTrio(t);
    const owner = trio.owner;
    support = trio.support;
    expect((await owner.patch('/api/admin/event', { attemptsPerMinute: 100 })).status).toBe(200);
    expect((await owner.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('puts the team waiting on support first, then the stuck ones, with what each is on and for how long', async () => {
    const quick = await playerWithTeam(t, 'Quinn', 'Quick');
    const stuck = await playerWithTeam(t, 'Stu', 'Stuck');
    const asking = await playerWithTeam(t, 'Ash', 'Asking');
    await playerWithTeam(t, 'Ida', 'Idle');
    // Everyone starts on beta's number task; nobody gets it.
    for (const team of [quick, stuck, asking]) expect((await team.client.post('/api/challenges/beta/tasks/how-many/attempts', { answer: 1 })).status).toBe(200);
    t.clock.advance(5 * MINUTE);
    for (let i = 2; i <= 7; i++)
      expect((await stuck.client.post('/api/challenges/beta/tasks/how-many/attempts', { answer: i === 7 ? 8 : i })).status).toBe(200);
    expect((await stuck.client.post('/api/challenges/beta/tasks/how-many/clues/1')).status).toBe(200);
    t.clock.advance(20 * MINUTE);
    // Quick moves on and solves alpha in 3 minutes.
    expect((await quick.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '302' })).status).toBe(200);
    t.clock.advance(2 * MINUTE);
    expect((await quick.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' })).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await quick.client.post('/api/challenges/alpha/tasks/pick-stores/attempts', { answer: ['ddb', 's3'] })).status).toBe(200);
    expect((await asking.client.post('/api/team/support', { text: 'We are lost' })).status).toBe(201);
    t.clock.advance(4 * MINUTE);

    const res = await support.client.get('/api/admin/attention');
    expect(res.status).toBe(200);
    const teams = res.body.teams as Array<Record<string, any>>;
    expect(teams.map((x) => x.teamName)).toEqual(['Asking', 'Stuck', 'Idle', 'Quick']);
    expect(teams[0]).toMatchObject({
      reasons: expect.arrayContaining(['support', 'stalled']),
      supportWaitingMinutes: 4,
      supportUnread: 1,
      supportAssignee: null,
    });
    expect(teams[1]).toMatchObject({
      current: { challengeId: 'beta', minutes: 32 },
      cluesUsed: 1,
      reasons: expect.arrayContaining(['stalled', 'long']),
    });
    expect(teams.find((x) => x.teamName === 'Quick')).toMatchObject({ current: null, minutesSinceProgress: 4, reasons: [] });
    expect(teams.find((x) => x.teamName === 'Idle')).toMatchObject({ current: null, minutesSinceProgress: 32 });

    const challenges = res.body.challenges as Array<Record<string, any>>;
    expect(challenges[0]).toMatchObject({ challengeId: 'beta', teamsStarted: 3, teamsSolved: 0, solveRate: 0, suspect: true, wrongAttempts: 9 });
    expect(challenges.find((c) => c.challengeId === 'alpha')).toMatchObject({
      teamsStarted: 1,
      teamsSolved: 1,
      solveRate: 1,
      medianSolveMinutes: 3,
      suspect: false,
    });
  });

  it('counts a team’s lab restarts across its labs', async () => {
    const labby = await playerWithTeam(t, 'La', 'Labby');
    const at = new Date();
    await t.ctx.db
      .insertInto('lab_state')
      .values([
        { team_id: labby.team.id, lab: 'kinesis-hot-shard', state: '{}', resets: 2, created_at: at, updated_at: at },
        { team_id: labby.team.id, lab: 'ecr-registry', state: '{}', resets: 1, created_at: at, updated_at: at },
      ])
      .execute();
    const team = (await support.client.get('/api/admin/attention')).body.teams.find((x: { teamName: string }) => x.teamName === 'Labby');
    expect(team).toMatchObject({ labResets: 3, reasons: expect.arrayContaining(['labs']) });
  });

  it('counts recent wrong answers within the last 15 minutes only', async () => {
    const burst = await playerWithTeam(t, 'Bu', 'Burst');
    for (let i = 0; i < 6; i++) expect((await burst.client.post('/api/challenges/beta/tasks/how-many/attempts', { answer: 100 + i })).status).toBe(200);
    let team = (await support.client.get('/api/admin/attention')).body.teams.find((x: { teamName: string }) => x.teamName === 'Burst');
    expect(team).toMatchObject({ recentWrong: 6, reasons: expect.arrayContaining(['wrong']) });
    t.clock.advance(16 * MINUTE);
    team = (await support.client.get('/api/admin/attention')).body.teams.find((x: { teamName: string }) => x.teamName === 'Burst');
    expect(team.recentWrong).toBe(0);
  });
});
