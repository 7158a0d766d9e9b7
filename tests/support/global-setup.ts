import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { makePgliteSnapshot, makePostgresTemplate } from './database-templates.ts';
import { findPgBin, startCluster, type Cluster } from './postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL server URL for integration suites, or '' with `pgSkipReason` set. */
    pgUrl: string;
    pgSkipReason: string;
    /** The migrated database each PostgreSQL test database is cloned from ('' when none). */
    pgTemplate: string;
    /** A migrated PGlite data directory (tar) each embedded test database starts from. */
    pgliteSnapshot: string;
    /** Chromium for browser tests, or '' with `browserSkipReason` set. */
    chromiumPath: string;
    browserSkipReason: string;
  }
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Starts what the suites need once per run: a throwaway PostgreSQL (or TEST_DATABASE_URL)
 * and finds Chromium. Missing pieces are skipped with a printed reason, or fail the run
 * when JAM_REQUIRE_PG / JAM_REQUIRE_BROWSER is set.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  let cluster: Cluster | undefined;
  let pgUrl = process.env.TEST_DATABASE_URL ?? '';
  let pgSkipReason = '';
  if (!pgUrl) {
    if (!findPgBin()) {
      pgSkipReason = 'PostgreSQL not installed (apt-get install postgresql); real-PostgreSQL suites skipped';
    } else {
      cluster = await startCluster();
      pgUrl = cluster.url;
    }
  }
  if (pgSkipReason) {
    if (process.env.JAM_REQUIRE_PG === '1') throw new Error(`JAM_REQUIRE_PG=1 but ${pgSkipReason}`);
    console.warn(`\n[jam] SKIPPED: ${pgSkipReason}\n`);
  } else {
    console.log(`[jam] integration suites run on PGlite and on PostgreSQL (${cluster ? 'throwaway cluster' : 'TEST_DATABASE_URL'})`);
  }

  // Migrated copies, made once here instead of once per suite (database-templates.ts).
  const [pgliteSnapshot, pgTemplate] = await Promise.all([makePgliteSnapshot(), pgUrl ? makePostgresTemplate(pgUrl) : Promise.resolve('')]);

  let browserSkipReason = '';
  if (!fs.existsSync(CHROMIUM)) {
    browserSkipReason = `Chromium not found at ${CHROMIUM} (apt-get install chromium); browser tests skipped`;
    if (process.env.JAM_REQUIRE_BROWSER === '1') throw new Error(`JAM_REQUIRE_BROWSER=1 but ${browserSkipReason}`);
    console.warn(`\n[jam] SKIPPED: ${browserSkipReason}\n`);
  }

  project.provide('pgUrl', pgUrl);
  project.provide('pgSkipReason', pgSkipReason);
  project.provide('pgTemplate', pgTemplate);
  project.provide('pgliteSnapshot', pgliteSnapshot);
  project.provide('chromiumPath', browserSkipReason ? '' : CHROMIUM);
  project.provide('browserSkipReason', browserSkipReason);
  return async () => {
    fs.rmSync(path.dirname(pgliteSnapshot), { recursive: true, force: true });
    await cluster?.stop();
  };
}
