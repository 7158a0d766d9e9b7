import { afterAll, beforeAll, expect, it } from 'vitest';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { attempt, unlockClue } from './helpers.ts';

interface Submission {
  id: number;
  teamId: number;
  teamName: string;
  playerName: string;
  challengeId: string;
  taskId: string;
  answer: unknown;
  correct: boolean;
  at: string;
  flags: string[];
}

/** A small scripted game; the expected figures below follow from it by hand. */
describeBackends('admin: submissions, clue usage, ratings and logs', (backend) => {
  let t: TestApp;
  let admin: Client;
  let a: { client: Client; team: { id: number } };
  let b: { client: Client; team: { id: number } };
  let c: { client: Client; team: { id: number } };

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    a = await playerWithTeam(t, 'Aki', 'Team A');
    b = await playerWithTeam(t, 'Ben', 'Team B');
    c = await playerWithTeam(t, 'Chie', 'Team C', 'ja');
    await startEvent(t);
    // A: clue 1 and 2, one wrong answer, then solves status-code for 100 − 20 − 30 = 50.
    await unlockClue(a.client, 'alpha', 'status-code', 1);
    await unlockClue(a.client, 'alpha', 'status-code', 2);
    await attempt(a.client, 'alpha', 'status-code', 'HTTP 200');
    await attempt(a.client, 'alpha', 'status-code', '307');
    // B: solves status-code without clues (100), misses pick-stores once, then solves it (200).
    await attempt(b.client, 'alpha', 'status-code', 'HTTP 307');
    await attempt(b.client, 'alpha', 'pick-stores', ['rds']);
    await attempt(b.client, 'alpha', 'pick-stores', ['s3', 'ddb']);
    // C: clue 1, two wrong answers on status-code; then submits team B's lab flag.
    await unlockClue(c.client, 'alpha', 'status-code', 1);
    await attempt(c.client, 'alpha', 'status-code', '302');
    await attempt(c.client, 'alpha', 'status-code', '301');
    await attempt(c.client, 'beta', 'lab-flag', deriveLabFlag(t.ctx.secrets.labSecret, b.team.id, 'beta', 'lab-flag'));
  });
  afterAll(async () => {
    await t.close();
  });

  const list = async (query = '') => {
    const res = await admin.get(`/api/admin/submissions${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { submissions: Submission[]; nextBefore: number | null };
  };

  it('lists every submission newest first with team, player, answer and result', async () => {
    const { submissions, nextBefore } = await list();
    expect(submissions).toHaveLength(8);
    expect(nextBefore).toBeNull();
    const ids = submissions.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(submissions[submissions.length - 1]).toEqual({
      id: expect.any(Number),
      teamId: a.team.id,
      teamName: 'Team A',
      playerName: 'Aki',
      challengeId: 'alpha',
      taskId: 'status-code',
      answer: 'HTTP 200',
      correct: false,
      penalty: 0,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      flags: [],
    });
    expect(submissions.find((s) => s.teamName === 'Team B' && s.taskId === 'pick-stores' && s.correct)?.answer).toEqual(['s3', 'ddb']);
  });

  it('filters by team, challenge, task, result and sharing flag', async () => {
    expect((await list(`?teamId=${c.team.id}`)).submissions.map((s) => s.answer)).toHaveLength(3);
    expect((await list('?correct=true')).submissions.map((s) => [s.teamName, s.taskId])).toEqual([
      ['Team B', 'pick-stores'],
      ['Team B', 'status-code'],
      ['Team A', 'status-code'],
    ]);
    expect((await list('?correct=false')).submissions).toHaveLength(5);
    expect((await list('?challengeId=alpha&taskId=pick-stores')).submissions.map((s) => s.answer)).toEqual([['s3', 'ddb'], ['rds']]);
    expect((await list(`?teamId=${a.team.id}&correct=false`)).submissions.map((s) => s.answer)).toEqual(['HTTP 200']);
    const flagged = (await list('?flagged=true')).submissions;
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ teamName: 'Team C', taskId: 'lab-flag', correct: false, flags: ['sharing', `flag-of-team:${b.team.id}`] });
    expect((await list('?flagged=false')).submissions).toHaveLength(7);
    expect((await list('?challengeId=nope')).submissions).toEqual([]);
  });

  it('pages by id with before and limit, without gaps or repeats', async () => {
    const all = (await list()).submissions.map((s) => s.id);
    const seen: number[] = [];
    const sizes: number[] = [];
    let query = '?limit=3';
    for (let i = 0; i < 5; i++) {
      const page = await list(query);
      seen.push(...page.submissions.map((s) => s.id));
      sizes.push(page.submissions.length);
      if (page.nextBefore === null) break;
      query = `?limit=3&before=${page.nextBefore}`;
    }
    expect(sizes).toEqual([3, 3, 2]);
    expect(seen).toEqual(all);
    const filtered = await list(`?correct=false&limit=2&before=${all[2]}`);
    expect(filtered.submissions.every((s) => s.id < (all[2] as number) && !s.correct)).toBe(true);
  });

  it('rejects malformed filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['?correct=yes', 'correct'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?teamId=x', 'teamId'],
      ['?before=-1', 'before'],
      ['?flagged=1', 'flagged'],
    ]) {
      const res = await admin.get(`/api/admin/submissions${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.field).toBe(field);
    }
  });

  it('shows per task how many teams tried and solved, which clues they unlocked and the average award', async () => {
    const res = await admin.get('/api/admin/clue-usage');
    expect(res.status).toBe(200);
    const tasks = res.body.tasks as { challengeId: string; taskId: string }[];
    expect(tasks.map((x) => `${x.challengeId}/${x.taskId}`)).toEqual([
      'alpha/status-code',
      'alpha/pick-stores',
      'beta/order-steps',
      'beta/how-many',
      'beta/secret-pattern',
      'beta/match-services',
      'beta/lab-flag',
    ]);
    expect(tasks[0]).toEqual({
      challengeId: 'alpha',
      challengeTitle: 'Alpha',
      taskId: 'status-code',
      taskTitle: 'Status code',
      points: 100,
      teamsAttempted: 3,
      solved: 2,
      solveRate: 0.6667,
      wrongAttempts: 3,
      averageAward: 75,
      clues: [
        { index: 1, penalty: 20, unlocks: 2 },
        { index: 2, penalty: 30, unlocks: 1 },
      ],
    });
    expect(tasks[1]).toMatchObject({ taskId: 'pick-stores', teamsAttempted: 1, solved: 1, solveRate: 1, wrongAttempts: 1, averageAward: 200 });
    expect(tasks[2]).toMatchObject({ taskId: 'order-steps', teamsAttempted: 0, solved: 0, solveRate: null, wrongAttempts: 0, averageAward: null });
    expect(tasks[6]).toMatchObject({ taskId: 'lab-flag', teamsAttempted: 1, solved: 0, solveRate: 0, wrongAttempts: 1 });
  });

  it('summarises ratings per challenge with the comments and who wrote them', async () => {
    expect((await a.client.post('/api/challenges/alpha/rating', { stars: 5 })).status).toBe(409);
    expect((await b.client.post('/api/challenges/alpha/rating', { stars: 4, comment: 'Fun, but the second task was a guess' })).status).toBe(200);
    const res = await admin.get('/api/admin/ratings');
    expect(res.status).toBe(200);
    expect(res.body.challenges).toEqual([
      {
        challengeId: 'alpha',
        title: 'Alpha',
        average: 4,
        count: 1,
        comments: [
          { teamId: b.team.id, teamName: 'Team B', playerName: 'Ben', stars: 4, comment: 'Fun, but the second task was a guess', at: expect.any(String) },
        ],
      },
      { challengeId: 'beta', title: 'Beta', average: null, count: 0, comments: [] },
    ]);
  });

  it('pages the audit log newest first', async () => {
    for (const points of [1, 2, 3]) await admin.post(`/api/admin/teams/${c.team.id}/adjustments`, { points, reason: `r${points}` });
    const first = await admin.get('/api/admin/audit?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e: { details: { points?: number } }) => e.details.points)).toEqual([3, 2]);
    const second = await admin.get(`/api/admin/audit?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.entries[0]).toMatchObject({ action: 'team.adjust', details: { points: 1 } });
    expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id);
    const everything = await admin.get('/api/admin/audit?limit=500');
    expect(everything.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['event.start', 'admin.login', 'team.adjust']));
  });

  it('lists lab requests newest first, filtered by team', async () => {
    const at = t.clock.now();
    await t.ctx.db
      .insertInto('lab_request')
      .values([
        { team_id: a.team.id, lab: 'ecr-registry', method: 'GET', path: '/v2/', status: 401, created_at: at },
        { team_id: b.team.id, lab: 'ecr-registry', method: 'GET', path: '/v2/app/manifests/latest', status: 200, created_at: at },
        { team_id: null, lab: 'ecr-registry', method: 'GET', path: '/v2/', status: 401, created_at: at },
        {
          team_id: b.team.id,
          lab: 'kinesis-hot-shard',
          method: 'POST',
          path: '/labs/aws/',
          status: 400,
          service: 'kinesis',
          operation: 'PutRecord',
          error_code: 'ProvisionedThroughputExceededException',
          created_at: at,
        },
      ])
      .execute();
    const all = await admin.get('/api/admin/labs/requests');
    expect(all.status).toBe(200);
    expect(all.body.requests.map((r: { teamName: string | null; status: number }) => [r.teamName, r.status])).toEqual([
      ['Team B', 400],
      [null, 401],
      ['Team B', 200],
      ['Team A', 401],
    ]);
    const throttled = await admin.get(`/api/admin/labs/requests?teamId=${b.team.id}&service=kinesis&operation=PutRecord&errors=true`);
    expect(throttled.body.requests).toEqual([
      {
        id: expect.any(Number),
        teamId: b.team.id,
        teamName: 'Team B',
        lab: 'kinesis-hot-shard',
        method: 'POST',
        path: '/labs/aws/',
        status: 400,
        service: 'kinesis',
        operation: 'PutRecord',
        errorCode: 'ProvisionedThroughputExceededException',
        at: at.toISOString(),
      },
    ]);
    const newer = await admin.get(`/api/admin/labs/requests?after=${throttled.body.requests[0].id}`);
    expect(newer.body.requests).toEqual([]);
    expect((await admin.get('/api/admin/labs/requests?errors=maybe')).status).toBe(400);
    const mine = await admin.get(`/api/admin/labs/requests?teamId=${b.team.id}&limit=10&service=`);
    expect(mine.status).toBe(400);
    const registry = await admin.get(`/api/admin/labs/requests?teamId=${b.team.id}&limit=10&errors=false`);
    expect(registry.body.requests.map((r: { lab: string }) => r.lab)).toEqual(['kinesis-hot-shard', 'ecr-registry']);
    const ecr = registry.body.requests.filter((r: { lab: string }) => r.lab === 'ecr-registry');
    expect(ecr).toEqual([
      {
        id: expect.any(Number),
        teamId: b.team.id,
        teamName: 'Team B',
        lab: 'ecr-registry',
        method: 'GET',
        path: '/v2/app/manifests/latest',
        status: 200,
        service: null,
        operation: null,
        errorCode: null,
        at: at.toISOString(),
      },
    ]);
    expect(registry.body.nextBefore).toBeNull();
  });
});
