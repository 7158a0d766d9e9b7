import { describe, expect, it } from 'vitest';
import { Migrator } from 'kysely';
import { openDatabase } from '../../../../server/db/open.ts';
import { migrateToLatest } from '../../../../server/db/migrate.ts';
import { migrations } from '../../../../migrations/index.ts';

/**
 * Branches name their migrations from their own time ranges, so a database may already have
 * run a newer-named migration when an older-named one lands (the order they reached main).
 * Starting the server then applies it rather than refusing to start.
 */
describe('migrations landing out of name order', () => {
  it('applies a migration that sorts before one the database already ran', async () => {
    const names = Object.keys(migrations).sort();
    expect(names.length).toBeGreaterThan(2);
    const late = names[names.length - 2] as string;
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== late));
      const first = await new Migrator({ db: handle.db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
      expect(first.error).toBeUndefined();
      expect(await migrateToLatest(handle.db)).toEqual([late]);
      expect(await migrateToLatest(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
