import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';

/** What the worker starts from: a data directory, or an in-memory copy of a dump, or an empty cluster. */
export interface ThreadStart {
  dataDir?: string | undefined;
  loadDataDir?: Blob | undefined;
}

/** PGlite's compiled WebAssembly and file bundle, made once per process and shared by every thread. */
export interface Artifacts {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
  fsBundle: Blob;
}

export type ToThread = { id: number; op: 'query'; text: string; params: unknown[] } | { id: number; op: 'close' };

/** PostgreSQL's error fields (code, detail, constraint, position…), as plain values. */
export interface SerializedError {
  name: string;
  message: string;
  [field: string]: string | number | boolean;
}

export type FromThread = { kind: 'ready' } | { kind: 'result'; id: number; result: unknown } | { kind: 'error'; id: number; error: SerializedError };

/** What `query` answers, as PGlite's own `query` does (what the Kysely dialect reads). */
export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}

export interface PgliteThreadOptions extends ThreadStart {
  log?: (message: string, fields?: Record<string, unknown>) => void;
  /** Delay before the first restart after a crash (doubles while restarts fail, up to 5 s). */
  restartDelayMs?: number;
}

/** A connection failure as `isConnectionError` (db/errors.ts) reads it: the request gets 503. */
class EmbeddedDatabaseUnavailable extends Error {
  readonly code = '08006';
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

// The worker is TypeScript. Node 24 strips its types itself; Node 20 applies no loader hooks
// (`--import tsx`) to worker threads, so there the thread registers tsx before importing it.
const WORKER_FILE = JSON.stringify(new URL('./pglite.worker.ts', import.meta.url).href);
const BOOTSTRAP = (process.features as { typescript?: string | false }).typescript
  ? `await import(${WORKER_FILE});`
  : `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${WORKER_FILE});`;

/**
 * PGlite in a worker thread. PGlite runs each statement synchronously, so on the main thread
 * a read that needed no database at all waited behind every queued write; here only the
 * worker waits. Offers what kysely-pglite-dialect calls: `query` and `close`.
 *
 * The thread is unref'd while no call is pending: an open database never keeps the process
 * alive, and a pending call does. If the thread dies, pending and new calls fail as a lost
 * connection (503); a database on disk then restarts on its own directory (with backoff),
 * while an in-memory one stays down (its contents died with the thread).
 */
export class PgliteThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;
  private down: Error | undefined;
  /** Counts the threads started; a transaction belongs to the one it began on. */
  private generation = 0;
  private transactionGeneration: number | undefined;
  private restartDelay: number;
  private restartTimer: NodeJS.Timeout | undefined;
  /** A restart under way (close() waits for it, then closes what it started). */
  private restarting: Promise<void> | undefined;

  private constructor(private readonly options: PgliteThreadOptions) {
    this.restartDelay = options.restartDelayMs ?? 250;
  }

  static async start(options: PgliteThreadOptions): Promise<PgliteThread> {
    const thread = new PgliteThread(options);
    await thread.spawn();
    return thread;
  }

  private async spawn(): Promise<void> {
    const start: ThreadStart & Artifacts = {
      dataDir: this.options.dataDir,
      loadDataDir: this.options.dataDir ? undefined : this.options.loadDataDir,
      ...(await artifacts()),
    };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: start });
    this.generation += 1;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      let failure: Error | undefined;
      worker.on('message', (message: FromThread) => {
        if (message.kind === 'ready') {
          ready = true;
          this.worker = worker;
          this.down = undefined;
          if (this.pending.size === 0) worker.unref();
          resolve();
          return;
        }
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (this.pending.size === 0) worker.unref();
        if (message.kind === 'result') call.resolve(message.result);
        else call.reject(deserializeError(message.error));
      });
      worker.on('error', (error) => {
        failure = error;
      });
      worker.on('exit', (code) => {
        if (!ready) {
          reject(failure ?? new Error(`the embedded database thread exited with code ${code} before it was ready`));
          return;
        }
        this.stopped(worker, failure ?? new Error(`exit code ${code}`));
      });
    });
  }

  /** The thread ended: expected after close(), a crash otherwise. */
  private stopped(worker: Worker, cause: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const lost = new EmbeddedDatabaseUnavailable(
      this.closing ? 'the embedded database is closed' : `the embedded database stopped (its thread ended: ${cause.message})`,
    );
    this.down = lost;
    for (const call of this.pending.values()) call.reject(lost);
    this.pending.clear();
    if (this.closing) return;
    const log = this.options.log ?? (() => {});
    if (!this.options.dataDir) {
      log('embedded database lost: its thread ended and an in-memory database cannot be restarted', { error: cause.message });
      return;
    }
    log('embedded database thread ended; restarting it', { error: cause.message, inMs: this.restartDelay });
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.closing) return;
      this.restarting = this.spawn().then(
        () => {
          this.restartDelay = this.options.restartDelayMs ?? 250;
          this.options.log?.('embedded database thread restarted');
        },
        (error: Error) => {
          this.restartDelay = Math.min(5000, this.restartDelay * 2);
          this.options.log?.('embedded database restart failed', { error: error.message, retryInMs: this.restartDelay });
          if (!this.closing) this.scheduleRestart();
        },
      );
    }, this.restartDelay);
    this.restartTimer.unref();
  }

  private call(message: { op: 'query'; text: string; params: unknown[] } | { op: 'close' }): Promise<unknown> {
    const worker = this.worker;
    if (!worker) return Promise.reject(this.down ?? new EmbeddedDatabaseUnavailable('the embedded database is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        worker.postMessage({ ...message, id } as ToThread);
      } catch (error) {
        // A parameter that cannot be cloned (a function, a class with private state).
        reject(error as Error);
        return;
      }
      if (this.pending.size === 0) worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  async query(text: string, params: unknown[] = []): Promise<QueryResult> {
    // The dialect opens and ends transactions with these exact statements. One that began
    // on a thread that has since died cannot go on on its successor: its later statements
    // would run outside any transaction, and commit by themselves.
    const begins = text === 'begin' || text.startsWith('start transaction');
    const ends = text === 'commit' || text === 'rollback';
    if (this.transactionGeneration !== undefined && this.transactionGeneration !== this.generation) {
      if (ends) this.transactionGeneration = undefined;
      if (text === 'rollback') return { rows: [], fields: [] };
      throw this.down ?? new EmbeddedDatabaseUnavailable('the embedded database restarted during this transaction');
    }
    const result = (await this.call({ op: 'query', text, params })) as QueryResult;
    if (begins) this.transactionGeneration = this.generation;
    if (ends) this.transactionGeneration = undefined;
    return result;
  }

  /** Closes the database and waits for its thread to end. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await this.restarting;
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    try {
      await this.call({ op: 'close' });
    } catch {
      // It died meanwhile: nothing left to close.
    }
    // A thread that does not end by itself after closing its database is ended here.
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** True while a thread is up and answering. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the thread at once, as a crash would (tests: recovery and 503s). */
  async crash(): Promise<void> {
    await this.worker?.terminate();
  }

  /** The client kysely-pglite-dialect takes: it calls only `query` and `close`. */
  asPglite(): PGlite {
    return { query: (text: string, params?: unknown[]) => this.query(text, params), close: () => this.close() } as unknown as PGlite;
  }
}

let shared: Promise<Artifacts> | undefined;

/**
 * In one thread PGlite compiles its WebAssembly once for all its instances; each worker
 * would compile its own (~0.5 s of CPU and tens of MB of code per database). A compiled
 * module posted to a worker shares its code.
 */
function artifacts(): Promise<Artifacts> {
  shared ??= (async () => {
    const dist = new URL('./', import.meta.resolve('@electric-sql/pglite'));
    const [pglite, initdb, bundle] = await Promise.all(['pglite.wasm', 'initdb.wasm', 'pglite.data'].map((name) => fs.readFile(new URL(name, dist))));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([WebAssembly.compile(pglite!), WebAssembly.compile(initdb!)]);
    return { pgliteWasmModule, initdbWasmModule, fsBundle: new Blob([bundle!]) };
  })();
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}

function deserializeError(fields: SerializedError): Error {
  const error = new Error(fields.message);
  Object.assign(error, fields);
  return error;
}
