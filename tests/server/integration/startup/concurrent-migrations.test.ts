import { describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../../../../server/db/open.ts';
import { migrateToLatest } from '../../../../server/db/migrate.ts';
import { migrations } from '../../../../migrations/index.ts';
import { createPostgresDatabase } from '../../../support/backends.ts';

const reason = inject('pgSkipReason');

describe.skipIf(Boolean(reason))(`migrations on one empty PostgreSQL${reason ? ` (skipped: ${reason})` : ''}`, () => {
  it('leave one schema when three instances migrate at the same moment', async () => {
    const created = await createPostgresDatabase(inject('pgUrl'));
    const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: created.url })));
    try {
      const applied = await Promise.all(handles.map((h) => migrateToLatest(h.db)));
      // Exactly one instance applied each migration; the others found nothing to do.
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(handles[0]!.db);
      expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
      const events = await handles[1]!.db.selectFrom('event').selectAll().execute();
      expect(events).toHaveLength(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await created.drop();
    }
  });
});
