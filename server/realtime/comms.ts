import type { AppContext } from '../context.ts';
import { AnnouncementService } from '../features/announcements/announcement.service.ts';
import { ChatService } from '../features/chat/chat.service.ts';
import { SupportService } from '../features/chat/support.service.ts';
import { TranslationWorker, type TranslationWorkerOptions } from '../features/chat/translation.worker.ts';
import { createTranslator, type Translator } from '../features/chat/translation/translator.ts';
import { RealtimeHub, type HubOptions } from './hub.ts';

/** What the hub needs from the game services (kept narrow so tests can pass fakes). */
export interface CommsDeps {
  events: { isFrozen(at: Date): boolean };
  scoreboard: {
    publicDefaultJson(): string | undefined;
    adminDefaultJson(): string | undefined;
    onRebuilt(listener: () => void): () => void;
    invalidate(): void;
  };
}

export interface CommsOptions {
  /** Overrides TRANSLATE_PROVIDER (tests); null for no translation. */
  translator?: Translator | null;
  translation?: Partial<TranslationWorkerOptions>;
  hub?: Partial<HubOptions>;
}

/** The stream hub, chat, support, announcements and the translation worker of one instance. */
export interface Comms {
  hub: RealtimeHub;
  translations: TranslationWorker;
  chat: ChatService;
  support: SupportService;
  announcements: AnnouncementService;
  start(): void;
  stop(): Promise<void>;
}

export function createComms(ctx: AppContext, deps: CommsDeps, options: CommsOptions = {}): Comms {
  const translator = options.translator !== undefined ? options.translator : createTranslator(ctx.config.translate);
  const translations = new TranslationWorker(ctx, translator, options.translation);
  const chat = new ChatService(ctx, translations);
  const hub = new RealtimeHub(
    {
      bus: ctx.bus,
      board: {
        publicBoardJson: () => deps.scoreboard.publicDefaultJson(),
        adminBoardJson: () => deps.scoreboard.adminDefaultJson(),
        onChange: (listener) => deps.scoreboard.onRebuilt(listener),
      },
      isFrozenAt: (at) => deps.events.isFrozen(at),
      latestLoggedId: async () => {
        const row = await ctx.db
          .selectFrom('event_log')
          .select((eb) => eb.fn.max('id').as('max'))
          .executeTakeFirst();
        return Number(row?.max ?? 0);
      },
      logger: ctx.logger,
      now: ctx.now,
    },
    options.hub,
  );
  let freezeWatch: NodeJS.Timeout | undefined;
  return {
    hub,
    translations,
    chat,
    support: new SupportService(ctx, chat),
    announcements: new AnnouncementService(ctx),
    start() {
      hub.start();
      translations.start();
      // A scheduled freeze starts with no event: notice the flip here, and the rebuild that
      // follows pushes the frozen board to every stream.
      let frozen = deps.events.isFrozen(ctx.now());
      freezeWatch = setInterval(() => {
        const now = deps.events.isFrozen(ctx.now());
        if (now === frozen) return;
        frozen = now;
        deps.scoreboard.invalidate();
      }, 1000);
      freezeWatch.unref();
      if (translator) ctx.logger.info('chat translation enabled', { provider: translator.name });
    },
    async stop() {
      clearInterval(freezeWatch);
      hub.stop();
      await translations.stop();
    },
  };
}
