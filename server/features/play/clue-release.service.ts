import type { AppContext } from '../../context.ts';
import { publish } from '../../realtime/outbox.ts';
import type { CatalogChallenge, CatalogClue, CatalogTask } from '../challenges/catalog.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { EventService } from '../event/event.service.ts';
import { clueKey, releaseSchedule } from './clue-release.ts';
import * as playRepository from './play.repository.ts';

/** The longest the watch sleeps: a missed wake-up (a clock change it did not hear of) costs at most this. */
const MAX_SLEEP_MS = 60_000;

interface DueClue {
  challenge: CatalogChallenge;
  task: CatalogTask;
  clue: CatalogClue;
  challengeId: string;
  taskId: string;
  index: number;
  releaseAfterMinutes: number | null;
}

/**
 * Publishes clue releases (`releaseAfterMinutes`) on the stream, once each, whichever
 * instance gets there first. Whether a clue is free comes from the event clock
 * (clue-release.ts), so players, attempts and unlocks never wait for this watch; it only
 * tells the teams, with a `clue` event, at the moment a clue turns free.
 *
 * A timer wakes the watch when the next release comes due (clock changes and reloads
 * reschedule it); it then records every due clue in `clue_release`, whose primary key lets
 * exactly one instance insert each row, and publishes in the same transaction only what it
 * inserted. A restarted or late instance catches up the same way on start: a release
 * already recorded is not published twice, one missed while every instance was down is
 * published late rather than never.
 */
export class ClueReleaseWatch {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Releases known to be recorded, so a wake-up without news costs no query. */
  private readonly known = new Set<string>();
  private running: Promise<number> | null = null;
  private again = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
  ) {}

  async start(): Promise<void> {
    this.unsubscribe.push(
      // A reset empties clue_release, a resume moves every due time: start from the database again.
      this.events.onChange(() => {
        this.known.clear();
        this.poke();
      }),
      this.challenges.onCatalogChange(() => this.poke()),
      this.ctx.bus.subscribe((event) => {
        if (event.type === 'clue' && event.scope === 'public') {
          const p = event.payload;
          if ('released' in p) this.known.add(clueKey(p.challengeId, p.taskId, p.index));
        }
      }),
    );
    await this.wake();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private poke(): void {
    void this.wake().catch((error: Error) => this.ctx.logger.warn('clue release watch failed', { error: error.message }));
  }

  /**
   * Records and publishes every release due now, then sleeps until the next one; returns how
   * many releases this call published. Calls made while one runs are folded into one more run.
   */
  async wake(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => 0);
    }
    this.running = this.run();
    try {
      return await this.running;
    } finally {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.poke();
      }
    }
  }

  private async run(): Promise<number> {
    clearTimeout(this.timer);
    if (this.stopped) return 0;
    const event = this.events.current();
    const now = this.ctx.now();
    const clues: DueClue[] = this.challenges.inPlay().flatMap((challenge) =>
      challenge.tasks.flatMap((task) =>
        task.clues
          .filter((clue) => clue.releaseAfterMinutes !== null)
          .map((clue) => ({
            challenge,
            task,
            clue,
            challengeId: challenge.id,
            taskId: task.id,
            index: clue.index,
            releaseAfterMinutes: clue.releaseAfterMinutes,
          })),
      ),
    );
    const { due, nextInMs } = releaseSchedule(clues, event.clock, now);
    let published = 0;
    // Only a running or paused event tells teams; once it is over a release is news to no one.
    const live = event.clock.state === 'running' || event.clock.state === 'paused';
    const fresh = live ? due.filter((c) => !this.known.has(clueKey(c.challengeId, c.taskId, c.index))) : [];
    if (fresh.length > 0) published = await this.record(fresh, now);
    if (nextInMs !== null && !this.stopped) {
      this.timer = setTimeout(() => this.poke(), Math.min(nextInMs, MAX_SLEEP_MS));
      this.timer.unref?.();
    }
    return published;
  }

  private async record(clues: readonly DueClue[], now: Date): Promise<number> {
    const inserted = await this.ctx.database.transaction(async (trx) => {
      const rows = await playRepository.insertReleases(trx, clues, now);
      const mine = new Set(rows.map((r) => clueKey(r.challenge_id, r.task_id, r.idx)));
      const events = clues
        .filter((c) => mine.has(clueKey(c.challengeId, c.taskId, c.index)))
        .map((c) => ({
          type: 'clue' as const,
          scope: 'public' as const,
          payload: {
            released: true as const,
            challengeId: c.challengeId,
            challengeTitle: c.challenge.title,
            taskId: c.taskId,
            taskTitle: c.task.title,
            taskIndex: c.task.index,
            index: c.index,
            at: now.toISOString(),
          },
        }));
      if (events.length > 0) await publish(trx, ...events);
      return events.length;
    });
    for (const c of clues) this.known.add(clueKey(c.challengeId, c.taskId, c.index));
    if (inserted > 0) this.ctx.logger.info('clues released', { count: inserted });
    return inserted;
  }
}
