import type { MiddlewareHandler } from 'hono';
import { DomainError } from './errors.ts';

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

/** Conservative headers for every response; the client is served from the same origin. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
  };
}
