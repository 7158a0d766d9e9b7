import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { migrations } from '../../migrations/index.ts';
// Any fixed number: instances starting together on one PostgreSQL queue on it.
const MIGRATION_LOCK = 4_717_171;

/**
 * Applies every pending migration. A session-level advisory lock around the whole run
 * (not only Kysely's own transaction lock) also serialises the creation of the migration
 * bookkeeping tables, so two instances starting at once end with one schema.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const migrator = new Migrator({
        db: conn,
        provider: { getMigrations: async () => migrations },
        // Branches developed side by side each name migrations from their own time range, so
        // one that lands later may sort before one a database already ran; each is
        // independent, so it applies in turn rather than refusing to start.
        allowUnorderedMigrations: true,
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error');
        const name = failed ? ` (${failed.migrationName})` : '';
        throw new Error(`migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
