import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DatabaseHandle } from '../../db/open.ts';
import type { Logger } from '../../logger.ts';
import { publish } from '../../realtime/outbox.ts';
import type { Language } from '../challenges/challenge.ts';
import * as chatRepository from './chat.repository.ts';
import type { Translator } from './translation/translator.ts';

export interface TranslationWorkerOptions {
  maxTries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryEveryMs: number;
  stuckMs: number;
  /** Provider calls in flight at once from this instance. */
  concurrency: number;
}

/** 10 tries over about 13 minutes (2 s, 4 s, … capped at 5 min): a provider restart is ridden out. */
export const DEFAULT_TRANSLATION_OPTIONS: TranslationWorkerOptions = {
  maxTries: 10,
  backoffBaseMs: 2000,
  backoffMaxMs: 300_000,
  retryEveryMs: 5000,
  stuckMs: 60_000,
  concurrency: 4,
};

interface Deps {
  db: Kysely<Database>;
  database: Pick<DatabaseHandle, 'transaction'>;
  logger: Logger;
  now: () => Date;
}

/**
 * Translates chat messages after they commit, in the background. The message itself has
 * already gone out with its original text; each finished translation is stored once per
 * (message, language) and announced as a `translation` event. A failure only marks the row
 * failed; a periodic pass retries it with backoff, on whichever instance gets there first.
 */
export class TranslationWorker {
  readonly options: TranslationWorkerOptions;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly waiting: Array<() => void> = [];
  private active = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deps: Deps,
    readonly translator: Translator | null,
    options: Partial<TranslationWorkerOptions> = {},
  ) {
    this.options = { ...DEFAULT_TRANSLATION_OPTIONS, ...options };
  }

  get enabled(): boolean {
    return this.translator !== null;
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => this.track(this.retryDue()), this.options.retryEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.idle();
  }

  async status(): Promise<{ provider: string; rows: Record<'pending' | 'done' | 'failed', number> }> {
    return { provider: this.translator?.name ?? 'none', rows: await chatRepository.translationBacklog(this.deps.db) };
  }

  /** Resolves once nothing is in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Call after the message's transaction committed. Never throws, never waits. */
  schedule(messageId: number): void {
    if (!this.enabled || this.stopped) return;
    this.track(
      (async () => {
        const languages = await chatRepository.claimFresh(this.deps.db, messageId, this.deps.now());
        await Promise.all(languages.map((language) => this.attempt(messageId, language)));
      })(),
    );
  }

  /** One retry pass; returns how many rows it took. */
  async retryDue(): Promise<number> {
    if (!this.enabled || this.stopped) return 0;
    const { maxTries, backoffBaseMs, backoffMaxMs, stuckMs, concurrency } = this.options;
    const due = await chatRepository.claimDue(this.deps.db, this.deps.now(), { maxTries, backoffBaseMs, backoffMaxMs, stuckMs, limit: concurrency * 10 });
    await Promise.all(due.map((row) => this.attempt(row.messageId, row.language)));
    return due.length;
  }

  private async attempt(messageId: number, language: Language): Promise<void> {
    const translator = this.translator;
    if (!translator) return;
    await this.acquire();
    try {
      const message = await chatRepository.findMessage(this.deps.db, messageId);
      if (!message) return;
      let text: string;
      try {
        text = await translator.translate(message.text, message.language, language);
      } catch (error) {
        this.deps.logger.warn('translation failed; the original stays and it will be retried', {
          messageId,
          language,
          provider: translator.name,
          error: (error as Error).message,
        });
        await chatRepository.markTranslationFailed(this.deps.db, messageId, language, this.deps.now());
        return;
      }
      await this.deps.database.transaction(async (trx) => {
        if (!(await chatRepository.saveTranslation(trx, messageId, language, text, this.deps.now()))) return;
        await publish(trx, {
          type: 'translation',
          scope: 'team',
          teamId: message.teamId,
          payload: { messageId, teamId: message.teamId, channel: message.channel, language, text },
        });
      });
    } finally {
      this.release();
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: Error) => this.deps.logger.warn('translation work failed', { error: error.message }));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  private async acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
