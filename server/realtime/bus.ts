import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DatabaseHandle } from '../db/open.ts';
import type { Logger } from '../logger.ts';
import type { LoggedEvent } from './events.ts';
import { IdTail, type IdTailStats as BusStats } from './id-tail.ts';
import { EVENT_CHANNEL } from './outbox.ts';

export type { LoggedEvent } from './events.ts';

export type BusListener = (event: LoggedEvent) => void;

const POLL_MS = 1000;
/** How far below the newest id at start-up holes are still watched for. */
const RECENT_AT_START = 200;

export type { IdTailStats as BusStats } from './id-tail.ts';

/**
 * Relays committed outbox rows to this instance's subscribers, in id order. A NOTIFY (from
 * any instance) only says "look"; the rows are read from the log, so a dropped LISTEN
 * connection loses nothing: on reconnect, and on a slow safety poll, it reads from its
 * cursor. Ids are allocated before commit, so a hole may be a transaction still running:
 * IdTail (id-tail.ts) holds later rows back for it briefly, then skips and still watches it.
 */
export class EventBus {
  private readonly listeners = new Set<BusListener>();
  private readonly tail: IdTail<LoggedEvent>;
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly logger: Logger,
  ) {
    this.tail = new IdTail<LoggedEvent>(
      () => this.db,
      async (after, ranges, limit) => {
        const rows = await this.db
          .selectFrom('event_log')
          .selectAll()
          .where((eb) => eb.or([eb('id', '>', after), ...ranges.map((r) => eb.between('id', r.lo, r.hi))]))
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map(toEvent);
      },
      (event) => this.emit(event),
      logger,
      'event bus',
    );
  }

  get db(): Kysely<Database> {
    return this.database.db;
  }

  /** The id of the newest event relayed so far. */
  get lastId(): number {
    return this.tail.lastId;
  }

  stats(): BusStats {
    return this.tail.stats();
  }

  async start(): Promise<void> {
    const latest = await this.latestLoggedId();
    // Transactions still running now may hold ids below the max: watch those holes.
    const recent = await this.db
      .selectFrom('event_log')
      .select('id')
      .where('id', '>', latest - RECENT_AT_START)
      .orderBy('id')
      .execute();
    await this.tail.startAfter(
      latest,
      latest - RECENT_AT_START,
      recent.map((r) => Number(r.id)),
    );
    this.unlisten = await this.database.listen(EVENT_CHANNEL, {
      onNotify: () => this.poke(),
      onReconnect: () => {
        this.logger.info('event bus reconnected; catching up from the log', { cursor: this.lastId });
        this.poke();
      },
    });
    this.timer = setInterval(() => this.poke(), POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.tail.stop();
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
      .where('id', '<=', this.lastId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  /** Asks for a read now; reads already under way are coalesced into one more. */
  poke(): void {
    this.tail.poke();
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
