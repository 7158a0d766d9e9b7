import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/** A range of ids, both ends included. */
export interface IdRange {
  lo: number;
  hi: number;
}

/** Reads rows with an id above `after` or inside one of `ranges`, by id, at most `limit`. */
export type IdTailRead<R extends { id: number }> = (after: number, ranges: readonly IdRange[], limit: number) => Promise<R[]>;

export interface IdTailOptions {
  /** Rows read at once. */
  batch: number;
  /** How long a hole in the id sequence may hold back later rows (an uncommitted writer). */
  gapWaitMs: number;
  /** The longest a skipped range is still watched, whatever the database says. */
  lateMaxMs: number;
  /** At most this many skipped ranges are watched (the oldest is given up first). */
  maxLateRanges: number;
}

const DEFAULTS: IdTailOptions = { batch: 1000, gapWaitMs: 1000, lateMaxMs: 60_000, maxLateRanges: 32 };

/**
 * Ids skipped over while a writer may still commit them. Only transactions already running
 * when the range was skipped can: once the oldest running transaction is newer than every
 * one of those (snapshot xmin ≥ `xmax` below), the range is read one last time and dropped.
 * A range costs two query parameters whatever its size, so a reset or a sequence that
 * jumped by millions costs what a one-id hole does.
 */
interface LateRange extends IdRange {
  /** `pg_snapshot_xmax` when the range was skipped: every writer that may fill it is older. */
  xmax: bigint;
  deadline: number;
  /** Rows of the range already emitted. */
  found: Set<number>;
}

export interface IdTailStats {
  cursor: number;
  lateRanges: number;
  lateIds: number;
}

/**
 * Follows a table whose ids come from a sequence, emitting each committed row once, in id
 * order as far as commits allow. Ids are allocated before commit, so a hole may be a
 * transaction still running: later rows wait for it briefly, then the hole is skipped and
 * still watched (LateRange), and a row that fills it later is emitted then. The event bus
 * follows `event_log` with it, the admin submissions feed `attempt`.
 */
export class IdTail<R extends { id: number }> {
  private cursor = 0;
  private late: LateRange[] = [];
  private gapSince: number | undefined;
  private fetching = false;
  private again = false;
  private stopped = false;
  private readonly options: IdTailOptions;

  constructor(
    private readonly db: () => Kysely<Database>,
    private readonly read: IdTailRead<R>,
    private readonly emit: (row: R) => void,
    private readonly logger: Logger,
    private readonly name: string,
    options: Partial<IdTailOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The id of the newest row emitted (or skipped to) so far. */
  get lastId(): number {
    return this.cursor;
  }

  stats(): IdTailStats {
    return { cursor: this.cursor, lateRanges: this.late.length, lateIds: this.late.reduce((n, r) => n + (r.hi - r.lo + 1), 0) };
  }

  /**
   * Starts after `latest` (nothing up to it is emitted), watching the holes among the ids in
   * (`from`, `latest`] that are not in `present`: transactions still running may fill them.
   */
  async startAfter(latest: number, from: number, present: readonly number[]): Promise<void> {
    this.cursor = latest;
    this.late = [];
    this.gapSince = undefined;
    this.stopped = false;
    const xmax = await this.snapshotXmax();
    let previous = Math.max(0, from);
    for (const id of [...present].sort((a, b) => a - b)) {
      if (id <= previous) continue;
      if (id > previous + 1) this.watch(previous + 1, id - 1, xmax, Date.now());
      previous = id;
    }
    if (latest > previous) this.watch(previous + 1, latest, xmax, Date.now());
  }

  stop(): void {
    this.stopped = true;
  }

  /** Asks for a read now; reads already under way are coalesced into one more. */
  poke(): void {
    if (this.stopped) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    this.fetching = true;
    void this.drain()
      .catch((error: Error) => this.logger.warn(`${this.name} read failed`, { error: error.message }))
      .finally(() => {
        this.fetching = false;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  private async drain(): Promise<void> {
    // Ranges whose possible writers have all finished are read once more below, then dropped.
    const settled = this.late.length > 0 ? await this.settledRanges() : new Set<LateRange>();
    for (;;) {
      const ranges = this.late;
      const rows = await this.read(this.cursor, ranges, this.options.batch);
      if (this.stopped) return;
      const now = Date.now();
      let progressed = false;
      for (const row of rows) {
        if (row.id <= this.cursor) {
          const range = ranges.find((r) => r.lo <= row.id && row.id <= r.hi);
          if (range && !range.found.has(row.id)) {
            range.found.add(row.id);
            this.emit(row);
          }
          continue;
        }
        if (row.id !== this.cursor + 1) {
          this.gapSince ??= now;
          if (now - this.gapSince < this.options.gapWaitMs) break;
          this.watch(this.cursor + 1, row.id - 1, await this.snapshotXmax(), now);
        }
        this.gapSince = undefined;
        this.cursor = row.id;
        progressed = true;
        this.emit(row);
      }
      if (!progressed || rows.length < this.options.batch) break;
    }
    this.late = this.late.filter((r) => !settled.has(r) && r.deadline >= Date.now());
  }

  private watch(lo: number, hi: number, xmax: bigint, now: number): void {
    this.late.push({ lo, hi, xmax, deadline: now + this.options.lateMaxMs, found: new Set() });
    if (this.late.length > this.options.maxLateRanges) {
      const dropped = this.late.shift();
      this.logger.warn(`${this.name}: too many skipped ranges; no longer watching the oldest`, { lo: dropped?.lo, hi: dropped?.hi });
    }
  }

  private async settledRanges(): Promise<Set<LateRange>> {
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(this.db());
    const xmin = BigInt(rows[0]?.xmin ?? '0');
    return new Set(this.late.filter((r) => xmin >= r.xmax));
  }

  private async snapshotXmax(): Promise<bigint> {
    const { rows } = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(this.db());
    return BigInt(rows[0]?.xmax ?? '0');
  }
}
