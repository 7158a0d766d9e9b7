import { inject } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/open.ts';
import { type Backend, createPostgresDatabase, type TestDatabase } from './backends.ts';

/** Several instances on one PostgreSQL database: each `open()` is another instance's connection. */
export interface SharedDatabase {
  first: TestDatabase;
  open(): Promise<TestDatabase>;
  drop(): Promise<void>;
}

export async function sharedDatabase(): Promise<SharedDatabase> {
  const created = await createPostgresDatabase(inject('pgUrl'), inject('pgTemplate'));
  const handles: TestDatabase[] = [];
  const open = async () => {
    const handle = await openDatabase({ databaseUrl: created.url });
    const db: TestDatabase = { handle, url: created.url, close: () => handle.close() };
    handles.push(db);
    return db;
  };
  const first = await open();
  await migrateToLatest(first.handle.db);
  return {
    first,
    open,
    async drop() {
      await Promise.all(handles.map((h) => h.close().catch(() => {})));
      await created.drop();
    },
  };
}

/** For createTestApp when the database is passed in. */
export const passedIn: Backend = {
  name: 'postgres',
  open: () => Promise.reject(new Error('the database is passed in')),
};
