import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isConnectionError } from '../../../../server/db/errors.ts';
import { migrateToLatest } from '../../../../server/db/migrate.ts';
import { type DatabaseHandle, embeddedThreadOf, openDatabase } from '../../../../server/db/open.ts';
import { adminClient, Client, EVENT_CODE, type TestApp } from '../../../support/app.ts';
import type { Backend } from '../../../support/backends.ts';
import { teamOf } from '../engine/engine-support.ts';
import { createCommsApp } from '../realtime/helpers.ts';

const root = path.resolve(import.meta.dirname, '../../../..');
const STATUS = '/api/challenges/alpha/tasks/status-code';
const unused: Backend = { name: 'pglite', open: () => Promise.reject(new Error('this suite opens its own database')) };

/** The longest the event loop went without running a 10 ms timer, from now until `stop()`. */
function watchEventLoop(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

describe('the embedded database runs in its own thread [pglite]', () => {
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    handle = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(inject('pgliteSnapshot'))]) });
    await migrateToLatest(handle.db);
    t = await createCommsApp(unused, { database: { handle, url: undefined, close: () => handle.close() } });
  });
  afterAll(async () => {
    await t?.close();
    await handle?.close();
  });

  it('answers a request and keeps its timers running while a slow statement runs', async () => {
    const loop = watchEventLoop();
    let finished = false;
    const started = performance.now();
    const slow = sql`select pg_sleep(1)`.execute(t.ctx.db).then(() => {
      finished = true;
    });
    // On the main thread the sleep would hold this timer (and the request) until it ended.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const board = await new Client(t.app).get('/api/scoreboard');
    expect(board.status).toBe(200);
    expect(finished).toBe(false);
    await slow;
    const took = performance.now() - started;
    const longestPause = loop.stop();
    expect(took).toBeGreaterThanOrEqual(990);
    expect(longestPause).toBeLessThan(took / 2);
  });

  it("keeps PostgreSQL's error fields, and retries a serialization failure", async () => {
    const db = t.ctx.db;
    await sql`create table thread_probe (id int primary key, at timestamptz, data bytea, amount numeric, doc jsonb)`.execute(db);
    const at = new Date('2026-12-05T01:02:03.456Z');
    await sql`insert into thread_probe values (1, ${at}, ${new Uint8Array([1, 2, 255])}, 12.50, ${JSON.stringify({ a: [1] })})`.execute(db);
    const row = (await sql<Record<string, unknown>>`select *, count(*) over () as n from thread_probe`.execute(db)).rows[0];
    expect(row).toEqual({ id: 1, at, data: new Uint8Array([1, 2, 255]), amount: '12.50', doc: { a: [1] }, n: 1 });

    const duplicate = await sql`insert into thread_probe (id) values (1)`.execute(db).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Error);
    expect(duplicate).toMatchObject({
      code: '23505',
      constraint: 'thread_probe_pkey',
      table: 'thread_probe',
      detail: 'Key (id)=(1) already exists.',
      message: 'duplicate key value violates unique constraint "thread_probe_pkey"',
    });
    expect(await sql`select * from thread_probe where`.execute(db).catch((e: unknown) => e)).toMatchObject({ code: '42601', position: '33' });

    let runs = 0;
    const failing = t.ctx.database.transaction(async (trx) => {
      runs += 1;
      await sql`insert into thread_probe (id) values (${runs + 1})`.execute(trx);
      await sql`do $$ begin raise exception 'could not serialize access' using errcode = '40001'; end $$`.execute(trx);
    });
    await expect(failing).rejects.toMatchObject({ code: '40001' });
    expect(runs).toBe(3);
    expect((await sql<{ n: number }>`select count(*)::int as n from thread_probe`.execute(db)).rows[0]?.n).toBe(1);
  });

  it('lets the process exit with a database still open: an idle thread keeps nothing alive', () => {
    const script = [
      "import fs from 'node:fs';",
      "import { sql } from 'kysely';",
      "import { openDatabase } from './server/db/open.ts';",
      "const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(process.env.SNAPSHOT)]) });",
      'const { rows } = await sql`select count(*)::int as n from team`.execute(handle.db);',
      "console.log('teams', rows[0].n);",
    ].join('\n');
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, SNAPSHOT: inject('pgliteSnapshot') },
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect({ status: child.status, stdout: child.stdout.trim(), stderr: child.stderr.trim() }).toEqual({ status: 0, stdout: 'teams 0', stderr: '' });
  }, 90_000);
});

describe('a crash of the embedded database thread [pglite, on disk]', () => {
  let dir: string;
  let handle: DatabaseHandle;
  let t: TestApp;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-thread-'));
    handle = await openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    t = await createCommsApp(unused, { database: { handle, url: undefined, close: () => handle.close() } });
    const admin = await adminClient(t);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while the thread is down, restarts it on its directory, and keeps what was committed', async () => {
    const { members } = await teamOf(t, 'Steady', 1);
    expect((await members[0]!.post(`${STATUS}/attempts`, { answer: '307' })).body).toMatchObject({ correct: true });
    const thread = embeddedThreadOf(handle)!;

    await thread.crash();
    const refused = await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: 'Early', language: 'en' });
    expect({ status: refused.status, code: refused.body?.error?.code }).toEqual({ status: 503, code: 'unavailable' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    await expect
      .poll(async () => (await new Client(t.app).post('/api/join', { eventCode: EVENT_CODE, displayName: 'Back', language: 'en' })).status, {
        timeout: 30_000,
        interval: 200,
      })
      .toBe(201);
    const solves = await sql<{ n: number }>`select count(*)::int as n from solve`.execute(handle.db);
    expect(solves.rows[0]?.n).toBe(1);
  });

  it('never lets a transaction go on in the restarted thread: none of it commits', async () => {
    const thread = embeddedThreadOf(handle)!;
    await sql`create table crash_probe (id int primary key)`.execute(handle.db);
    const work = handle.transaction(async (trx) => {
      await sql`insert into crash_probe values (1)`.execute(trx);
      await thread.crash();
      await expect.poll(() => thread.running, { timeout: 30_000, interval: 100 }).toBe(true);
      await sql`insert into crash_probe values (2)`.execute(trx);
    });
    const error = await work.catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect((await sql<{ n: number }>`select count(*)::int as n from crash_probe`.execute(handle.db)).rows[0]?.n).toBe(0);
  });

  it('ends its thread on close: later calls fail as a lost connection', async () => {
    const thread = embeddedThreadOf(handle)!;
    await t.close();
    await handle.close();
    expect(thread.running).toBe(false);
    const error = await thread.query('select 1').catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
  });
});
