import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseHandle } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import type { LoggedEvent } from './events.ts';
import { EVENT_CHANNEL } from './outbox.ts';

export type { LoggedEvent } from './events.ts';

export type BusListener = (event: LoggedEvent) => void;

const BATCH = 1000;
/** How long a hole in the id sequence may hold back later events (an uncommitted writer). */
const GAP_WAIT_MS = 1000;
/** The longest a skipped range is still watched, whatever the database says. */
const LATE_MAX_MS = 60_000;
/** At most this many skipped ranges are watched (the oldest is given up first). */
const MAX_LATE_RANGES = 32;
const POLL_MS = 1000;
/** How far below the newest id at start-up holes are still watched for. */
const RECENT_AT_START = 200;

/**
 * Ids skipped over while a writer may still commit them. Only transactions already running
 * when the range was skipped can: once the oldest running transaction is newer than every
 * one of those (snapshot xmin ≥ `xmax` below), the range is read one last time and dropped.
 * A range costs two query parameters whatever its size, so a reset or a sequence that
 * jumped by millions costs what a one-id hole does.
 */
interface LateRange {
  lo: number;
  hi: number;
  /** `pg_snapshot_xmax` when the range was skipped: every writer that may fill it is older. */
  xmax: bigint;
  deadline: number;
  /** Rows of the range already relayed. */
  found: Set<number>;
}

export interface BusStats {
  cursor: number;
  lateRanges: number;
  lateIds: number;
}

/**
 * Relays committed outbox rows to this instance's subscribers, in id order. A NOTIFY (from
 * any instance) only says "look"; the rows are read from the log, so a dropped LISTEN
 * connection loses nothing: on reconnect, and on a slow safety poll, it reads from its
 * cursor. Ids are allocated before commit, so a hole may be a transaction still running:
 * later rows wait for it briefly, then the hole is skipped and still watched (LateRange).
 */
export class EventBus {
  private cursor = 0;
  private readonly listeners = new Set<BusListener>();
  private late: LateRange[] = [];
  private gapSince: number | undefined;
  private fetching = false;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private stopped = false;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger: Logger,
  ) {}

  get db(): Kysely<Database> {
    return this.database.db;
  }

  /** The id of the newest event relayed so far. */
  get lastId(): number {
    return this.cursor;
  }

  stats(): BusStats {
    return { cursor: this.cursor, lateRanges: this.late.length, lateIds: this.late.reduce((n, r) => n + (r.hi - r.lo + 1), 0) };
  }

  async start(): Promise<void> {
    this.cursor = await this.latestLoggedId();
    // Transactions still running now may hold ids below the max: watch those holes.
    const recent = await this.db
      .selectFrom('event_log')
      .select('id')
      .where('id', '>', this.cursor - RECENT_AT_START)
      .orderBy('id')
      .execute();
    const xmax = await this.snapshotXmax();
    let previous = Math.max(0, this.cursor - RECENT_AT_START);
    for (const { id } of recent) {
      if (id > previous + 1) this.watch(previous + 1, id - 1, xmax, Date.now());
      previous = id;
    }
    this.unlisten = await this.database.listen(EVENT_CHANNEL, {
      onNotify: () => this.poke(),
      onReconnect: () => {
        this.logger.info('event bus reconnected; catching up from the log', { cursor: this.cursor });
        this.poke();
      },
    });
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.().catch(() => {});
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest id in the log, relayed or not (another instance may be ahead of this one). */
  async latestLoggedId(): Promise<number> {
    const row = await this.db
      .selectFrom('event_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0);
  }

  /** Reads logged events after `afterId` (for Last-Event-ID replay), oldest first. */
  async readSince(afterId: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .selectFrom('event_log')
      .selectAll()
      .where('id', '>', afterId)
      .where('id', '<=', this.cursor)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
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
      .catch((error: Error) => this.logger.warn('event bus read failed', { error: error.message }))
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
      const rows = await this.db
        .selectFrom('event_log')
        .selectAll()
        .where((eb) => eb.or([eb('id', '>', this.cursor), ...ranges.map((r) => eb.between('id', r.lo, r.hi))]))
        .orderBy('id')
        .limit(BATCH)
        .execute();
      const now = Date.now();
      let progressed = false;
      for (const row of rows) {
        if (row.id <= this.cursor) {
          const range = ranges.find((r) => r.lo <= row.id && row.id <= r.hi);
          if (range && !range.found.has(row.id)) {
            range.found.add(row.id);
            this.emit(toEvent(row));
          }
          continue;
        }
        if (row.id !== this.cursor + 1) {
          this.gapSince ??= now;
          if (now - this.gapSince < GAP_WAIT_MS) break;
          this.watch(this.cursor + 1, row.id - 1, await this.snapshotXmax(), now);
        }
        this.gapSince = undefined;
        this.cursor = row.id;
        progressed = true;
        this.emit(toEvent(row));
      }
      if (!progressed || rows.length < BATCH) break;
    }
    this.late = this.late.filter((r) => !settled.has(r) && r.deadline >= Date.now());
  }

  private watch(lo: number, hi: number, xmax: bigint, now: number): void {
    this.late.push({ lo, hi, xmax, deadline: now + LATE_MAX_MS, found: new Set() });
    if (this.late.length > MAX_LATE_RANGES) {
      const dropped = this.late.shift();
      this.logger.warn('event bus: too many skipped ranges; no longer watching the oldest', { lo: dropped?.lo, hi: dropped?.hi });
    }
  }

  private async settledRanges(): Promise<Set<LateRange>> {
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(this.db);
    const xmin = BigInt(rows[0]?.xmin ?? '0');
    return new Set(this.late.filter((r) => xmin >= r.xmax));
  }

  private async snapshotXmax(): Promise<bigint> {
    const { rows } = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(this.db);
    return BigInt(rows[0]?.xmax ?? '0');
  }

  private emit(event: LoggedEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error('event listener failed', { error: (error as Error).message, type: event.type });
      }
    }
  }
}

/** Rows are written only by the outbox from the typed union, so they read back as one. */
function toEvent(row: { id: number; type: string; scope: string; team_id: number | null; payload: unknown; created_at: Date }): LoggedEvent {
  return { id: Number(row.id), type: row.type, scope: row.scope, teamId: row.team_id, payload: row.payload, at: row.created_at } as LoggedEvent;
}
