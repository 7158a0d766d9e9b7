import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { AnnouncementCreateSchema, AnnouncementListQuerySchema } from './announcement.schema.ts';

/** `GET /api/announcements`: newest first, everyone's plus the caller's team's. */
export function announcementRoutes(services: Services) {
  const { announcements } = services;
  return new Hono<AppEnv>().get('/', validate('query', AnnouncementListQuerySchema), async (c) => {
    const teamId = c.get('player')?.teamId ?? null;
    return c.json({ announcements: await announcements.visible(teamId, c.req.valid('query').limit) });
  });
}

/** Mounted at `/api/admin/announcements`. */
export function adminAnnouncementRoutes(services: Services) {
  const { announcements } = services;
  return new Hono<AppEnv>()
    .get('/', requireRole('facilitator'), async (c) => c.json({ announcements: await announcements.all() }))
    .post('/', requireRole('facilitator'), validate('json', AnnouncementCreateSchema), async (c) =>
      c.json({ announcement: await announcements.create(requireStaff(c), c.req.valid('json')) }, 201),
    );
}
