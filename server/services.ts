import type { AppContext } from './context.ts';
import { AdminService } from './features/admin/admin.service.ts';
import { ChallengePreview } from './features/challenges/challenge.preview.ts';
import { ChallengeService } from './features/challenges/challenge.service.ts';
import { ChallengeViews } from './features/challenges/challenge.views.ts';
import { EventService } from './features/event/event.service.ts';
import { PlayService } from './features/play/play.service.ts';
import { HistoryService } from './features/scoreboard/history.service.ts';
import { ScoreboardService } from './features/scoreboard/scoreboard.service.ts';
import { TeamsService } from './features/teams/teams.service.ts';
import { LabService } from './features/labs/lab.service.ts';
import { LABS } from './features/labs/labs.registry.ts';
import { createComms, type Comms, type CommsOptions } from './realtime/comms.ts';
import { SessionCache } from './http/session-cache.ts';
import type { TeamChangedPayload } from './realtime/events.ts';

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
  scoreboard: ScoreboardService;
  history: HistoryService;
  admin: AdminService;
  /** Hands-on labs: per-team state, credentials, checks, resets. */
  labs: LabService;
  /** The SSE hub, chat, support, announcements and translation (realtime/comms.ts). */
  comms: Comms;
  /** Player sessions recently read (http/session-cache.ts). */
  sessions: SessionCache;
  stop(): Promise<void>;
}

export interface ServicesOptions {
  comms?: CommsOptions;
}

export async function createServices(ctx: AppContext, options: ServicesOptions = {}): Promise<Services> {
  const sessions = new SessionCache();
  // Membership changes made by any instance (this one forgets at once, in TeamsService).
  ctx.bus.subscribe((event) => {
    if (event.type !== 'team') return;
    const payload = event.payload as TeamChangedPayload;
    if (typeof payload.playerId === 'number') sessions.forgetPlayer(payload.playerId);
    else sessions.forgetTeam(payload.teamId);
  });
  const events = new EventService(ctx);
  const challenges = new ChallengeService(ctx, events);
  const labs = new LabService(ctx, challenges, LABS);
  const views = new ChallengeViews(ctx, events, challenges, labs);
  const preview = new ChallengePreview(ctx, challenges);
  const teams = new TeamsService(ctx, events, sessions);
  const play = new PlayService(ctx, events, challenges);
  const scoreboard = new ScoreboardService(ctx, events, challenges);
  const history = new HistoryService(ctx, events, scoreboard, challenges);
  const admin = new AdminService(ctx, events, challenges, teams);
  await events.start();
  await challenges.start();
  await scoreboard.start();
  const comms = createComms(ctx, { events, scoreboard }, options.comms);
  comms.start();
  return {
    ctx,
    events,
    challenges,
    views,
    preview,
    teams,
    play,
    scoreboard,
    history,
    admin,
    labs,
    comms,
    sessions,
    async stop() {
      await comms.stop();
      scoreboard.stop();
    },
  };
}
