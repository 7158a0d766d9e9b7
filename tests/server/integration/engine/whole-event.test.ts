import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { boardOf, expectError, teamOf } from './engine-support.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';
const MINUTE = 60_000;

/**
 * One event from start to reveal, in order: each step leans on the state the previous one
 * left, as an event does. Team Kumo (two players) buys both clues on alpha/status-code,
 * team Sora (one player, reading Japanese) does not.
 */
describeBackends('a whole event through HTTP', (backend) => {
  let t: TestApp;
  let admin: Client;
  let aki: Client;
  let ayu: Client;
  let ben: Client;
  let anonymous: Client;
  let kumoId: number;
  let soraId: number;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const kumo = await teamOf(t, 'Kumo', 2);
    const sora = await teamOf(t, 'Sora', 1, 'ja');
    [aki, ayu] = kumo.members as [Client, Client];
    [ben] = sora.members as [Client];
    kumoId = kumo.team.id;
    soraId = sora.team.id;
    admin = await adminClient(t);
    anonymous = new Client(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses attempts and clues before the start', async () => {
    expectError(await aki.post(`${STATUS}/attempts`, { answer: '307' }), 409, 'event_not_running');
    expectError(await aki.post(`${STATUS}/clues/1`), 409, 'event_not_running');
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });

  it('unlocks clues strictly in order, idempotently, for the whole team', async () => {
    expectError(await aki.post(`${STATUS}/clues/2`), 409, 'clue_locked');
    const first = await aki.post(`${STATUS}/clues/1`);
    expect(first.status).toBe(200);
    expect(first.body.clue).toMatchObject({ index: 1, penalty: 20 });
    expect(first.body.clue.text).toContain('It is a 3xx code.');
    const again = await ayu.post(`${STATUS}/clues/1`);
    expect(again.status).toBe(200);
    expect(again.body.clue).toMatchObject({ index: 1, penalty: 20 });
    const second = await ayu.post(`${STATUS}/clues/2`);
    expect(second.body.clue).toMatchObject({ index: 2, penalty: 30 });
    const rows = await t.ctx.db.selectFrom('clue_unlock').select(['team_id', 'idx', 'penalty']).orderBy('idx').execute();
    expect(rows).toEqual([
      { team_id: kumoId, idx: 1, penalty: 20 },
      { team_id: kumoId, idx: 2, penalty: 30 },
    ]);
  });

  it('shows the unlocked clue texts and the reduced points to that team only', async () => {
    const kumoTask = (await aki.get('/api/challenges/alpha')).body.tasks[0];
    expect(kumoTask).toMatchObject({ id: 'status-code', points: 100, penalty: 50, available: 50, solved: false });
    expect(kumoTask.clues).toMatchObject([
      { index: 1, penalty: 20, unlocked: true, text: expect.stringContaining('It is a 3xx code.') },
      { index: 2, penalty: 30, unlocked: true, text: expect.stringContaining('Temporary redirect.') },
    ]);
    const soraTask = (await ben.get('/api/challenges/alpha')).body.tasks[0];
    expect(soraTask).toMatchObject({ title: 'ステータスコード', penalty: 0, available: 100, solved: false });
    expect(soraTask.clues).toEqual([
      { index: 1, penalty: 20, paid: false, released: false, releaseInMs: null, unlocked: false },
      { index: 2, penalty: 30, paid: false, released: false, releaseInMs: null, unlocked: false },
    ]);
  });

  it('awards points minus both penalties to the team that used clues, full points to the other', async () => {
    t.clock.advance(MINUTE);
    expect((await ben.post(`${STATUS}/attempts`, { answer: ' http 307 ' })).body).toEqual({ correct: true, awarded: 100, alreadySolved: false });
    t.clock.advance(MINUTE);
    expect((await aki.post(`${STATUS}/attempts`, { answer: 'wrong' })).body).toEqual({ correct: false, awarded: 0, alreadySolved: false });
    expect((await ayu.post(`${STATUS}/attempts`, { answer: '３０７' })).body).toEqual({ correct: true, awarded: 50, alreadySolved: false });
    expect((await aki.post(`${STATUS}/attempts`, { answer: '307' })).body).toEqual({ correct: true, awarded: 50, alreadySolved: true });

    const solves = await t.ctx.db.selectFrom('solve').select(['team_id', 'points', 'penalty', 'awarded']).orderBy('solved_at').execute();
    expect(solves).toEqual([
      { team_id: soraId, points: 100, penalty: 0, awarded: 100 },
      { team_id: kumoId, points: 100, penalty: 50, awarded: 50 },
    ]);
    const first = await t.ctx.db.selectFrom('first_solve').select(['task_id', 'team_id']).execute();
    expect(first).toEqual([{ task_id: 'status-code', team_id: soraId }]);
    const events = await t.ctx.db.selectFrom('event_log').select('payload').where('type', '=', 'solve').orderBy('id').execute();
    expect(events.map((e) => e.payload)).toMatchObject([
      { teamId: soraId, taskId: 'status-code', awarded: 100, firstSolve: true },
      { teamId: kumoId, taskId: 'status-code', awarded: 50, firstSolve: false },
    ]);
    const detail = (await aki.get('/api/challenges/alpha')).body.tasks[0];
    expect(detail).toMatchObject({ solved: true, awarded: 50, debrief: expect.stringContaining('307 keeps the method.') });

    await expect
      .poll(() => boardOf(anonymous))
      .toEqual({
        frozen: false,
        teams: [
          { rank: 1, name: 'Sora', score: 100, solvedTasks: 1 },
          { rank: 2, name: 'Kumo', score: 50, solvedTasks: 1 },
        ],
      });
  });

  it('breaks a tie on the earlier time the score was reached, not on the team id', async () => {
    t.clock.advance(MINUTE);
    expect((await ben.post('/api/challenges/beta/tasks/match-services/attempts', { answer: { managed: 'firehose', control: 'streams' } })).body).toMatchObject({
      correct: true,
      awarded: 100,
    });
    t.clock.advance(MINUTE);
    expect((await aki.post('/api/challenges/beta/tasks/order-steps/attempts', { answer: ['one', 'two', 'three'] })).body).toMatchObject({
      correct: true,
      awarded: 150,
    });
    // Kumo has the lower id; Sora reached 200 first and ranks first.
    expect(kumoId).toBeLessThan(soraId);
    await expect
      .poll(() => boardOf(aki))
      .toEqual({
        frozen: false,
        teams: [
          { rank: 1, name: 'Sora', score: 200, solvedTasks: 2 },
          { rank: 2, name: 'Kumo', score: 200, solvedTasks: 2 },
        ],
      });
    const me = await aki.get('/api/me');
    expect(me.body.team).toMatchObject({ id: kumoId, score: 200, rank: 2, publicScore: 200 });
  });

  it('stops the clock while paused and moves the end by the paused time on resume', async () => {
    const before = (await anonymous.get('/api/event')).body;
    const pausedAtReal = Date.now();
    expect((await admin.post('/api/admin/event/pause')).status).toBe(200);
    const paused = (await anonymous.get('/api/event')).body;
    expect(paused.state).toBe('paused');
    expectError(await aki.post('/api/challenges/beta/tasks/how-many/attempts', { answer: 7 }), 409, 'event_not_running');
    expectError(await aki.post('/api/challenges/beta/tasks/how-many/clues/1'), 409, 'event_not_running');

    t.clock.advance(10 * MINUTE);
    const later = (await anonymous.get('/api/event')).body;
    expect(later.state).toBe('paused');
    expect(later.remainingMs).toBe(paused.remainingMs);
    expect(later.remainingMs).toBeLessThanOrEqual(before.remainingMs);

    expect((await admin.post('/api/admin/event/resume')).status).toBe(200);
    const resumedReal = Date.now();
    const resumed = (await anonymous.get('/api/event')).body;
    expect(resumed.state).toBe('running');
    // The end moves by exactly the paused time: the 10 minutes advanced plus the real
    // milliseconds that passed between the two admin requests.
    const moved = Date.parse(resumed.endsAt) - Date.parse(before.endsAt);
    expect(moved).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(moved).toBeLessThanOrEqual(10 * MINUTE + (resumedReal - pausedAtReal));
    expect(resumed.remainingMs).toBeLessThanOrEqual(paused.remainingMs);
    expect(resumed.remainingMs).toBeGreaterThan(paused.remainingMs - (Date.now() - pausedAtReal) - 1);
  });

  it('hides a solve after a manual freeze from players and anonymous callers but not from admins', async () => {
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    t.clock.advance(MINUTE);
    expect((await ayu.post('/api/challenges/beta/tasks/how-many/attempts', { answer: '7 times' })).body).toMatchObject({ correct: true, awarded: 120 });
    const frozen = {
      frozen: true,
      teams: [
        { rank: 1, name: 'Sora', score: 200, solvedTasks: 2 },
        { rank: 2, name: 'Kumo', score: 200, solvedTasks: 2 },
      ],
    };
    await expect
      .poll(() => boardOf(admin))
      .toEqual({
        frozen: false,
        teams: [
          { rank: 1, name: 'Kumo', score: 320, solvedTasks: 3 },
          { rank: 2, name: 'Sora', score: 200, solvedTasks: 2 },
        ],
      });
    expect(await boardOf(anonymous)).toEqual(frozen);
    expect(await boardOf(ben)).toEqual(frozen);
    expect(await boardOf(aki)).toEqual(frozen);
    expect((await ben.get('/api/me')).body.team).toMatchObject({ rank: 1, publicScore: 200 });
    expect((await anonymous.get('/api/event')).body.frozen).toBe(true);

    // The other public views of the board keep the freeze too.
    const tasksIn = (res: { body: { solves: { taskId: string }[] } }) => res.body.solves.map((s) => s.taskId);
    expect(tasksIn(await anonymous.get('/api/scoreboard/recent-solves'))).not.toContain('how-many');
    expect(tasksIn(await ben.get('/api/scoreboard/recent-solves'))).not.toContain('how-many');
    expect(tasksIn(await admin.get('/api/scoreboard/recent-solves'))).toContain('how-many');
    const peak = (res: { body: { teams: { name: string; points: [string, number][] }[] } }) =>
      Math.max(...(res.body.teams.find((team) => team.name === 'Kumo')?.points.map(([, score]) => score) ?? [0]));
    expect(peak(await anonymous.get('/api/scoreboard/history'))).toBe(200);
    expect(peak(await admin.get('/api/scoreboard/history'))).toBe(320);
  });

  it('refuses attempts once the event has ended and keeps the board frozen until the reveal', async () => {
    expect((await admin.post('/api/admin/event/end')).status).toBe(200);
    expect((await anonymous.get('/api/event')).body).toMatchObject({ state: 'ended', remainingMs: 0 });
    expectError(await ben.post('/api/challenges/beta/tasks/how-many/attempts', { answer: 7 }), 409, 'event_not_running');
    expectError(await ben.post('/api/challenges/beta/tasks/how-many/clues/1'), 409, 'event_not_running');
    expect((await boardOf(anonymous)).frozen).toBe(true);
    expect((await boardOf(ben)).teams[0]).toMatchObject({ name: 'Sora', score: 200 });
  });

  it('shows players the truth after the reveal', async () => {
    expect((await admin.post('/api/admin/event/reveal')).status).toBe(200);
    const truth = {
      frozen: false,
      teams: [
        { rank: 1, name: 'Kumo', score: 320, solvedTasks: 3 },
        { rank: 2, name: 'Sora', score: 200, solvedTasks: 2 },
      ],
    };
    await expect.poll(() => boardOf(anonymous)).toEqual(truth);
    expect(await boardOf(ben)).toEqual(truth);
    expect((await anonymous.get('/api/event')).body).toMatchObject({ state: 'ended', frozen: false, revealed: true });
    const totals = await t.ctx.db.selectFrom('team').select(['id', 'score', 'solved_tasks']).orderBy('id').execute();
    expect(totals).toEqual([
      { id: kumoId, score: 320, solved_tasks: 3 },
      { id: soraId, score: 200, solved_tasks: 2 },
    ]);
  });

  it('exports results whose ranks and scores match the board', async () => {
    const res = await admin.get('/api/admin/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    // The team names and scores here hold no commas or quotes, so splitting on ',' is exact.
    const [header, ...rows] = String(res.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (name: string) => header!.indexOf(name);
    expect(column('rank')).toBeGreaterThanOrEqual(0);
    const exported = rows.map((row) => ({
      rank: Number(row[column('rank')]),
      name: row[column('team')],
      score: Number(row[column('score')]),
      solvedTasks: Number(row[column('solved_tasks')]),
    }));
    expect(exported).toEqual((await boardOf(anonymous)).teams);
    expect(exported).toEqual((await boardOf(admin)).teams);
    const json = await admin.get('/api/admin/export?format=json');
    expect(
      json.body.teams.map((team: { rank: number; name: string; score: number; cluesUsed: number }) => [team.rank, team.name, team.score, team.cluesUsed]),
    ).toEqual([
      [1, 'Kumo', 320, 2],
      [2, 'Sora', 200, 0],
    ]);
  });
});
