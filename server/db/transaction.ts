import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.ts';
import { isRetryableTransactionError } from './errors.ts';

export type Trx = Transaction<Database>;
/** A connection or an open transaction: what repositories take first. */
export type Db = Kysely<Database> | Trx;

export interface TransactionOptions {
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  /**
   * Runs of `work` after a deadlock or serialization failure (each rolled back as a whole).
   * Lock order is what prevents those; this is the last resort. Default 3.
   */
  maxRuns?: number;
}

interface Open {
  hooks: (() => void)[];
  channels: Set<string>;
}

/** The open units of work (a transaction, or one connection in autocommit), by their Kysely instance. */
const open = new WeakMap<Db, Open>();

/**
 * Runs `work` in one transaction and, once it has committed, what it asked for with
 * `afterCommit` and `notifyAfterCommit` (never after a rollback). This is how the outbox
 * wakes every instance: it calls `notifyAfterCommit(trx, EVENT_CHANNEL)`, and `notify`
 * (db/open.ts) sends one NOTIFY for any number of commits.
 */
export async function runTransaction<T>(
  db: Kysely<Database>,
  notify: (channel: string) => void,
  work: (trx: Trx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const maxRuns = options.maxRuns ?? 3;
  for (let run = 1; ; run += 1) {
    const state: Open = { hooks: [], channels: new Set() };
    let result: T;
    try {
      const builder = options.isolation ? db.transaction().setIsolationLevel(options.isolation) : db.transaction();
      result = await builder.execute(async (trx) => {
        open.set(trx, state);
        return work(trx);
      });
    } catch (error) {
      if (run < maxRuns && isRetryableTransactionError(error)) continue;
      throw error;
    }
    for (const channel of state.channels) notify(channel);
    for (const hook of state.hooks) hook();
    return result;
  }
}

/**
 * Runs `work` on one pooled connection without a transaction: every statement commits by
 * itself, so use it only where each write is one statement that stands on its own (a batch
 * of wrong attempts and their events). Saves the round trips of begin and commit; the
 * hooks run once `work` has returned, after its last statement committed.
 */
export async function runAutocommit<T>(db: Kysely<Database>, notify: (channel: string) => void, work: (db: Db) => Promise<T>): Promise<T> {
  const state: Open = { hooks: [], channels: new Set() };
  const result = await db.connection().execute(async (conn) => {
    open.set(conn, state);
    return work(conn);
  });
  for (const channel of state.channels) notify(channel);
  for (const hook of state.hooks) hook();
  return result;
}

function stateOf(db: Db): Open {
  const state = open.get(db);
  if (!state) throw new Error('not inside database.transaction() or database.autocommit() (db/transaction.ts): after-commit hooks cannot run');
  return state;
}

/** Runs `hook` once the unit of work has committed (e.g. forget a cached session). */
export function afterCommit(db: Db, hook: () => void): void {
  stateOf(db).hooks.push(hook);
}

/** Sends one NOTIFY on `channel` once the unit of work has committed, however often it is asked. */
export function notifyAfterCommit(db: Db, channel: string): void {
  stateOf(db).channels.add(channel);
}
