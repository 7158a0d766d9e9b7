import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../../../server/db/open.ts';
import { migrateToLatest } from '../../../../server/db/migrate.ts';
import { PgCluster } from '../../../bench/lib/pg.ts';
import { Client, EVENT_CODE, adminClient, joinPlayer, type JsonResponse, type TestApp } from '../../../support/app.ts';
import type { Backend } from '../../../support/backends.ts';
import { teamOf } from '../engine/engine-support.ts';
import { createCommsApp, openStream } from '../realtime/helpers.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';
const STORES = '/api/challenges/alpha/tasks/pick-stores';
const reason = inject('pgSkipReason');
const unused: Backend = {
  name: 'postgres',
  open: () => Promise.reject(new Error('this suite brings its own PostgreSQL')),
};

/**
 * PostgreSQL stops in the middle of an event (`pg_ctl stop -m fast` on a cluster of this
 * suite's own) and comes back on the same port; the app keeps running throughout.
 */
describe.skipIf(Boolean(reason))(`the database going away mid-event [postgres]${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let cluster: PgCluster;
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    cluster = await PgCluster.create({ durable: false, maxConnections: 50 });
    const handle = await openDatabase({ databaseUrl: cluster.url });
    await migrateToLatest(handle.db);
    t = await createCommsApp(unused, { database: { handle, url: cluster.url, close: () => handle.close() } });
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { attemptsPerMinute: 1000 })).status).toBe(200);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await t?.database.close();
    cluster?.destroy();
  });

  it('serves reads from memory, refuses writes with 503 and Retry-After, and recovers by itself', async () => {
    const { members } = await teamOf(t, 'Steady', 2);
    const player = members[0]!;
    const loner = await joinPlayer(t, 'Loner');
    expect((await player.post(`${STATUS}/attempts`, { answer: '307' })).body).toMatchObject({ correct: true, alreadySolved: false });
    await expect.poll(async () => (await player.get('/api/scoreboard')).body.teams[0]?.score).toBe(100);
    const board = await player.get('/api/scoreboard');
    const stream = await openStream(t, null, { view: 'public' });
    const lastSeen = stream.lastEventId;

    cluster.stop('fast');

    const reads = [await player.get('/api/scoreboard'), await loner.get('/api/scoreboard'), await player.get('/api/event')];
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(reads[0]!.body).toEqual(board.body);
    const refused: [string, JsonResponse][] = [
      ['attempt', await player.post(`${STORES}/attempts`, { answer: ['ddb', 's3'] })],
      ['clue', await player.post(`${STORES}/clues/1`)],
      ['join', await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: 'Late', language: 'en' })],
      ['create team', await loner.post('/api/teams', { name: 'Latecomers' })],
      ['chat', await player.post('/api/team/chat', { text: 'anyone?' })],
      ['challenge list', await player.get('/api/challenges')],
      ['admin pause', await admin.post('/api/admin/event/pause')],
    ];
    for (const [what, res] of refused) {
      expect({ what, status: res.status, code: res.body?.error?.code }).toEqual({ what, status: 503, code: 'unavailable' });
      expect(Number(res.headers.get('retry-after')), what).toBeGreaterThan(0);
    }
    // Players keep trying to join meanwhile: that is not guessing the event code.
    for (let i = 0; i < 25; i++) {
      const res = await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: `Waiting ${i}`, language: 'en' });
      expect(res.status).toBe(503);
    }

    cluster.start();

    await expect.poll(async () => (await player.post(`${STORES}/attempts`, { answer: ['ddb', 's3'] })).status, { timeout: 15_000, interval: 200 }).toBe(200);
    expect((await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: 'Back', language: 'en' })).status).toBe(201);
    const isStores = (d: { taskId: string }) => d.taskId === 'pick-stores';
    await stream.waitForEvent('solve', isStores, 10_000);
    const replay = await openStream(t, null, { view: 'public', lastEventId: lastSeen });
    await replay.waitForEvent('solve', isStores, 10_000);
    await expect.poll(async () => (await player.get('/api/scoreboard')).body.teams[0]?.score, { timeout: 10_000 }).toBe(300);
    await stream.close();
    await replay.close();
  });
});
