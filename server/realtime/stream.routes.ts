import type { OutgoingHttpHeaders } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/env.ts';
import { DomainError } from '../domain/errors.ts';
import { requireRole } from '../http/auth.ts';
import { validate } from '../http/validate.ts';
import type { Services } from '../services.ts';
import { parseResumePoint } from './replay.ts';
import type { Viewer } from './scope.ts';

const StreamQuerySchema = z.object({
  /**
   * Which stream: `player` (the default with a player session), `public` (the screen; the
   * default without one) or `admin` (needs the admin session). Explicit, so a screen or a
   * player tab in a facilitator's browser never gets the live board while it is frozen.
   */
  view: z.enum(['player', 'public', 'admin']).optional(),
  /** For clients that cannot set the Last-Event-ID header; the header wins. */
  lastEventId: z.string().max(32).optional(),
});

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  // nginx and similar proxies buffer responses unless told not to.
  'X-Accel-Buffering': 'no',
};

/**
 * `GET /api/stream`: Server-Sent Events (see realtime/wire.ts for the events), and
 * `GET /api/admin/realtime`: this instance's stream and translation figures.
 */
export function streamRoutes(services: Services) {
  const { hub, translations, submissions } = services;
  return (
    new Hono<AppEnv>()
      // The instance's figures: operators' business (facilitators watch the room's connections).
      .get('/admin/realtime', requireRole('facilitator'), async (c) => c.json({ streams: hub.stats(), translation: await translations.status() }))
      .get('/stream', validate('query', StreamQuerySchema), async (c) => {
        const { view, lastEventId } = c.req.valid('query');
        const player = c.get('player');
        let viewer: Viewer;
        const role = view ?? (player ? 'player' : 'public');
        if (role === 'admin') {
          const staff = c.get('staff');
          if (!staff) throw new DomainError(player ? 'forbidden' : 'unauthenticated', 'admin login required for the admin stream');
          viewer = { role: 'admin', playerId: null, teamId: null, staffId: staff.id, staffRole: staff.role };
          // Answers are facilitators' business: only their streams start the submissions feed.
          if (staff.role !== 'support') await submissions.ensureStarted();
        } else if (role === 'player') {
          if (!player) throw new DomainError('unauthenticated', 'join the event first');
          viewer = { role: 'player', playerId: player.playerId, teamId: player.teamId };
        } else {
          viewer = { role: 'public', playerId: null, teamId: null };
        }
        // A HEAD (Hono answers it through this GET route) learns the head, and opens no stream.
        if (c.req.method === 'HEAD') return c.body(null, 200, STREAM_HEADERS);
        const conn = await hub.open(viewer, parseResumePoint(c.req.header('last-event-id') ?? lastEventId));
        const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
        if (!outgoing) return c.body(conn.stream, 200, STREAM_HEADERS);
        // On Node the connection writes to the response itself: no web stream per connection.
        // The head carries what the middlewares set so far (security headers, request id).
        const head = c.body(null, 200, STREAM_HEADERS).headers;
        const headers: OutgoingHttpHeaders = {};
        for (const [name, value] of head) if (name !== 'set-cookie') headers[name] = value;
        const cookies = head.getSetCookie();
        if (cookies.length > 0) headers['set-cookie'] = cookies;
        conn.attach(outgoing, headers);
        return RESPONSE_ALREADY_SENT;
      })
  );
}
