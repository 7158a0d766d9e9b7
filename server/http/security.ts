import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF guard for the cookie-authenticated API: a browser always sends Origin on a
 * cross-site POST, so a state-changing request whose Origin is not this host is refused.
 * Requests without Origin (curl, the CLI, server-to-server) carry no ambient cookie risk.
 */
export function originCheck(): MiddlewareHandler {
  return async (c, next) => {
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null') {
        const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
        let originHost: string | undefined;
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = undefined;
        }
        if (!host || originHost !== host) throw new DomainError('csrf', 'cross-site request refused (Origin does not match Host)');
      } else if (origin === 'null') {
        throw new DomainError('csrf', 'cross-site request refused (opaque Origin)');
      }
    }
    await next();
  };
}

/** The header of @hono/node-server's RESPONSE_ALREADY_SENT. */
const ALREADY_SENT = 'x-hono-already-sent';

const SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  ['X-Frame-Options', 'DENY'],
];

/** Conservative headers for every response; the client is served from the same origin. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Set before the handler so they go out with the response it builds. Setting a header on
    // a finished response makes Hono rebuild it around a body stream: with the body limit
    // fix that was two thirds of the cost of a small JSON read (tests/bench/README.md).
    for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
    await next();
    // A handler that built its own Response dropped them: add them the slow way. A response
    // the handler wrote to the socket itself (the event stream) went out with them already,
    // and rebuilding its marker would make @hono/node-server write a second head.
    if (!c.res.headers.has('X-Content-Type-Options') && !c.res.headers.has(ALREADY_SENT)) for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  };
}
