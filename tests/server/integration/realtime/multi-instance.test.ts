import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { passedIn, sharedDatabase } from '../../../support/shared-postgres.ts';
import { adminClient, Client, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { announce, createCommsApp, openStream, say } from './helpers.ts';

const skipReason = inject('pgSkipReason');

describe.skipIf(Boolean(skipReason))(`two instances on one PostgreSQL${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    one = await createCommsApp(passedIn, { database: shared.first });
    two = await createCommsApp(passedIn, { database: await shared.open() });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await shared?.drop();
  });

  it('relays a solve made through instance A to a stream on instance B, and both boards agree', async () => {
    const { client, team } = await playerWithTeam(one, 'Aiko', 'Team A');
    await startEvent(one);
    const screenOnTwo = await openStream(two, null);
    const screenOnOne = await openStream(one, null);
    const playerOnTwo = await openStream(two, client);

    const solved = await client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' });
    expect(solved.body).toMatchObject({ correct: true, awarded: 100 });
    for (const reader of [screenOnTwo, playerOnTwo]) {
      const solve = await reader.waitForEvent('solve', (d) => d.teamId === team.id);
      expect(JSON.parse(solve.data)).toMatchObject({ challengeId: 'alpha', taskId: 'status-code', awarded: 100, firstSolve: true });
    }
    // Each instance rebuilds its own snapshot from the notification; once both streams show
    // the new score, both HTTP boards must be the same.
    for (const reader of [screenOnOne, screenOnTwo]) {
      await reader.waitForEvent('scoreboard', (d) => d.teams.some((x: { id: number; score: number }) => x.id === team.id && x.score === 100));
    }

    const boardOne = await new Client(one.app).get('/api/scoreboard');
    const boardTwo = await new Client(two.app).get('/api/scoreboard');
    expect(boardTwo.body).toEqual(boardOne.body);
    expect(boardOne.body.teams[0]).toMatchObject({ id: team.id, score: 100, solvedTasks: 1 });
    await Promise.all([screenOnOne.close(), screenOnTwo.close(), playerOnTwo.close()]);
  });

  it('resumes a stream on the other instance from the Last-Event-ID the first one gave', async () => {
    const admin = await adminClient(one);
    const first = await openStream(one, null);
    await announce(admin, 'seen on one');
    await first.waitForEvent('announcement', (d) => d.text === 'seen on one');
    const lastEventId = first.lastEventId;
    await first.close();
    await announce(admin, 'missed 1');
    await announce(admin, 'missed 2');
    const resumed = await openStream(two, null, { lastEventId });
    await announce(admin, 'live on two');
    await resumed.waitForEvent('announcement', (d) => d.text === 'live on two');
    expect(resumed.named('announcement').map((e) => JSON.parse(e.data).text)).toEqual(['missed 1', 'missed 2', 'live on two']);
    await resumed.close();
  });

  it('resumes delivery without losing events after the LISTEN connections are killed', async () => {
    const admin = await adminClient(one);
    const { client } = await playerWithTeam(one, 'Ben', 'Team B');
    const stream = await openStream(two, null);
    await announce(admin, 'before the cut');
    await stream.waitForEvent('announcement', (d) => d.text === 'before the cut');

    const killed = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as pid from pg_stat_activity
      where query ilike 'LISTEN%' and datname = current_database() and pid <> pg_backend_pid()`.execute(one.ctx.db);
    expect(killed.rows.length).toBe(2);

    const texts = Array.from({ length: 10 }, (_, i) => `during and after the cut ${i}`);
    for (const text of texts) await announce(admin, text);
    await say(client, 'team chat is not for the screen');
    await announce(admin, 'all caught up');
    await stream.waitForEvent('announcement', (d) => d.text === 'all caught up', 20_000);
    const received = stream.named('announcement').map((e) => JSON.parse(e.data).text);
    expect(received).toEqual(['before the cut', ...texts, 'all caught up']);
    const ids = stream.named('announcement').map((e) => Number(e.id));
    expect(new Set(ids).size).toBe(ids.length);

    // Both instances listen again, each on a fresh connection.
    const listening = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where query ilike 'LISTEN%' and datname = current_database()`.execute(
          one.ctx.db,
        )
      ).rows[0]!.n;
    for (let i = 0; i < 100 && (await listening()) < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(await listening()).toBe(2);
    await stream.close();
  });
});
