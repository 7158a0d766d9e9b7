import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';

const PageSchema = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const HistorySchema = z.object({ top: z.coerce.number().int().min(1).max(20).default(10) });
const RecentSchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });

/**
 * `GET /api/scoreboard`: served from the in-memory snapshot (the default page already
 * serialised). Players and the screen get the frozen board after the freeze; an admin
 * session gets the live one.
 */
export function scoreboardRoutes(services: Services) {
  const { scoreboard, history } = services;
  return new Hono<AppEnv>()
    .get('/', validate('query', PageSchema), async (c) => {
      const { offset, limit } = c.req.valid('query');
      const body = c.get('isAdmin') ? await scoreboard.adminPage(offset, limit) : await scoreboard.publicPage(offset, limit);
      c.header('Cache-Control', 'no-store');
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    })
    .get('/history', validate('query', HistorySchema), async (c) => {
      return c.json(await history.history(c.req.valid('query').top, c.get('isAdmin')));
    })
    .get('/recent-solves', validate('query', RecentSchema), async (c) => {
      return c.json(await history.recentSolves(c.req.valid('query').limit, c.get('isAdmin')));
    });
}
