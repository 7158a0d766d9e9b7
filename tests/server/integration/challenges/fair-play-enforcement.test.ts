import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { parseCsv } from '../admin/helpers.ts';
import { boardOf, expectError, teamOf } from '../engine/engine-support.ts';
import { openStream } from '../realtime/helpers.ts';
import { ENFORCED_FIXTURES, MINUTE, taskOf } from './fair-play-support.ts';

const PICK = '/api/challenges/guessing/tasks/pick';
const COUNT = '/api/challenges/guessing/tasks/count';

/**
 * One event with the fair-play rules a task and a clue can set, played through HTTP in the
 * Jam penalty mode (penalties count at the solve): a cap on wrong attempts that closes the
 * task, a price per wrong attempt taken off the award, a clue released to every team by
 * running time across a pause, and what players and admins see of each.
 */
describeBackends('fair-play rules enforced as an event runs (penalties at the solve)', (backend) => {
  let t: TestApp;
  let admin: Client;
  let aki: Client;
  let ayu: Client;
  let ben: Client;
  let kumoId: number;
  let soraId: number;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES });
    admin = await adminClient(t);
    const kumo = await teamOf(t, 'Kumo', 2);
    [aki, ayu] = kumo.members as [Client, Client];
    kumoId = kumo.team.id;
    const sora = await teamOf(t, 'Sora', 1, 'ja');
    [ben] = sora.members as [Client];
    soraId = sora.team.id;
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows each task's rules before the first answer: attempts left, the price of a wrong answer, when a clue turns free", async () => {
    expect(await taskOf(aki, 'pick')).toMatchObject({
      rules: { attempts: 2, wrongPenalty: 25 },
      attemptsLeft: 2,
      wrong: { count: 0, penalty: 0 },
      available: 100,
      closed: false,
    });
    const count = await taskOf(ben, 'count');
    expect(count).toMatchObject({ rules: { attempts: null, wrongPenalty: 10 }, attemptsLeft: null, available: 100 });
    expect(count.clues[0]).toMatchObject({ index: 1, penalty: 20, unlocked: false, released: false });
    expect(count.clues[0].releaseInMs).toBeGreaterThan(29 * MINUTE);
    expect(count.clues[0].releaseInMs).toBeLessThanOrEqual(30 * MINUTE);
    expect(count.clues[0].text).toBeUndefined();
  });

  it('counts a wrong answer against the team, prices it, and tells teammates on the stream', async () => {
    const stream = await openStream(t, ayu);
    try {
      const res = await aki.post(`${PICK}/attempts`, { answer: ['queue'] });
      expect(res.body).toEqual({ correct: false, awarded: 0, alreadySolved: false, attemptsLeft: 1 });
      const event = await stream.waitForEvent('wrong');
      expect(JSON.parse(event.data)).toMatchObject({
        teamId: kumoId,
        challengeId: 'guessing',
        taskId: 'pick',
        playerName: 'Kumo 1',
        penalty: 25,
        attemptsLeft: 1,
        check: false,
      });
    } finally {
      await stream.close();
    }
    expect(await taskOf(ayu, 'pick')).toMatchObject({ attemptsLeft: 1, wrong: { count: 1, penalty: 25 }, available: 75, closed: false });
    expect(await taskOf(ben, 'pick')).toMatchObject({ attemptsLeft: 2, wrong: { count: 0, penalty: 0 }, available: 100 });
  });

  it('closes the task after the last wrong attempt and refuses even the right answer with 409 attempts_exhausted, writing nothing', async () => {
    expect((await ayu.post(`${PICK}/attempts`, { answer: ['topic'] })).body).toMatchObject({ correct: false, attemptsLeft: 0 });
    expect(await taskOf(aki, 'pick')).toMatchObject({ attemptsLeft: 0, closed: true, solved: false, available: 50 });
    const rows = async () => t.ctx.db.selectFrom('attempt').select('id').where('team_id', '=', kumoId).execute();
    const before = await rows();
    const refused = await aki.post(`${PICK}/attempts`, { answer: ['streams'] });
    expectError(refused, 409, 'attempts_exhausted');
    expect(refused.body.error.message).toContain('2 wrong attempts');
    expectError(await ayu.post(`${PICK}/attempts`, { answer: ['bucket'] }), 409, 'attempts_exhausted');
    expect(await rows()).toEqual(before);
    expect(await t.ctx.db.selectFrom('solve').select('task_id').where('team_id', '=', kumoId).execute()).toEqual([]);
    // Another team's attempts are its own.
    expect((await ben.post(`${PICK}/attempts`, { answer: ['streams'] })).body).toEqual({ correct: true, awarded: 100, alreadySolved: false, attemptsLeft: 2 });
  });

  it('takes each wrong attempt and each paid clue off the award at the solve, and breaks the award down', async () => {
    expect((await aki.post(`${COUNT}/attempts`, { answer: 4 })).body).toEqual({ correct: false, awarded: 0, alreadySolved: false });
    expect((await ayu.post(`${COUNT}/attempts`, { answer: '5' })).body).toEqual({ correct: false, awarded: 0, alreadySolved: false });
    expect((await aki.post(`${COUNT}/clues/1`)).body.clue).toMatchObject({ index: 1, penalty: 20, released: false });
    expect(await taskOf(aki, 'count')).toMatchObject({ penalty: 20, wrong: { count: 2, penalty: 20 }, available: 60 });
    // No points are taken before the solve in this mode. The board follows the log within a
    // rebuild or two (200 ms apart): a team made a few tens of milliseconds ago may not be on
    // it yet, and reading it at once failed in a CI run on PostgreSQL.
    await expect.poll(async () => (await boardOf(admin)).teams.find((x) => x.name === 'Kumo')?.score, { timeout: 5000 }).toBe(0);
    expect((await aki.post(`${COUNT}/attempts`, { answer: '3' })).body).toEqual({ correct: true, awarded: 60, alreadySolved: false });
    expect(await taskOf(ayu, 'count')).toMatchObject({ solved: true, awarded: 60, breakdown: { points: 100, clues: 20, wrong: 20, awarded: 60 } });
    const solve = await t.ctx.db
      .selectFrom('solve')
      .select(['penalty', 'clue_penalty', 'wrong_penalty', 'awarded'])
      .where('team_id', '=', kumoId)
      .executeTakeFirstOrThrow();
    expect(solve).toEqual({ penalty: 40, clue_penalty: 20, wrong_penalty: 20, awarded: 60 });
    // A wrong answer after the solve is logged and costs nothing.
    expect((await ayu.post(`${COUNT}/attempts`, { answer: 9 })).body).toEqual({ correct: false, awarded: 0, alreadySolved: true });
    await expect.poll(async () => (await boardOf(admin)).teams.find((x) => x.name === 'Kumo')?.score).toBe(60);
  });

  it('releases a clue to every team at its minute of running time, not counting a pause, and publishes it once', async () => {
    t.clock.advance(20 * MINUTE);
    expect((await admin.post('/api/admin/event/pause')).status).toBe(200);
    const atPause = (await taskOf(ben, 'count')).clues[0].releaseInMs as number;
    expect(atPause).toBeGreaterThan(9 * MINUTE);
    t.clock.advance(90 * MINUTE);
    expect((await taskOf(ben, 'count')).clues[0]).toMatchObject({ released: false, releaseInMs: atPause });
    expect(await t.services.clueReleases.wake()).toBe(0);
    expect((await admin.post('/api/admin/event/resume')).status).toBe(200);
    t.clock.advance(atPause - 5_000);
    expect((await taskOf(ben, 'count')).clues[0].released).toBe(false);
    expect(await t.services.clueReleases.wake()).toBe(0);

    const player = await openStream(t, ben);
    const screen = await openStream(t, null);
    try {
      t.clock.advance(5_000);
      // Free for every team as soon as the clock says so, before any instance announces it.
      const clues = (await taskOf(ben, 'count')).clues;
      expect(clues[0]).toMatchObject({ index: 1, unlocked: true, released: true, paid: false, releaseInMs: null });
      expect(clues[0].text).toContain('数えるヒント 4417');
      expect(clues[1]).toMatchObject({ index: 2, unlocked: false, released: false });
      expect(clues[1].releaseInMs).toBeGreaterThan(29 * MINUTE);
      expect(await t.services.clueReleases.wake()).toBe(1);
      expect(await t.services.clueReleases.wake()).toBe(0);
      for (const reader of [player, screen]) {
        const event = await reader.waitForEvent('clue', (d) => d.released === true);
        expect(JSON.parse(event.data)).toMatchObject({
          released: true,
          challengeId: 'guessing',
          taskId: 'count',
          taskIndex: 2,
          index: 1,
          taskTitle: { ja: 'シャードを数える' },
        });
      }
    } finally {
      await Promise.all([player.close(), screen.close()]);
    }
    const logged = await t.ctx.db.selectFrom('event_log').select('id').where('type', '=', 'clue').where('scope', '=', 'public').execute();
    expect(logged).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('clue_release').select(['challenge_id', 'task_id', 'idx']).execute()).toEqual([
      { challenge_id: 'guessing', task_id: 'count', idx: 1 },
    ]);
    // Kumo paid for it before the release: what it paid stays paid.
    expect((await taskOf(aki, 'count')).clues[0]).toMatchObject({ paid: true, released: true });
  });

  it('gives a released clue for nothing, lets the next clue follow it, and leaves it out of the award', async () => {
    expect((await ben.post(`${COUNT}/clues/1`)).body.clue).toMatchObject({ index: 1, penalty: 0, released: true });
    expect(await t.ctx.db.selectFrom('clue_unlock').select('idx').where('team_id', '=', soraId).execute()).toEqual([]);
    expect((await ben.post(`${COUNT}/clues/2`)).body.clue).toMatchObject({ index: 2, penalty: 30, released: false });
    expect((await ben.post(`${COUNT}/attempts`, { answer: '２' })).body).toMatchObject({ correct: false });
    expect((await ben.post(`${COUNT}/attempts`, { answer: '３' })).body).toEqual({ correct: true, awarded: 60, alreadySolved: false });
    expect(await taskOf(ben, 'count')).toMatchObject({ breakdown: { points: 100, clues: 30, wrong: 10, awarded: 60 } });
  });

  it('shows admins the wrong attempts and what they cost: submissions, teams and the export', async () => {
    const subs = await admin.get(`/api/admin/submissions?teamId=${kumoId}&correct=false`);
    expect(subs.body.submissions.map((s: { taskId: string; penalty: number }) => [s.taskId, s.penalty])).toEqual([
      ['count', 0],
      ['count', 10],
      ['count', 10],
      ['pick', 25],
      ['pick', 25],
    ]);
    const teams = (await admin.get('/api/admin/teams')).body.teams as { id: number; clues: unknown; wrong: unknown; score: number }[];
    // Kumo's closed task was never solved: in this mode its wrong answers cost nothing.
    expect(teams.find((x) => x.id === kumoId)).toMatchObject({ score: 60, clues: { used: 1, penalty: 20 }, wrong: { attempts: 5, penalty: 20 } });
    expect(teams.find((x) => x.id === soraId)).toMatchObject({ score: 160, clues: { used: 1, penalty: 30 }, wrong: { attempts: 1, penalty: 10 } });
    const exported = (await admin.get('/api/admin/export?format=json')).body.teams as Record<string, unknown>[];
    expect(exported.find((x) => x.id === soraId)).toMatchObject({
      score: 160,
      penaltyTotal: 30,
      wrongAttempts: 1,
      wrongPenaltyTotal: 10,
      solves: [
        { taskId: 'pick', points: 100, cluePenalty: 0, wrongPenalty: 0, awarded: 100 },
        { taskId: 'count', points: 100, cluePenalty: 30, wrongPenalty: 10, awarded: 60 },
      ],
    });
    const csv = parseCsv((await admin.get('/api/admin/export')).body as string);
    const header = csv[0] as string[];
    const kumo = csv.find((row) => row[1] === 'Kumo') as string[];
    expect([kumo[header.indexOf('penalty_total')], kumo[header.indexOf('wrong_attempts')], kumo[header.indexOf('wrong_penalty_total')]]).toEqual([
      '20',
      '5',
      '20',
    ]);
  });
});
