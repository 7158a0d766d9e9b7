import { randomBytes } from 'node:crypto';
import { describe, inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../server/db/open.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export type BackendName = 'pglite' | 'postgres';

export interface Backend {
  name: BackendName;
  /** A fresh, migrated database for one test file. */
  open(): Promise<TestDatabase>;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  /** The connection URL (postgres only), for a second instance on the same database. */
  url: string | undefined;
  close(): Promise<void>;
}

/** Creates an empty database on the shared test server and returns its URL. */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jam_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { handle, url: undefined, close: () => handle.close() };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const created = await createPostgresDatabase(inject('pgUrl'));
    const handle = await openDatabase({ databaseUrl: created.url });
    await migrateToLatest(handle.db);
    return {
      handle,
      url: created.url,
      async close() {
        await handle.close();
        await created.drop();
      },
    };
  },
};

/**
 * Runs an integration suite on each backend: embedded PGlite and real PostgreSQL. When
 * PostgreSQL is unavailable (and not required) that half is skipped with the reason in
 * its name, so the run's output says what did not run.
 */
export function describeBackends(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} [pglite]`, () => suite(pglite));
  const reason = inject('pgSkipReason');
  describe.skipIf(Boolean(reason))(`${title} [postgres]${reason ? ` (skipped: ${reason})` : ''}`, () => suite(postgres));
}
