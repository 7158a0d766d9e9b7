import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseHandle } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import type { OutboxEventType } from './events.ts';

export const NOTIFY_CHANNEL = 'jam_event_log';

/** An outbox row as every instance sees it, in id order. */
export interface LoggedEvent {
  id: number;
  type: OutboxEventType;
  scope: 'public' | 'team' | 'admin';
  teamId: number | null;
  payload: unknown;
  at: Date;
}

export type BusListener = (event: LoggedEvent) => void;

const BATCH = 1000;
/** How long a hole in the id sequence may hold back later events (an uncommitted writer). */
const GAP_WAIT_MS = 1000;
/** How long a skipped id is still looked for (a writer that committed very late). */
const LATE_WAIT_MS = 15_000;
const POLL_MS = 1000;
/** How far below the newest id at start-up holes are still watched for. */
const RECENT_AT_START = 200;

/**
 * Relays committed outbox rows to this instance's subscribers, in id order. A NOTIFY (from
 * any instance) only says "look"; the rows are read from the log, so a dropped LISTEN
 * connection loses nothing: on reconnect, and on a slow safety poll, it reads from its
 * cursor. Ids are allocated before commit, so a hole may be a transaction still running:
 * later rows wait for it briefly, then the hole is skipped and still watched for a while.
 */
export class EventBus {
  private cursor = 0;
  private readonly listeners = new Set<BusListener>();
  private readonly late = new Map<number, number>();
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

  async start(): Promise<void> {
    const row = await this.db
      .selectFrom('event_log')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    this.cursor = Number(row?.max ?? 0);
    // Transactions still running now hold ids below the max: watch for them like late rows.
    const recent = await this.db
      .selectFrom('event_log')
      .select('id')
      .where('id', '>', this.cursor - RECENT_AT_START)
      .execute();
    const seen = new Set(recent.map((r) => r.id));
    const deadline = Date.now() + LATE_WAIT_MS;
    for (let id = Math.max(1, this.cursor - RECENT_AT_START + 1); id < this.cursor; id += 1) if (!seen.has(id)) this.late.set(id, deadline);
    this.unlisten = await this.database.listen(NOTIFY_CHANNEL, {
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
    for (;;) {
      const lateIds = [...this.late.keys()];
      let query = this.db.selectFrom('event_log').selectAll().orderBy('id').limit(BATCH);
      query = lateIds.length > 0 ? query.where((eb) => eb.or([eb('id', '>', this.cursor), eb('id', 'in', lateIds)])) : query.where('id', '>', this.cursor);
      const rows = await query.execute();
      const now = Date.now();
      let progressed = false;
      for (const row of rows) {
        if (row.id <= this.cursor) {
          if (this.late.delete(row.id)) this.emit(toEvent(row));
          continue;
        }
        if (row.id !== this.cursor + 1) {
          this.gapSince ??= now;
          if (now - this.gapSince < GAP_WAIT_MS) break;
          for (let id = this.cursor + 1; id < row.id; id += 1) this.late.set(id, now + LATE_WAIT_MS);
        }
        this.gapSince = undefined;
        this.cursor = row.id;
        progressed = true;
        this.emit(toEvent(row));
      }
      for (const [id, deadline] of this.late) if (deadline < now) this.late.delete(id);
      if (!progressed || rows.length < BATCH) return;
    }
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

function toEvent(row: {
  id: number;
  type: string;
  scope: 'public' | 'team' | 'admin';
  team_id: number | null;
  payload: unknown;
  created_at: Date;
}): LoggedEvent {
  return { id: Number(row.id), type: row.type as OutboxEventType, scope: row.scope, teamId: row.team_id, payload: row.payload, at: row.created_at };
}
