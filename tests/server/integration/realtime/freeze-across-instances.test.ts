import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, type Client, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { passedIn, type SharedDatabase, sharedDatabase } from '../../../support/shared-postgres.ts';
import { announce, createCommsApp, openStream } from './helpers.ts';

const skipReason = inject('pgSkipReason');

/**
 * Whether a relayed solve reaches the public screens is decided from the solve's own time
 * and the freeze cutoff as the log stands at that solve, not from an instance's event state
 * (which reloads in the background after a `clock` event and may lag behind its own relay).
 */
describe.skipIf(Boolean(skipReason))(`the freeze across two instances${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: SharedDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    a = await createCommsApp(passedIn, { database: shared.first });
    b = await createCommsApp(passedIn, { database: await shared.open() });
    await startEvent(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await shared?.drop();
  });

  it('keeps a solve made on A after a freeze on B off the public stream of A, though A learns of the freeze late', async () => {
    const { client: player, team } = await playerWithTeam(a, 'Kenji', 'Late Clock');
    const adminOnB: Client = await adminClient(b);
    const screenOnA = await openStream(a, null);
    const playerOnA = await openStream(a, player);

    // Both instances lose their LISTEN connections: A hears of what follows only once its
    // listener is back, reading the freeze and the solve from the log in one go.
    const killed = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as pid from pg_stat_activity
      where query ilike 'LISTEN%' and datname = current_database() and pid <> pg_backend_pid()`.execute(a.ctx.db);
    expect(killed.rows.length).toBe(2);
    expect((await adminOnB.post('/api/admin/event/freeze')).status).toBe(200);
    const solved = await player.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(solved.body).toMatchObject({ correct: true, alreadySolved: false });
    await announce(adminOnB, 'after the solve');

    await screenOnA.waitForEvent('announcement', (d) => d.text === 'after the solve', 20_000);
    expect(screenOnA.named('clock').length).toBeGreaterThan(0);
    expect(screenOnA.named('solve').filter((e) => JSON.parse(e.data).teamId === team.id)).toEqual([]);
    // The solving team still sees its own solve.
    await playerOnA.waitForEvent('solve', (d) => d.teamId === team.id, 20_000);
    await Promise.all([screenOnA.close(), playerOnA.close()]);
  });
});
