import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import * as authRepository from '../features/auth/auth.repository.ts';

export type SessionRow = Awaited<ReturnType<typeof authRepository.findPlayersBySessions>>[number];

interface Waiting {
  resolve(row: SessionRow | undefined): void;
  reject(error: unknown): void;
}

/**
 * Player session reads of requests arriving together, answered by one query: lookups made
 * in the same turn of the event loop (and those queued while a query is out, up to `max`
 * of them) go to the database as one `id_hash in (...)`. Each caller gets exactly what its
 * own read would have returned, or its error.
 */
export class SessionLoader {
  private queue = new Map<string, Waiting[]>();
  private scheduled = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
    private readonly max = 500,
  ) {}

  load(idHash: string): Promise<SessionRow | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.queue.get(idHash);
      if (waiting) waiting.push({ resolve, reject });
      else this.queue.set(idHash, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.queue.size > 0) {
      const batch = new Map<string, Waiting[]>();
      for (const [hash, waiting] of this.queue) {
        if (batch.size >= this.max) break;
        batch.set(hash, waiting);
      }
      for (const hash of batch.keys()) this.queue.delete(hash);
      void this.read(batch);
    }
  }

  private async read(batch: Map<string, Waiting[]>): Promise<void> {
    try {
      const rows = await authRepository.findPlayersBySessions(this.db, [...batch.keys()], this.now());
      const byHash = new Map(rows.map((row) => [row.id_hash, row]));
      for (const [hash, waiting] of batch) for (const w of waiting) w.resolve(byHash.get(hash));
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  }
}
