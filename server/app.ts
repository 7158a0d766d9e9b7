import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './http/env.ts';
import { sessionMiddleware } from './http/auth.ts';
import { requestBodyLimit } from './http/body-limit.ts';
import { cachedDatabaseCheck } from './http/health.ts';
import { DomainError } from './domain/errors.ts';
import { errorBody, handleError } from './http/errors.ts';
import { originCheck, securityHeaders } from './http/security.ts';
import type { Services } from './services.ts';
import { teamsRoutes } from './features/teams/teams.routes.ts';
import { playRoutes } from './features/play/play.routes.ts';
import { adminEventRoutes, eventRoutes } from './features/event/event.routes.ts';
import { publicBoardFastPath, scoreboardRoutes } from './features/scoreboard/scoreboard.routes.ts';
import { adminAuthRoutes } from './features/admin/admin-auth.routes.ts';
import { adminChallengeRoutes } from './features/admin/admin-challenges.routes.ts';
import { adminPlayersRoutes, adminTeamsRoutes } from './features/admin/admin-teams.routes.ts';
import {
  adminAdjustmentsRoutes,
  adminAttentionRoutes,
  adminAuditRoutes,
  adminClueUsageRoutes,
  adminExportRoutes,
  adminLabsRoutes,
  adminRatingsRoutes,
  adminSubmissionsRoutes,
} from './features/admin/admin-reports.routes.ts';
import { staticRoutes } from './http/static.ts';
import { labsRoutes } from './features/labs/labs.wiring.ts';
import { labTaskRoutes } from './features/labs/lab-task.routes.ts';
import { streamRoutes } from './realtime/stream.routes.ts';
import { adminSupportRoutes, teamChatRoutes } from './features/chat/chat.routes.ts';
import { adminAnnouncementRoutes, announcementRoutes } from './features/announcements/announcement.routes.ts';
import { archiveRoutes } from './features/event/archive.routes.ts';
import { staffRoutes } from './features/staff/staff.routes.ts';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppOptions {
  /** Directory of the built client (dist/client); omitted in API-only tests. */
  clientDir?: string | undefined;
}

/** Builds the whole HTTP app from the services (one factory: main.ts, tests, benchmarks). */
export function createApp(services: Services, options: AppOptions = {}) {
  const { ctx } = services;
  const databaseCheck = cachedDatabaseCheck(ctx.db);
  const api = new Hono<AppEnv>()
    .use(originCheck())
    .use(
      requestBodyLimit({
        maxSize: BODY_LIMIT_BYTES,
        onError: (c) => c.json(errorBody('payload_too_large', `request body larger than ${BODY_LIMIT_BYTES / 1024} KB`), 413),
      }),
    )
    .use(sessionMiddleware(ctx.db, ctx.now, services.sessions))
    .route('/', teamsRoutes(services))
    .route('/event', eventRoutes(services))
    .route('/challenges', playRoutes(services))
    .route('/challenges', labTaskRoutes(services))
    .route('/scoreboard', scoreboardRoutes(services))
    .route('/admin', adminAuthRoutes(services))
    .route('/admin/event', adminEventRoutes(services))
    .route('/admin/challenges', adminChallengeRoutes(services))
    .route('/admin/teams', adminTeamsRoutes(services))
    .route('/admin/players', adminPlayersRoutes(services))
    .route('/admin/staff', staffRoutes(services))
    .route('/admin/attention', adminAttentionRoutes(services))
    .route('/admin/archives', archiveRoutes(services))
    .route('/admin/adjustments', adminAdjustmentsRoutes(services))
    .route('/admin/submissions', adminSubmissionsRoutes(services))
    .route('/admin/clue-usage', adminClueUsageRoutes(services))
    .route('/admin/ratings', adminRatingsRoutes(services))
    .route('/admin/audit', adminAuditRoutes(services))
    .route('/admin/labs', adminLabsRoutes(services))
    .route('/admin/export', adminExportRoutes(services))
    .route('/', streamRoutes(services))
    .route('/team', teamChatRoutes(services))
    .route('/announcements', announcementRoutes(services))
    .route('/admin/support', adminSupportRoutes(services))
    .route('/admin/announcements', adminAnnouncementRoutes(services));

  const app = new Hono<AppEnv>()
    .use(requestId())
    .use(securityHeaders())
    .use(async (c, next) => {
      const started = performance.now();
      await next();
      const ms = Math.round((performance.now() - started) * 10) / 10;
      if (c.res.status >= 500 || ms > 1000) {
        ctx.logger.warn('request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms });
      } else {
        ctx.logger.debug('request', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms });
      }
    })
    .get('/healthz', async (c) => {
      await databaseCheck();
      return c.json({ ok: true });
    })
    .use('/api/scoreboard', publicBoardFastPath(services))
    .route('/api', api)
    .route('/labs', labsRoutes(services))
    .notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404))
    .onError((error, c) => {
      if (error instanceof HTTPException && !(error instanceof DomainError)) {
        const status = error.status;
        if (status === 400) return c.json(errorBody('invalid_json', 'the request body is not valid JSON'), 400);
        if (status === 413) return c.json(errorBody('payload_too_large', 'request body too large'), 413);
      }
      return handleError(error, c, ctx.logger);
    });

  if (options.clientDir) app.route('/', staticRoutes(options.clientDir));
  return app;
}

export type AppType = ReturnType<typeof createApp>;
