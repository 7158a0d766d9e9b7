import path from 'node:path';
import fs from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database.ts';
import { lockDataDir } from './lock.ts';
import { PgliteThread } from './pglite-thread.ts';
import { prepareMarkedStatements } from './prepared.ts';
import { type Db, runAutocommit, runTransaction, type TransactionOptions, type Trx } from './transaction.ts';

// bigint (int8) and count(*) come back as strings from pg but numbers from PGlite: make
// both numbers. Ids and counts here stay far below 2^53.
pg.types.setTypeParser(20, (value) => Number(value));

/** Called for each notification on a channel; `reconnected` after the listener had to reconnect. */
export interface Listener {
  onNotify(payload: string): void;
  onReconnect?(): void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'pg' | 'pglite';
  /**
   * Runs `work` in a transaction with after-commit hooks (db/transaction.ts). Every
   * transaction that appends to the outbox must be opened here.
   */
  transaction<T>(work: (trx: Trx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs `work` on one connection, each statement committing by itself (db/transaction.ts). */
  autocommit<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /** Wakes every listener of `channel` (on every instance); coalesced while one is on its way. */
  notify(channel: string): void;
  /** Subscribes to a NOTIFY channel; resolves once listening. Returns an unsubscribe. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Embedded database directory; `memory://` for an in-memory database (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * An in-memory embedded database starts as this copy of another (`PGlite.dumpDataDir`)
   * instead of an empty cluster: the tests start each database from one migrated copy,
   * which is a fraction of the cost of creating a cluster and migrating it.
   */
  loadDataDir?: Blob | undefined;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? './data', options);
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<DatabaseHandle> {
  const inMemory = dataDir === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const pgliteDir = inMemory ? undefined : path.join(dataDir, 'pglite');
    if (pgliteDir) fs.mkdirSync(pgliteDir, { recursive: true });
    // In a worker thread: PGlite runs each statement synchronously, and on this thread a
    // request that needs no database (the scoreboard) waited behind every queued write.
    const thread = await PgliteThread.start({ dataDir: pgliteDir, loadDataDir: options.loadDataDir, log: options.log });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(thread.asPglite()) });
    // One process owns an embedded database, so its notifications never leave this process.
    const listeners = new Map<string, Set<Listener>>();
    const notify = (channel: string) => {
      for (const listener of listeners.get(channel) ?? []) setImmediate(() => listener.onNotify(''));
    };
    const handle: DatabaseHandle = {
      db,
      kind: 'pglite',
      transaction: (work, options) => runTransaction(db, notify, work, options),
      autocommit: (work) => runAutocommit(db, notify, work),
      notify,
      async listen(channel, listener) {
        const set = listeners.get(channel) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(channel, set);
        return async () => {
          set.delete(listener);
        };
      },
      async close() {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
    threads.set(handle, thread);
    return handle;
  } catch (error) {
    release();
    throw error;
  }
}

const threads = new WeakMap<DatabaseHandle, PgliteThread>();

/** The thread running an embedded database (tests end it to see a crash handled). */
export function embeddedThreadOf(handle: DatabaseHandle): PgliteThread | undefined {
  return threads.get(handle);
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => log('database pool client error', { error: error.message }));
  // Nor one that is checked out (mid-transaction): pg-pool listens only while a client is
  // idle, and an 'error' event with no listener is an uncaught exception. The failed query
  // rejects as usual (503), and the pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => log('database connection lost', { error: error.message }));
    prepareMarkedStatements(client);
  });
  const notify = coalescedNotify(pool, log);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<PgListener>();
  return {
    db,
    kind: 'pg',
    transaction: (work, options) => runTransaction(db, notify, work, options),
    autocommit: (work) => runAutocommit(db, notify, work),
    notify,
    async listen(channel, listener) {
      const l = new PgListener(url, channel, listener, log);
      listeners.add(l);
      await l.start();
      return async () => {
        listeners.delete(l);
        await l.stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((l) => l.stop()));
      await db.destroy();
    },
  };
}

/**
 * One NOTIFY (empty payload: listeners read the log from their cursor) for any number of
 * commits: while one is on its way, further calls just ask for one more after it. Sent
 * outside the writing transaction, because a NOTIFY inside one takes a database-wide lock
 * at commit and holds it through the WAL flush (every writer then commits one at a time),
 * and with asynchronous commit, as a lost notification only costs the listeners' safety poll.
 */
function coalescedNotify(pool: pg.Pool, log: (message: string, fields?: Record<string, unknown>) => void): (channel: string) => void {
  const state = new Map<string, { sending: boolean; again: boolean }>();
  const send = (channel: string): void => {
    let s = state.get(channel);
    if (!s) {
      s = { sending: false, again: false };
      state.set(channel, s);
    }
    if (s.sending) {
      s.again = true;
      return;
    }
    s.sending = true;
    const current = s;
    pool
      .query(`begin; set local synchronous_commit = off; select pg_notify(${pg.escapeLiteral(channel)}, ''); commit`)
      .catch((error: Error) => log('event notify failed', { channel, error: error.message }))
      .finally(() => {
        current.sending = false;
        if (current.again) {
          current.again = false;
          send(channel);
        }
      });
  };
  return send;
}

/**
 * LISTEN needs a dedicated connection (a pooled one could be handed to someone else).
 * When it drops it reconnects with backoff and tells the listener, which catches up from
 * the event log.
 */
class PgListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private attempt = 0;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly listener: Listener,
    private readonly log: (message: string, fields?: Record<string, unknown>) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3000 });
    client.on('error', (error) => {
      this.log('listen connection error', { error: error.message });
    });
    client.on('end', () => {
      if (this.client === client) this.client = undefined;
      if (!this.stopped) this.scheduleReconnect();
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.listener.onNotify(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
    const wasReconnect = this.attempt > 0;
    this.attempt = 0;
    if (wasReconnect) this.listener.onReconnect?.();
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || this.stopped) return;
    this.attempt += 1;
    const delay = Math.min(2000, 100 * 2 ** Math.min(this.attempt, 5));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((error: Error) => {
        this.log('listen reconnect failed', { error: error.message, attempt: this.attempt });
        this.scheduleReconnect();
      });
    }, delay);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => {});
  }
}
