import { type Context, Hono, type MiddlewareHandler, type TypedResponse } from 'hono';
import { z } from 'zod';
import { ADMIN_COOKIE } from '../../http/auth.ts';
import type { AppEnv } from '../../http/env.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import type { JsonText } from '../../domain/json-text.ts';
import { type EncodedBody, etagOf, matchesTag, pickEncoding } from './board-body.ts';

const PageSchema = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const HistorySchema = z.object({ top: z.coerce.number().int().min(1).max(20).default(10) });
const RecentSchema = z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) });

/**
 * `GET /api/scoreboard`: served from the in-memory snapshot. The default page is one body
 * per board version, already serialised and compressed: a read picks brotli, gzip or plain
 * bytes by Accept-Encoding and answers 304 to a matching If-None-Match. Players and the
 * screen get the frozen board after the freeze; an admin session gets the live one.
 */
export function scoreboardRoutes(services: Services) {
  const { scoreboard, history } = services;
  return new Hono<AppEnv>()
    .get('/', validate('query', PageSchema), async (c) => {
      const { offset, limit } = c.req.valid('query');
      const body = await scoreboard.page(c.get('isAdmin'), offset, limit);
      if (typeof body === 'string') {
        c.header('Cache-Control', 'no-store');
        return asJson<typeof body>(c.body(body, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));
      }
      return sendBody(c, body);
    })
    .get('/history', validate('query', HistorySchema), async (c) => {
      return c.json(await history.history(c.req.valid('query').top, c.get('isAdmin')));
    })
    .get('/recent-solves', validate('query', RecentSchema), async (c) => {
      return c.json(await history.recentSolves(c.req.valid('query').limit, c.get('isAdmin')));
    });
}

/**
 * A response whose body is JSON serialised ahead of time, typed as the value it holds (as
 * `c.json(value)` would be), so the client's types follow the service's DTO.
 */
const asJson = <J>(response: Response) => response as Response & TypedResponse<J extends JsonText<infer T> ? T : never, 200, 'json'>;

/** The bytes of one board version in the encoding the client takes, or 304 if it has them. */
function sendBody<T>(c: Context, body: EncodedBody<T>) {
  const encoding = pickEncoding(c.req.header('accept-encoding'));
  const etag = etagOf(body, encoding);
  // no-cache, not no-store: a browser may keep the body and ask whether it is still current.
  c.header('Cache-Control', 'no-cache');
  c.header('Vary', 'Accept-Encoding, Cookie');
  c.header('ETag', etag);
  if (matchesTag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  return asJson<JsonText<T>>(c.body(body.bytes[encoding], 200, { 'Content-Type': 'application/json; charset=UTF-8' }));
}

/**
 * The public default page is the same for every caller who is not an admin, so it needs no
 * session, body limit or query parsing: answered before those middlewares run (app.ts),
 * which brings the most read resource of an event close to the cost of `/healthz`. Anything
 * else (a query, an admin cookie) goes on to the route above.
 */
export function publicBoardFastPath(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || c.req.url.includes('?') || c.req.header('cookie')?.includes(`${ADMIN_COOKIE}=`)) return next();
    const body = await services.scoreboard.page(false);
    if (typeof body === 'string') return next();
    return sendBody(c, body);
  };
}
