import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { POLL, attempt, unlockClue } from './helpers.ts';

/** Under CTFd's rule clues cost at once; the export's penalty total must still explain the score. */
describeBackends('admin: results under the immediate penalty rule', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { penaltyMode: 'immediate' })).status).toBe(200);
    const { client } = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    // Solved after one clue: 100 − 20. Unsolved with both clues (50 + 100 on a 200-point task): −150.
    await unlockClue(client, 'alpha', 'status-code', 1);
    await attempt(client, 'alpha', 'status-code', '307');
    await unlockClue(client, 'alpha', 'pick-stores', 1);
    await unlockClue(client, 'alpha', 'pick-stores', 2);
    // Unsolved, clues worth 30 + 60 on a 150-point task: −90.
    await unlockClue(client, 'beta', 'order-steps', 1);
    await unlockClue(client, 'beta', 'order-steps', 2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports the points clues took, so solved points − penalty + adjustments = score', async () => {
    const res = await admin.get('/api/admin/export?format=json');
    const [team] = res.body.teams;
    expect(team).toMatchObject({ score: 80 - 150 - 90, cluesUsed: 5, penaltyTotal: 20 + 150 + 90, adjustments: 0 });
    const list = await admin.get('/api/admin/teams');
    expect(list.body.teams[0]).toMatchObject({ score: -160, clues: { used: 5, penalty: 260 } });
    await expect.poll(async () => (await admin.get('/api/scoreboard')).body.teams[0].score, POLL).toBe(-160);
  });
});
