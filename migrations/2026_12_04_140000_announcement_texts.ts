import type { Kysely } from 'kysely';

// Frozen in time: this migration never imports app code.
//
// An announcement may carry one text per language (English and Japanese), so each reader and
// the screen see it in their own; `text` stays the one shown when a language is missing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('announcement').addColumn('texts', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('announcement').dropColumn('texts').execute();
}
