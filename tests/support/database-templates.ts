import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

/**
 * Migrated databases to copy, made once per run by the global setup: creating an embedded
 * cluster costs about 1.5 s of CPU and migrating it 0.5 s, loading a copy about 0.5 s; on
 * PostgreSQL a database cloned from a migrated template needs no migration either. Every
 * suite still runs `migrateToLatest` on its copy, which finds nothing to do.
 */

/** Writes a migrated, empty PGlite data directory as a tar file; returns its path. */
export async function makePgliteSnapshot(): Promise<string> {
  const pglite = await PGlite.create({});
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  try {
    await migrateToLatest(db);
    const dump = await pglite.dumpDataDir('none');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jam-pglite-')), 'migrated.tar');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  } finally {
    await db.destroy();
  }
}

/** Creates and migrates a template database on the test server; returns its name. */
export async function makePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `jam_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Its own pool with a patient connect timeout: this runs while the cluster has just
  // started, on a machine that may be busy (the server's pool gives up after 3 s).
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1, connectionTimeoutMillis: 60_000 }) }),
  });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  return name;
}
