import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * The database check behind `GET /healthz`, answered from a success at most `maxAgeMs`
 * old; concurrent callers share one query. A probe polled by a load balancer (or a
 * benchmark) then costs one `select 1` a second instead of one per call, and a lost
 * database still shows within that second. Failures are never cached.
 */
export function cachedDatabaseCheck(db: Kysely<Database>, maxAgeMs = 1000): () => Promise<void> {
  let okAt = Number.NEGATIVE_INFINITY;
  let inflight: Promise<void> | undefined;
  return async () => {
    if (performance.now() - okAt < maxAgeMs) return;
    inflight ??= sql`select 1`
      .execute(db)
      .then(() => {
        okAt = performance.now();
      })
      .finally(() => {
        inflight = undefined;
      });
    await inflight;
  };
}
