import { UpdateShardCountCommand } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { expectError, teamOf } from '../engine/engine-support.ts';
import { kinesisClient, labAccess, listen, STREAM } from '../labs/kinesis-support.ts';
import { openStream } from '../realtime/helpers.ts';
import { ENFORCED_FIXTURES, taskOf } from './fair-play-support.ts';

const CHECK = '/api/challenges/hands-on/tasks/fix-the-stream/check';

/**
 * "Check my progress" follows the attempt plan with the same rules as a typed answer: on a
 * check task with `attempts` and `wrongPenalty` (docs/challenge-format.md, "Fair-play rules"),
 * a failed check is a wrong attempt. It uses one of the attempts and costs the penalty, the
 * card says so before the player presses the button, and a closed task refuses further
 * checks. Without those fields, checks stay free and unlimited.
 */
describeBackends('fair-play rules on a lab check task', (backend) => {
  let t: TestApp;
  let server: Awaited<ReturnType<typeof listen>>;
  let aki: Client;
  let ayu: Client;
  let ben: Client;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES });
    server = await listen(t);
    [aki, ayu] = (await teamOf(t, 'Kumo', 2)).members as [Client, Client];
    [ben] = (await teamOf(t, 'Sora', 1)).members as [Client];
    expect((await (await adminClient(t)).post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await t.close();
  });

  it('shows the attempts and the price of a failed check before the first one', async () => {
    expect(await taskOf(aki, 'fix-the-stream', 'hands-on')).toMatchObject({
      answer: { type: 'check' },
      rules: { attempts: 2, wrongPenalty: 40 },
      attemptsLeft: 2,
      available: 300,
    });
  });

  it('counts a failed check as a wrong attempt: one attempt used, 40 points off, teammates told', async () => {
    const stream = await openStream(t, ayu);
    try {
      const res = await aki.post(CHECK);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ correct: false, awarded: 0, alreadySolved: false, attemptsLeft: 1 });
      expect(res.body.progress.some((p: { done: boolean }) => !p.done)).toBe(true);
      // Marked as a check: teammates hear "checked the lab: not done yet", not "a wrong answer".
      await stream.waitForEvent('wrong', (d) => d.taskId === 'fix-the-stream' && d.penalty === 40 && d.attemptsLeft === 1 && d.check === true);
      await stream.waitForEvent('lab', (d) => d.taskId === 'fix-the-stream' && d.action === 'check' && d.passed === false);
    } finally {
      await stream.close();
    }
    expect(await taskOf(ayu, 'fix-the-stream', 'hands-on')).toMatchObject({ attemptsLeft: 1, wrong: { count: 1, penalty: 40 }, available: 260 });
  });

  it('closes the task after the last failed check and refuses the next check with 409, logging nothing', async () => {
    expect((await ayu.post(CHECK)).body).toMatchObject({ correct: false, attemptsLeft: 0 });
    const before = await t.ctx.db.selectFrom('attempt').select('id').where('task_id', '=', 'fix-the-stream').execute();
    expectError(await aki.post(CHECK), 409, 'attempts_exhausted');
    expect(await t.ctx.db.selectFrom('attempt').select('id').where('task_id', '=', 'fix-the-stream').execute()).toEqual(before);
    expect(await taskOf(aki, 'fix-the-stream', 'hands-on')).toMatchObject({ closed: true, solved: false });
  });

  it('awards a passing check its points less the failed checks before it', async () => {
    expect((await ben.post(CHECK)).body).toMatchObject({ correct: false, attemptsLeft: 1 });
    const k = kinesisClient(await labAccess(ben, server.url, 'hands-on', 'fix-the-stream'));
    await k.send(new UpdateShardCountCommand({ StreamName: STREAM, TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }));
    t.clock.advance(5_000);
    const solved = await ben.post(CHECK);
    expect(solved.body).toMatchObject({ correct: true, awarded: 260, alreadySolved: false, attemptsLeft: 1 });
    expect(solved.body.progress.every((p: { done: boolean }) => p.done)).toBe(true);
    expect(await taskOf(ben, 'fix-the-stream', 'hands-on')).toMatchObject({ breakdown: { points: 300, clues: 0, wrong: 40, awarded: 260 } });
  });
});
