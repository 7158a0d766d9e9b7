import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import * as authRepository from '../features/auth/auth.repository.ts';
import { hashToken } from '../features/auth/tokens.ts';
import { DomainError, UnavailableError } from '../domain/errors.ts';
import { isConnectionError } from '../db/errors.ts';
import type { StaffRole } from '../db/database.ts';
import { roleAtLeast } from '../features/staff/staff.ts';
import type { AppEnv, PlayerPrincipal, StaffPrincipal } from './env.ts';
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
    c.set('staff', null);
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
        // Never cached: a revoked person's next request fails on every instance at once.
        const staff = await authRepository.findStaffBySession(db, hashToken(adminToken), now());
        if (staff) {
          c.set('staff', { id: staff.id, name: staff.name, role: staff.role, builtin: staff.builtin });
          c.set('isAdmin', true);
        }
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

/**
 * Declares the least staff role a route (or a whole sub-app) needs: 401 without any
 * session, 403 for a player or for staff below `role`. It runs before validation, so an
 * invalid body from the wrong caller still answers 401/403.
 */
export function requireRole(role: StaffRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.get('sessionUnavailable')) throw new UnavailableError();
    const staff = c.get('staff');
    if (!staff) {
      if (c.get('player')) throw new DomainError('forbidden', 'admin session required');
      throw new DomainError('unauthenticated', 'admin login required');
    }
    if (!roleAtLeast(staff.role, role)) throw new DomainError('forbidden', `this needs the ${role} role; you are signed in as ${staff.role}`, { role });
    await next();
  };
}

/**
 * The admin guard from before staff roles: owner only, the safe default for a route whose
 * least role is not declared yet. Prefer `requireRole(<least role>)`; the authorization matrix
 * lists every admin route with its role.
 */
export function adminOnly(): MiddlewareHandler<AppEnv> {
  return requireRole('owner');
}

/** The signed-in staff member, for a route behind `requireRole`. */
export function requireStaff(c: Context<AppEnv>): StaffPrincipal {
  const staff = c.get('staff');
  if (!staff) throw new DomainError('unauthenticated', 'admin login required');
  return staff;
}
