import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireRole } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { AuditQuerySchema, ExportQuerySchema, LabRequestQuerySchema, SubmissionQuerySchema } from './admin.schema.ts';

/**
 * The facilitator's read-only views, one small sub-app per path so each can carry its
 * role guard without covering `/api/admin/login` (a guard on a sub-app mounted at
 * `/admin` would). Progress is open to support; answers, logs and results are not.
 */

/** `GET /api/admin/adjustments`: every adjustment, newest first. */
export function adminAdjustmentsRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('facilitator')).get('/', async (c) => c.json({ adjustments: await admin.teams.adjustments() }));
}

/** `GET /api/admin/submissions`: the attempt log, filtered, newest first, keyset-paged. */
export function adminSubmissionsRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('facilitator')).get('/', validate('query', SubmissionQuerySchema), async (c) => {
    const page = await admin.reports.submissions(c.req.valid('query'));
    return c.json({ submissions: page.items, nextBefore: page.nextBefore });
  });
}

/** `GET /api/admin/clue-usage`: where teams are stuck, per task in play. */
export function adminClueUsageRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('support')).get('/', async (c) => c.json({ tasks: await admin.reports.clueUsage() }));
}

/** `GET /api/admin/ratings`: stars and comments per challenge. */
export function adminRatingsRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('facilitator')).get('/', async (c) => c.json({ challenges: await admin.reports.ratings() }));
}

/** `GET /api/admin/audit`: the audit log, newest first, keyset-paged. */
export function adminAuditRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('owner')).get('/', validate('query', AuditQuerySchema), async (c) => {
    const page = await admin.reports.audit(c.req.valid('query'));
    return c.json({ entries: page.items, nextBefore: page.nextBefore });
  });
}

/** `GET /api/admin/labs/requests`: what teams asked the simulated services. */
export function adminLabsRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('facilitator')).get('/requests', validate('query', LabRequestQuerySchema), async (c) => {
    const page = await admin.reports.labRequests(c.req.valid('query'));
    return c.json({ requests: page.items, nextBefore: page.nextBefore });
  });
}

/** `GET /api/admin/export`: the results as CSV (a download for Excel) or JSON. */
export function adminExportRoutes({ admin }: Services) {
  return new Hono<AppEnv>().use(requireRole('owner')).get('/', validate('query', ExportQuerySchema), async (c) => {
    c.header('Cache-Control', 'no-store');
    if (c.req.valid('query').format === 'json') return c.json(await admin.results.results());
    return c.body(await admin.results.csv(), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="jamboree-results.csv"',
    });
  });
}

/** `GET /api/admin/attention`: teams most in need of a visit, and challenges that look broken. */
export function adminAttentionRoutes({ attention }: Services) {
  return new Hono<AppEnv>().use(requireRole('support')).get('/', async (c) => c.json(await attention.view()));
}
