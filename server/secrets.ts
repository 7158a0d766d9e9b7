import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/database.ts';
import { newCode } from './features/auth/tokens.ts';

export interface Secrets {
  adminToken: string;
  eventCode: string;
  /** Derives lab flags and presigned URLs; shared by every instance through the database. */
  labSecret: string;
  /** True when this start generated the admin token or event code (print them in full). */
  generated: { adminToken: boolean; eventCode: boolean };
}

/**
 * Loads or creates the event's secrets. They live in the database so every instance on one
 * PostgreSQL agrees; the admin token is also written to DATA_DIR/admin-token (0600) so an
 * operator can find it after the first start. Explicit ADMIN_TOKEN / EVENT_CODE win.
 */
export async function ensureSecrets(
  db: Kysely<Database>,
  options: { adminToken?: string | undefined; eventCode?: string | undefined; dataDir: string },
): Promise<Secrets> {
  const generated = { adminToken: false, eventCode: false };
  const adminToken = await getOrCreate(db, 'admin_token', options.adminToken, () => {
    generated.adminToken = true;
    return randomBytes(24).toString('base64url');
  });
  const eventCode = await getOrCreate(db, 'event_code', options.eventCode, () => {
    generated.eventCode = true;
    return newCode(6);
  });
  const labSecret = await getOrCreate(db, 'lab_secret', undefined, () => randomBytes(32).toString('hex'));
  if (generated.adminToken) {
    try {
      fs.mkdirSync(options.dataDir, { recursive: true });
      fs.writeFileSync(path.join(options.dataDir, 'admin-token'), `${adminToken}\n`, { mode: 0o600 });
    } catch {
      // The database copy is the source of truth; the file is a convenience.
    }
  }
  return { adminToken, eventCode, labSecret, generated };
}

async function getOrCreate(db: Kysely<Database>, name: string, explicit: string | undefined, make: () => string): Promise<string> {
  if (explicit) {
    await db
      .insertInto('app_secret')
      .values({ name, value: explicit })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: explicit }))
      .execute();
    return explicit;
  }
  const existing = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirst();
  if (existing) return existing.value;
  // Two instances starting at once: the first insert wins and both read it back.
  await db
    .insertInto('app_secret')
    .values({ name, value: make() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('app_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
