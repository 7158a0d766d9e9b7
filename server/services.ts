import type { AppContext } from './context.ts';
import { AdminService } from './features/admin/admin.service.ts';
import { AnnouncementService } from './features/announcements/announcement.service.ts';
import { ChallengePreview } from './features/challenges/challenge.preview.ts';
import { ChallengeService } from './features/challenges/challenge.service.ts';
import { ChallengeViews } from './features/challenges/challenge.views.ts';
import { ChatService } from './features/chat/chat.service.ts';
import { SupportService } from './features/chat/support.service.ts';
import { TranslationWorker, type TranslationWorkerOptions } from './features/chat/translation.worker.ts';
import { createTranslator, type Translator } from './features/chat/translation/translator.ts';
import { EventService } from './features/event/event.service.ts';
import { ClueReleaseWatch } from './features/play/clue-release.service.ts';
import { PlayService } from './features/play/play.service.ts';
import { HistoryService } from './features/scoreboard/history.service.ts';
import { ScoreboardService } from './features/scoreboard/scoreboard.service.ts';
import { TeamsService } from './features/teams/teams.service.ts';
import { LabService } from './features/labs/lab.service.ts';
import { LABS } from './features/labs/labs.registry.ts';
import { SessionCache } from './http/session-cache.ts';
import { SessionPurger } from './features/auth/session-purger.ts';
import { type HubOptions, RealtimeHub } from './realtime/hub.ts';
import { freezeStateOf } from './realtime/scope.ts';
import type { Context } from 'hono';
import { clientAddressResolver } from './http/client-address.ts';
import { AttentionService } from './features/admin/attention.service.ts';
import { SubmissionFeed } from './features/admin/submission-feed.ts';
import { ResetService } from './features/event/reset.service.ts';
import { StaffService } from './features/staff/staff.service.ts';
import { FormationService } from './features/teams/formation.service.ts';

/** Every per-instance service, built once and started in dependency order. */
export interface Services {
  ctx: AppContext;
  events: EventService;
  challenges: ChallengeService;
  views: ChallengeViews;
  /** The admin's player-view preview of any challenge, with keys. */
  preview: ChallengePreview;
  teams: TeamsService;
  play: PlayService;
  /** Publishes clues released by time, once each across instances. */
  clueReleases: ClueReleaseWatch;
  scoreboard: ScoreboardService;
  history: HistoryService;
  admin: AdminService;
  /** Hands-on labs: per-team state, credentials, checks, resets. */
  labs: LabService;
  /** This instance's SSE connections (realtime/hub.ts). */
  hub: RealtimeHub;
  translations: TranslationWorker;
  chat: ChatService;
  support: SupportService;
  announcements: AnnouncementService;
  staff: StaffService;
  formation: FormationService;
  reset: ResetService;
  attention: AttentionService;
  /** The client's address for rate-limit keys, as TRUST_PROXY allows (http/client-address.ts). */
  clientAddress: (c: Context) => string;
  /** Player sessions recently read (http/session-cache.ts). */
  sessions: SessionCache;
  /** The admin streams' live submissions, read from the attempt log. */
  submissions: SubmissionFeed;
  stop(): Promise<void>;
}

export interface ServicesOptions {
  /** Overrides TRANSLATE_PROVIDER (tests); null for no translation. */
  translator?: Translator | null;
  translation?: Partial<TranslationWorkerOptions>;
  hub?: Partial<HubOptions>;
}

/** How often a scheduled freeze is looked for: it starts with no event to announce it. */
const FREEZE_WATCH_MS = 1000;
/** How long a revoked person's open stream lives on after the revocation event reached it. */
const REVOKED_STREAM_GRACE_MS = 250;

/** The composition root of one instance: builds every service, wires them, starts them. */
export async function createServices(ctx: AppContext, options: ServicesOptions = {}): Promise<Services> {
  const sessions = new SessionCache();
  // Membership changes made by any instance (this one forgets at once, in TeamsService).
  ctx.bus.subscribe((event) => {
    if (event.type !== 'team') return;
    if (typeof event.payload.playerId === 'number') sessions.forgetPlayer(event.payload.playerId);
    else sessions.forgetTeam(event.payload.teamId);
  });
  const events = new EventService(ctx);
  const challenges = new ChallengeService(ctx, events);
  const labs = new LabService(ctx, challenges, LABS);
  const views = new ChallengeViews(ctx, events, challenges, labs);
  const preview = new ChallengePreview(ctx, challenges);
  const teams = new TeamsService(ctx, events, sessions);
  const submissions = new SubmissionFeed(ctx);
  const play = new PlayService(ctx, events, challenges, () => submissions.poke());
  const clueReleases = new ClueReleaseWatch(ctx, events, challenges);
  const scoreboard = new ScoreboardService(ctx, events, challenges);
  const history = new HistoryService(ctx, events, scoreboard, challenges);
  const admin = new AdminService(ctx, events, challenges, teams);
  const translator = options.translator !== undefined ? options.translator : createTranslator(ctx.config.translate);
  const translations = new TranslationWorker(ctx, translator, options.translation);
  const chat = new ChatService(ctx, translations);
  const support = new SupportService(ctx, chat);
  const announcements = new AnnouncementService(ctx);
  const purger = new SessionPurger(ctx);
  const staff = new StaffService(ctx);
  const formation = new FormationService(ctx, events, teams);
  const reset = new ResetService(ctx, events, admin.results);
  const attention = new AttentionService(ctx, events, challenges);

  await events.start();
  await challenges.start();
  await scoreboard.start();
  const hub = new RealtimeHub(
    {
      // The log's events, and the submissions read from the attempt log (submission-feed.ts).
      bus: {
        get lastId() {
          return ctx.bus.lastId;
        },
        readSince: (afterId, limit) => ctx.bus.readSince(afterId, limit),
        subscribe: (listener) => {
          const fromLog = ctx.bus.subscribe(listener);
          const fromAttempts = submissions.subscribe(listener);
          return () => {
            fromLog();
            fromAttempts();
          };
        },
      },
      board: {
        publicBoardJson: () => scoreboard.publicDefaultJson(),
        adminBoardJson: () => scoreboard.adminDefaultJson(),
        onChange: (listener) => scoreboard.onRebuilt(listener),
      },
      freeze: freezeStateOf(events.publicView()),
      latestLoggedId: () => ctx.bus.latestLoggedId(),
      logger: ctx.logger,
      now: ctx.now,
    },
    options.hub,
  );
  hub.start();
  submissions.watchWith(() => hub.stats().byRole.admin > 0);
  // After the hub's own subscription, so a revoked person's console gets the event first.
  ctx.bus.subscribe((event) => {
    if (event.type === 'staff' && event.payload.reason === 'revoked') {
      const { staffId } = event.payload;
      // Their sessions ended at the commit; the stream closes a moment after this event, so
      // their console can still read it and say why it signed them out.
      setTimeout(() => hub.disconnect((viewer) => viewer.staffId === staffId), REVOKED_STREAM_GRACE_MS).unref();
    } else if (event.type === 'restart') {
      // Every player's session is gone: none may be served from memory any more.
      sessions.forgetAll();
      void reset.reloadEventCode().catch((error: Error) => ctx.logger.warn('event code reload failed', { error: error.message }));
    }
  });
  await clueReleases.start();
  translations.start();
  purger.start();
  if (translator) ctx.logger.info('chat translation enabled', { provider: translator.name });
  // A scheduled freeze starts with no event: notice the flip here, and the rebuild that
  // follows pushes the frozen board to every stream.
  let frozen = events.isFrozen();
  const freezeWatch = setInterval(() => {
    const now = events.isFrozen();
    if (now === frozen) return;
    frozen = now;
    scoreboard.invalidate();
  }, FREEZE_WATCH_MS);
  freezeWatch.unref();

  return {
    ctx,
    events,
    challenges,
    views,
    preview,
    teams,
    play,
    clueReleases,
    scoreboard,
    history,
    admin,
    labs,
    hub,
    submissions,
    translations,
    chat,
    support,
    announcements,
    staff,
    formation,
    reset,
    attention,
    clientAddress: clientAddressResolver(ctx.config.trustProxy),
    sessions,
    async stop() {
      clearInterval(freezeWatch);
      clueReleases.stop();
      purger.stop();
      hub.stop();
      submissions.stop();
      await translations.stop();
      scoreboard.stop();
    },
  };
}
