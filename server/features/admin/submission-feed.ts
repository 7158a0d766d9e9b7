import type { AppContext } from '../../context.ts';
import type { BusListener } from '../../realtime/bus.ts';
import type { LoggedEvent } from '../../realtime/events.ts';
import { IdTail } from '../../realtime/id-tail.ts';
import { submissionRowToDto } from './admin-reports.service.ts';
import * as insightsRepository from './insights.repository.ts';

export interface SubmissionFeedOptions {
  /** How often the attempt log is read while an admin stream is open (attempts of other instances). */
  pollMs: number;
  /** Least time between two reads woken by this instance's own attempts (coalesces a burst). */
  minGapMs: number;
}

const DEFAULTS: SubmissionFeedOptions = { pollMs: 500, minGapMs: 50 };
/** How far below the newest attempt id at start holes are still watched for. */
const RECENT_AT_START = 200;

/**
 * The live `submission` events of admin streams, read from the attempt log itself: an
 * attempt writes its row and nothing else (no event row, no NOTIFY), so a wrong answer costs
 * one insert and no instance reads it back unless an admin is watching.
 *
 * While `watching()` says an admin stream is open on this instance, the feed tails `attempt`
 * by id (IdTail, which handles ids that commit out of order as the bus does for event ids):
 * woken at once by this instance's own attempts (`poke`, after their commit) and every
 * `pollMs` for the attempts of other instances. Once nobody watches it stops; the next
 * admin stream starts it again from the newest attempt (the console loads the page of
 * submissions itself when it opens or reconnects).
 *
 * Each row goes to the hub as a `submission` event with id 0: it is not in the event log, so
 * the hub sends it under each stream's current id, as it does a late row, and the hub's
 * rules decide who sees it (admin streams, not support staff).
 */
export class SubmissionFeed {
  private readonly options: SubmissionFeedOptions;
  private readonly listeners = new Set<BusListener>();
  private readonly tail: IdTail<insightsRepository.SubmissionRow & { id: number }>;
  private state: 'idle' | 'running' = 'idle';
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: NodeJS.Timeout | undefined;
  private lastRead = 0;
  private watching: () => boolean = () => false;

  constructor(
    private readonly ctx: AppContext,
    options: Partial<SubmissionFeedOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.tail = new IdTail(
      () => this.ctx.db,
      async (after, ranges, limit) =>
        (await insightsRepository.listSubmissionsAfter(this.ctx.db, after, ranges, limit)).map((r) => ({ ...r, id: Number(r.id) })),
      (row) => this.emit(row),
      ctx.logger,
      'submission feed',
      { batch: 500 },
    );
  }

  /** Whether an admin stream is open on this instance (the hub knows). */
  watchWith(watching: () => boolean): void {
    this.watching = watching;
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Starts tailing if it was not (an admin stream is about to open): from the newest attempt
   * committed now, so what commits after reaches the stream.
   */
  ensureStarted(): Promise<void> {
    if (this.state === 'running') return Promise.resolve();
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    const { latest, ids } = await insightsRepository.recentAttemptIds(this.ctx.db, RECENT_AT_START);
    await this.tail.startAfter(latest, latest - RECENT_AT_START, ids);
    this.state = 'running';
    this.timer = setInterval(() => this.tick(), this.options.pollMs);
    this.timer.unref();
  }

  /** This instance wrote attempts (after their commit): read them now, or soon in a burst. */
  poke(): void {
    if (this.state !== 'running' || this.wake) return;
    const wait = this.lastRead + this.options.minGapMs - Date.now();
    if (wait <= 0) return this.read();
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.read();
    }, wait);
    this.wake.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.wake = undefined;
    this.timer = undefined;
    this.tail.stop();
    this.state = 'idle';
  }

  private tick(): void {
    if (this.watching()) this.read();
    else this.stop();
  }

  private read(): void {
    this.lastRead = Date.now();
    this.tail.poke();
  }

  private emit(row: insightsRepository.SubmissionRow): void {
    const event = { id: 0, type: 'submission', scope: 'admin', teamId: row.team_id, payload: submissionRowToDto(row), at: row.created_at } as LoggedEvent;
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.ctx.logger.error('submission listener failed', { error: (error as Error).message });
      }
    }
  }
}
