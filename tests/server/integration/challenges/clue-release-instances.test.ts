import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { Database } from '../../../../server/db/database.ts';
import type { Kysely } from 'kysely';
import { adminClient, type Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { type Backend, describeBackends, type TestDatabase } from '../../../support/backends.ts';
import { passedIn, sharedDatabase } from '../../../support/shared-postgres.ts';
import { teamOf } from '../engine/engine-support.ts';
import { openStream } from '../realtime/helpers.ts';
import { ENFORCED_FIXTURES, taskOf } from './fair-play-support.ts';

/** Moves the running event `minutes` into the past, as if it had started that much earlier while no instance ran. */
async function rewindEvent(db: Kysely<Database>, minutes: number): Promise<void> {
  await sql`update event set started_at = started_at - make_interval(mins => ${minutes}), ends_at = ends_at - make_interval(mins => ${minutes}), version = version + 1`.execute(
    db,
  );
}

const releaseRows = (db: Kysely<Database>) =>
  db.selectFrom('event_log').select(['id', 'payload']).where('type', '=', 'clue').where('scope', '=', 'public').orderBy('id').execute();

/**
 * A clue released by time holds across restarts: the clock in the database decides, so a
 * server that was down when the clue came due shows it free as soon as it is back, and tells
 * the teams once, late rather than never; a release already told is never told again.
 */
describeBackends('clue releases across a restart', (backend: Backend) => {
  let database: TestDatabase;
  let first: TestApp;
  let second: TestApp | undefined;
  let player: Client;

  beforeAll(async () => {
    database = await backend.open();
    first = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES, database });
    [player] = (await teamOf(first, 'Kumo', 1)).members as [Client];
    expect((await (await adminClient(first)).post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await second?.close();
    await database.close();
  });

  it('publishes a release that came due while the server was down once it is back, and only once', async () => {
    expect((await taskOf(player, 'count')).clues[0]).toMatchObject({ released: false });
    const seen = await first.ctx.db
      .selectFrom('event_log')
      .select((e) => e.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await first.close();
    await rewindEvent(database.handle.db, 31);
    second = await createTestApp(backend, { challengesDir: ENFORCED_FIXTURES, database });
    const back = player.withApp(second.app);
    expect((await taskOf(back, 'count')).clues[0]).toMatchObject({ released: true, unlocked: true, paid: false });
    // The restarted instance caught up while starting: one release, told once.
    expect(await releaseRows(database.handle.db)).toEqual([
      { id: expect.any(Number), payload: expect.objectContaining({ taskId: 'count', index: 1, released: true }) },
    ]);
    expect(await second.services.clueReleases.wake()).toBe(0);
    // A tab that was open before the restart catches up from its last event id.
    const stream = await openStream(second, back, { lastEventId: String(seen.id) });
    try {
      await stream.waitForEvent('clue', (d) => d.released === true && d.index === 1);
    } finally {
      await stream.close();
    }
  });
});

const skipReason = inject('pgSkipReason');

describe.skipIf(Boolean(skipReason))(`clue releases on two instances${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let one: TestApp;
  let two: TestApp;

  beforeAll(async () => {
    shared = await sharedDatabase();
    one = await createTestApp(passedIn, { challengesDir: ENFORCED_FIXTURES, database: shared.first });
    two = await createTestApp(passedIn, { challengesDir: ENFORCED_FIXTURES, database: await shared.open() });
    await teamOf(one, 'Kumo', 1);
    expect((await (await adminClient(one)).post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await shared?.drop();
  });

  it('tells every stream once when both instances wake for the same release at the same moment', async () => {
    const screenOnOne = await openStream(one, null);
    const screenOnTwo = await openStream(two, null);
    try {
      // The second instance hears of the start through the bus; its watch looks once then (nothing
      // is due yet). Waiting for that keeps its own wake-up out of the three counted below.
      await vi.waitFor(() => expect(two.services.events.current().clock.state).toBe('running'), { timeout: 10_000 });
      one.clock.advance(31 * 60_000);
      two.clock.advance(31 * 60_000);
      const published = await Promise.all([one.services.clueReleases.wake(), two.services.clueReleases.wake(), one.services.clueReleases.wake()]);
      expect(published.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await releaseRows(one.ctx.db)).toHaveLength(1);
      for (const reader of [screenOnOne, screenOnTwo]) {
        await reader.waitForEvent('clue', (d) => d.released === true);
        expect(reader.named('clue')).toHaveLength(1);
      }
    } finally {
      await Promise.all([screenOnOne.close(), screenOnTwo.close()]);
    }
  });
});
