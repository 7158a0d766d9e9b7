import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { ADMIN_COOKIE, clearSessionCookie, setSessionCookie } from '../../http/auth.ts';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import { validate } from '../../http/validate.ts';
import * as authRepository from '../auth/auth.repository.ts';
import * as eventRepository from '../event/event.repository.ts';
import { hashToken, newSessionToken, secretEquals } from '../auth/tokens.ts';
import type { Services } from '../../services.ts';

const LoginSchema = z.strictObject({ token: z.string().min(1).max(200) });
/** Failed admin logins per client address per 5 minutes. */
const LOGIN_FAILURES = 10;

export function adminAuthRoutes(services: Services) {
  const { ctx } = services;
  const failures = new SlidingWindowLimiter(5 * 60_000);
  return new Hono<AppEnv>()
    .post('/login', validate('json', LoginSchema), async (c) => {
      const key = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';
      const gate = failures.peek(key, LOGIN_FAILURES, Date.now());
      if (!gate.allowed) throw new RateLimitedError('too many failed logins; wait before trying again', gate.retryAfterSeconds);
      if (!secretEquals(c.req.valid('json').token, ctx.secrets.adminToken)) {
        failures.take(key, LOGIN_FAILURES, Date.now());
        throw new DomainError('unauthenticated', 'token: the admin token is not valid', { field: 'token' });
      }
      const token = newSessionToken();
      await authRepository.insertSession(ctx.db, {
        idHash: hashToken(token),
        playerId: null,
        isAdmin: true,
        expiresAt: new Date(ctx.now().getTime() + 24 * 3600 * 1000),
      });
      await eventRepository.insertAudit(ctx.db, { actor: 'admin', action: 'admin.login' });
      setSessionCookie(c, ADMIN_COOKIE, token);
      return c.json({ ok: true });
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, ADMIN_COOKIE);
      if (token) await authRepository.deleteSession(ctx.db, hashToken(token));
      clearSessionCookie(c, ADMIN_COOKIE);
      return c.json({ ok: true });
    })
    .get('/session', (c) => c.json({ admin: c.get('isAdmin') }));
}
