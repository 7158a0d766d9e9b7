import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
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

/**
 * Creates a database on the shared test server and returns its URL: empty, or a copy of
 * `template` (the run's migrated template, database-templates.ts).
 */
export async function createPostgresDatabase(serverUrl: string, template = ''): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `jam_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
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

/** The run's migrated PGlite copy (database-templates.ts), read once per test file. */
let snapshot: Blob | undefined;
function migratedPglite(): Blob | undefined {
  const file = inject('pgliteSnapshot');
  if (!file) return undefined;
  snapshot ??= new Blob([fs.readFileSync(file)]);
  return snapshot;
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: migratedPglite() });
    await migrateToLatest(handle.db);
    return { handle, url: undefined, close: () => handle.close() };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async open() {
    const created = await createPostgresDatabase(inject('pgUrl'), inject('pgTemplate'));
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
