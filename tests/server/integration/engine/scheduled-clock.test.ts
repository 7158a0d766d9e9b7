import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { boardOf, expectError, teamOf } from './engine-support.ts';

const MINUTE = 60_000;

/**
 * The clock on its own, with nobody pressing a button: the scheduled freeze begins at
 * end − freezeMinutes, and the event ends when its time is up.
 */
describeBackends('the event clock running by itself', (backend) => {
  let t: TestApp;
  let admin: Client;
  let aki: Client;
  let ben: Client;
  const anonymous = () => new Client(t.app);

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { durationMinutes: 60, freezeMinutes: 20 })).status).toBe(200);
    aki = (await teamOf(t, 'Kumo', 1)).members[0]!;
    ben = (await teamOf(t, 'Sora', 1)).members[0]!;
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('freezes the public board at end − freezeMinutes', async () => {
    t.clock.advance(10 * MINUTE);
    expect((await aki.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' })).body).toMatchObject({ awarded: 100 });
    await expect.poll(async () => (await boardOf(anonymous())).teams[0]).toMatchObject({ name: 'Kumo', score: 100 });
    expect((await anonymous().get('/api/event')).body.frozen).toBe(false);

    t.clock.advance(31 * MINUTE);
    expect((await anonymous().get('/api/event')).body).toMatchObject({ state: 'running', frozen: true });
    expect((await ben.post('/api/challenges/alpha/tasks/pick-stores/attempts', { answer: ['s3', 'ddb'] })).body).toMatchObject({ awarded: 200 });
    await expect.poll(async () => (await boardOf(admin)).teams[0]).toMatchObject({ name: 'Sora', score: 200 });
    expect(await boardOf(anonymous())).toEqual({
      frozen: true,
      teams: [
        { rank: 1, name: 'Kumo', score: 100, solvedTasks: 1 },
        { rank: 2, name: 'Sora', score: 0, solvedTasks: 0 },
      ],
    });
  });

  it('stops attempts and clues when the time is up, without an end action', async () => {
    t.clock.advance(20 * MINUTE);
    expect((await anonymous().get('/api/event')).body).toMatchObject({ state: 'ended', remainingMs: 0, frozen: true });
    expectError(await ben.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' }), 409, 'event_not_running');
    expectError(await ben.post('/api/challenges/alpha/tasks/status-code/clues/1'), 409, 'event_not_running');
    expectError(await admin.post('/api/admin/event/pause'), 409, 'invalid_transition');
  });

  it('reveals the truth once ended', async () => {
    expect((await admin.post('/api/admin/event/reveal')).status).toBe(200);
    await expect
      .poll(() => boardOf(anonymous()))
      .toEqual({
        frozen: false,
        teams: [
          { rank: 1, name: 'Sora', score: 200, solvedTasks: 1 },
          { rank: 2, name: 'Kumo', score: 100, solvedTasks: 1 },
        ],
      });
  });
});
