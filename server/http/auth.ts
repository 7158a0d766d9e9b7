import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import * as authRepository from '../features/auth/auth.repository.ts';
import { hashToken } from '../features/auth/tokens.ts';
import { DomainError, UnavailableError } from '../domain/errors.ts';
import { isConnectionError } from '../db/errors.ts';
import type { AppEnv, PlayerPrincipal } from './env.ts';
import type { SessionCache } from './session-cache.ts';
import { SessionLoader } from './session-loader.ts';

export const PLAYER_COOKIE = 'jam_player';
export const ADMIN_COOKIE = 'jam_admin';
export const SESSION_DAYS = 7;

/**
 * Resolves the player and admin sessions from their httpOnly cookies. Separate cookies let
 * a facilitator keep the admin console and a player tab open in one browser. Player
 * sessions are read through `cache` when given (session-cache.ts), and reads of requests
 * arriving together share one query (session-loader.ts).
 */
export function sessionMiddleware(db: Kysely<Database>, now: () => Date, cache?: SessionCache): MiddlewareHandler<AppEnv> {
  const loader = new SessionLoader(db, now);
  return async (c, next) => {
    c.set('player', null);
    c.set('isAdmin', false);
    c.set('sessionUnavailable', false);
    try {
      const playerToken = getCookie(c, PLAYER_COOKIE);
      if (playerToken && playerToken.length <= 100) {
        const hash = hashToken(playerToken);
        const at = now();
        let player = cache?.get(hash, at.getTime());
        if (!player) {
          const readStarted = cache?.readStarted() ?? 0;
          const row = await loader.load(hash);
          if (row) {
            player = { playerId: row.id, displayName: row.display_name, language: row.language, teamId: row.team_id };
            cache?.set(hash, player, row.expires_at, at.getTime(), readStarted);
          }
        }
        if (player) c.set('player', { ...player });
      }
      const adminToken = getCookie(c, ADMIN_COOKIE);
      if (adminToken && adminToken.length <= 100) {
        c.set('isAdmin', await authRepository.isAdminSession(db, hashToken(adminToken), now()));
      }
    } catch (error) {
      // With the database away, public reads (board, clock) still serve from memory;
      // anything that needs to know who is calling answers 503 instead of a wrong 401.
      if (!isConnectionError(error)) throw error;
      c.set('sessionUnavailable', true);
    }
    await next();
  };
}

export function setSessionCookie(c: Context, name: string, token: string): void {
  setCookie(c, name, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    maxAge: SESSION_DAYS * 24 * 3600,
  });
}

export function clearSessionCookie(c: Context, name: string): void {
  deleteCookie(c, name, { path: '/', secure: isHttps(c) });
}

function isHttps(c: Context): boolean {
  return c.req.header('x-forwarded-proto') === 'https' || new URL(c.req.url).protocol === 'https:';
}

export function requirePlayer(c: Context<AppEnv>): PlayerPrincipal {
  if (c.get('sessionUnavailable')) throw new UnavailableError();
  const player = c.get('player');
  if (!player) throw new DomainError('unauthenticated', 'join the event first');
  return player;
}

export function requireTeamPlayer(c: Context<AppEnv>): PlayerPrincipal & { teamId: number } {
  const player = requirePlayer(c);
  if (player.teamId === null) throw new DomainError('not_in_team', 'create or join a team first');
  return player as PlayerPrincipal & { teamId: number };
}

/** Guards a whole admin sub-app: 401 without any session, 403 for a non-admin session. */
export function adminOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('sessionUnavailable')) throw new UnavailableError();
    if (!c.get('isAdmin')) {
      if (c.get('player')) throw new DomainError('forbidden', 'admin session required');
      throw new DomainError('unauthenticated', 'admin login required');
    }
    await next();
  };
}
