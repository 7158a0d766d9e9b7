import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../../server/db/transaction.ts';
import { adminClient, type Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/fair-play');

/**
 * An instance reloads its catalog after its own change and again when the change's event
 * comes back through the bus; the two loads may finish in either order. A load that read the
 * state from before the change must never overwrite the one that read it after: "open for
 * everyone" stayed locked on PostgreSQL until the next change.
 */
describeBackends('catalog loads that finish out of order', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: FIXTURES });
    admin = await adminClient(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the newer state when a load that read the older one finishes last', async () => {
    const catalog = t.services.challenges.catalog;
    expect(catalog.find('gated')?.openedAt).toBeNull();

    // A load reads the set before the opening and is held before it finishes.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let read!: () => void;
    const readDone = new Promise<void>((resolve) => {
      read = resolve;
    });
    const stale = catalog.load(async <T>(work: (db: Db) => Promise<T>) => {
      const rows = await t.ctx.database.transaction(work, { isolation: 'repeatable read' });
      read();
      await held;
      return rows;
    });
    await readDone;

    expect((await admin.post('/api/admin/challenges/gated/open')).status).toBe(200);
    expect(catalog.find('gated')?.openedAt).toBeInstanceOf(Date);

    release();
    await stale;
    expect(catalog.find('gated')?.openedAt).toBeInstanceOf(Date);
  });
});
