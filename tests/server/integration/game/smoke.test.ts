import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';

describeBackends('a first solve through HTTP', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(async () => {
    await t.close();
  });

  it('joins, creates a team, starts the event and awards a correct answer once', async () => {
    const { client } = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    const list = await client.get('/api/challenges');
    expect(list.status).toBe(200);
    expect(list.body.challenges.map((c: { id: string }) => c.id)).toEqual(['alpha', 'beta']);
    const res = await client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: 'ＨＴＴＰ　３０７' });
    expect(res.body).toEqual({ correct: true, awarded: 100, alreadySolved: false });
    const again = await client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(again.body).toEqual({ correct: true, awarded: 100, alreadySolved: true });
    const recent = await client.get('/api/scoreboard/recent-solves');
    expect(recent.body.solves).toEqual([
      expect.objectContaining({
        teamName: 'Kumo',
        challengeId: 'alpha',
        challengeTitle: { en: 'Alpha', ja: 'アルファ' },
        taskId: 'status-code',
        taskIndex: 1,
        awarded: 100,
        firstSolve: true,
      }),
    ]);
    await expect.poll(async () => (await client.get('/api/scoreboard')).body.teams[0]).toMatchObject({ rank: 1, name: 'Kumo', score: 100, solvedTasks: 1 });
  });
});
