import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { ADMIN_COOKIE, clearSessionCookie, setSessionCookie } from '../../http/auth.ts';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import { validate } from '../../http/validate.ts';
import * as authRepository from '../auth/auth.repository.ts';
import { hashToken } from '../auth/tokens.ts';
import type { Services } from '../../services.ts';

const LoginSchema = z.strictObject({ token: z.string().min(1).max(200) });
/** Failed sign-ins per client address per 5 minutes (admin token and personal tokens alike). */
export const LOGIN_FAILURES = 10;

/** `/api/admin/login`, `/logout` and `/session`: open to anyone, so no role guard. */
export function adminAuthRoutes(services: Services) {
  const { ctx, staff, clientAddress } = services;
  const failures = new SlidingWindowLimiter(5 * 60_000);
  return new Hono<AppEnv>()
    .post('/login', validate('json', LoginSchema), async (c) => {
      const key = clientAddress(c);
      const gate = failures.peek(key, LOGIN_FAILURES, Date.now());
      if (!gate.allowed) throw new RateLimitedError('too many failed sign-ins; wait before trying again', gate.retryAfterSeconds);
      const person = await staff.verify(c.req.valid('json').token);
      if (!person) {
        failures.take(key, LOGIN_FAILURES, Date.now());
        throw new DomainError('unauthenticated', 'token: the admin token is not valid', { field: 'token' });
      }
      setSessionCookie(c, ADMIN_COOKIE, await staff.openSession(person));
      return c.json({ ok: true, staff: staff.toSessionDto(person) });
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, ADMIN_COOKIE);
      if (token) await authRepository.deleteSession(ctx.db, hashToken(token));
      clearSessionCookie(c, ADMIN_COOKIE);
      return c.json({ ok: true });
    })
    .get('/session', (c) => {
      const person = c.get('staff');
      return c.json({ admin: person !== null, staff: person && staff.toSessionDto(person) });
    });
}
