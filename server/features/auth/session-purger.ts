import type { AppContext } from '../../context.ts';
import * as authRepository from './auth.repository.ts';

/** Expired sessions are useless (every read filters them out) but would pile up for ever. */
const PURGE_EVERY_MS = 60 * 60_000;
/** The first purge waits until start-up is done; instances started together spread out. */
const FIRST_PURGE_MS = 30_000;

/**
 * Deletes expired sessions periodically. Every instance runs it; the delete is idempotent,
 * so several instances only repeat a cheap statement.
 */
export class SessionPurger {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'logger' | 'now'>) {}

  start(): void {
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        void this.purge().finally(() => schedule(PURGE_EVERY_MS));
      }, ms);
      this.timer.unref();
    };
    schedule(FIRST_PURGE_MS + Math.floor(Math.random() * FIRST_PURGE_MS));
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Deletes the sessions that expired before now; returns how many. */
  async purge(): Promise<number> {
    try {
      const purged = await authRepository.deleteExpiredSessions(this.ctx.db, this.ctx.now());
      if (purged > 0) this.ctx.logger.info('expired sessions purged', { purged });
      return purged;
    } catch (error) {
      this.ctx.logger.warn('purging expired sessions failed', { error: (error as Error).message });
      return 0;
    }
  }
}
