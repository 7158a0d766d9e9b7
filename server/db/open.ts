import path from 'node:path';
import fs from 'node:fs';
import { Kysely, PostgresDialect, type CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database.ts';
import { lockDataDir } from './lock.ts';

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
  /** Subscribes to a NOTIFY channel; resolves once listening. Returns an unsubscribe. */
  listen(channel: string, listener: Listener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Embedded database directory; `memory://` for an in-memory database (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openPglite(options.dataDir ?? './data', options);
}

async function openPglite(dataDir: string, _options: OpenOptions): Promise<DatabaseHandle> {
  const inMemory = dataDir === 'memory://';
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    const pgliteDir = inMemory ? undefined : path.join(dataDir, 'pglite');
    if (pgliteDir) fs.mkdirSync(pgliteDir, { recursive: true });
    const pglite = await PGlite.create(pgliteDir ? { dataDir: pgliteDir } : {});
    const db = new Kysely<Database>({ dialect: new PGliteDialect(yieldingClient(pglite)) });
    return {
      db,
      kind: 'pglite',
      async listen(channel, listener) {
        const unsubscribe = await pglite.listen(channel, (payload) => listener.onNotify(payload));
        return unsubscribe;
      },
      async close() {
        try {
          await db.destroy();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite runs each query synchronously on this thread, and back-to-back queries chain
 * through promise continuations (microtasks), which never let the event loop read a
 * socket: under a steady trickle of solves, requests that need no database at all (the
 * scoreboard) waited seconds. Once queries have held the thread for `sliceMs`, the next
 * one waits a macrotask turn so I/O gets in (a turn before every query cost 4× the writes).
 */
function yieldingClient(pglite: PGlite, sliceMs = 4): PGlite {
  let since = performance.now();
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const client = {
    query: async (text: string, params?: unknown[]) => {
      if (performance.now() - since > sliceMs) {
        await turn();
        since = performance.now();
      }
      return pglite.query(text, params);
    },
    close: () => pglite.close(),
  };
  return client as unknown as PGlite;
}

async function openPostgres(url: string, options: OpenOptions): Promise<DatabaseHandle> {
  const log = options.log ?? (() => {});
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 30_000,
    // This pool announces its event_log commits itself (below), so the trigger stays quiet.
    options: '-c jam.notify_after_commit=on',
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => log('database pool client error', { error: error.message }));
  // Nor one that is checked out (mid-transaction): pg-pool listens only while a client is
  // idle, and an 'error' event with no listener is an uncaught exception. The failed query
  // rejects as usual (503), and the pool drops the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (error) => log('database connection lost', { error: error.message }));
  });
  const announce = coalescedNotify(pool, log);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool, onCreateConnection: async (connection) => announceEventCommits(connection, announce) }),
  });
  const listeners = new Set<PgListener>();
  return {
    db,
    kind: 'pg',
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

/** The channel the outbox announces on; the event_log trigger of the migrations uses it too. */
const EVENT_LOG_CHANNEL = 'jam_event_log';
const EVENT_LOG_INSERT = /\binsert\s+into\s+"?event_log"?[\s(]/i;

/**
 * Calls `announce` once a statement that appended to event_log is durable: after the
 * commit of its transaction (never after a rollback), or at once outside a transaction.
 * Kysely runs begin/commit/rollback as plain queries on the connection, so watching them
 * here covers every service without each one remembering to notify.
 */
function announceEventCommits(connection: DatabaseConnection, announce: () => void): void {
  const execute = connection.executeQuery.bind(connection);
  let inTransaction = false;
  let appended = false;
  const executeQuery: DatabaseConnection['executeQuery'] = async <R>(query: CompiledQuery) => {
    const text = query.sql;
    let result: QueryResult<R>;
    try {
      result = await execute<R>(query);
    } catch (error) {
      // A failed commit or rollback still ends the transaction; nothing was announced.
      if (text === 'commit' || text === 'rollback') inTransaction = appended = false;
      throw error;
    }
    if (text === 'begin' || text.startsWith('start transaction')) {
      inTransaction = true;
      appended = false;
    } else if (text === 'commit' || text === 'rollback') {
      const committed = text === 'commit' && appended;
      inTransaction = false;
      appended = false;
      if (committed) announce();
    } else if (EVENT_LOG_INSERT.test(text)) {
      if (inTransaction) appended = true;
      else announce();
    }
    return result;
  };
  connection.executeQuery = executeQuery;
}

/**
 * One NOTIFY (empty payload: listeners read the log from their cursor) for any number of
 * commits: while one is on its way, further calls just ask for one more after it. Sent
 * with asynchronous commit, as a lost notification only costs the listeners' safety poll.
 */
function coalescedNotify(pool: pg.Pool, log: (message: string, fields?: Record<string, unknown>) => void): () => void {
  let sending = false;
  let again = false;
  const send = (): void => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    pool
      .query(`begin; set local synchronous_commit = off; select pg_notify('${EVENT_LOG_CHANNEL}', ''); commit`)
      .catch((error: Error) => log('event notify failed', { error: error.message }))
      .finally(() => {
        sending = false;
        if (again) {
          again = false;
          send();
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
