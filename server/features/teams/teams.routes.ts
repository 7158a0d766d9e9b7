import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { PLAYER_COOKIE, clearSessionCookie, requirePlayer, requireTeamPlayer, setSessionCookie } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import * as authRepository from '../auth/auth.repository.ts';
import { hashToken } from '../auth/tokens.ts';
import { getCookie } from 'hono/cookie';
import type { Services } from '../../services.ts';
import { JoinSchema, PlayerUpdateSchema, TeamCreateSchema, TeamJoinSchema, TeamMatchSchema, TeamRenameSchema } from './teams.schema.ts';

/** Wrong event codes per client address per minute: enough for typos, not for guessing. */
const BAD_CODE_LIMIT = 20;

export function teamsRoutes(services: Services) {
  const { teams, formation, scoreboard, ctx, clientAddress } = services;
  const badCodes = new SlidingWindowLimiter(60_000);

  return new Hono<AppEnv>()
    .post('/join', validate('json', JoinSchema), async (c) => {
      const key = clientAddress(c);
      const gate = badCodes.peek(key, BAD_CODE_LIMIT, Date.now());
      if (!gate.allowed) throw new RateLimitedError('too many wrong event codes; wait a moment', gate.retryAfterSeconds);
      try {
        const { player, token } = await teams.join(c.req.valid('json'));
        setSessionCookie(c, PLAYER_COOKIE, token);
        return c.json({ player }, 201);
      } catch (error) {
        // Only a wrong code counts: joins failing while the database is away must not lock
        // everyone behind one address out for a minute once it is back.
        if (error instanceof DomainError && error.details?.field === 'eventCode') badCodes.take(key, BAD_CODE_LIMIT, Date.now());
        throw error;
      }
    })
    .post('/logout', async (c) => {
      const token = getCookie(c, PLAYER_COOKIE);
      if (token) {
        await authRepository.deleteSession(ctx.db, hashToken(token));
        services.sessions.forgetToken(hashToken(token));
      }
      clearSessionCookie(c, PLAYER_COOKIE);
      return c.json({ ok: true });
    })
    .get('/me', async (c) => {
      const player = requirePlayer(c);
      const team = player.teamId === null ? null : await teams.getTeam(player.teamId);
      const standing = team ? await scoreboard.teamStanding(team.id) : null;
      return c.json({
        player: { id: player.playerId, displayName: player.displayName, language: player.language, teamId: player.teamId },
        team: team && { ...team, rank: standing?.rank ?? null, publicScore: standing?.score ?? null },
      });
    })
    .patch('/me', validate('json', PlayerUpdateSchema), async (c) => {
      const player = requirePlayer(c);
      return c.json({ player: await teams.updatePlayer(player.playerId, c.req.valid('json')) });
    })
    .post('/teams', validate('json', TeamCreateSchema), async (c) => {
      const player = requirePlayer(c);
      const team = await teams.createTeam(player.playerId, c.req.valid('json').name);
      return c.json({ team }, 201);
    })
    .post('/teams/join', validate('json', TeamJoinSchema), async (c) => {
      const player = requirePlayer(c);
      return c.json({ team: await teams.joinTeam(player.playerId, c.req.valid('json').joinCode) });
    })
    .post('/teams/match', validate('json', TeamMatchSchema), async (c) => {
      const player = requirePlayer(c);
      return c.json({ team: await formation.match(player.playerId, c.req.valid('json')) });
    })
    .post('/team/leave', async (c) => {
      const player = requireTeamPlayer(c);
      await teams.leaveTeam(player.playerId);
      return c.json({ ok: true });
    })
    .patch('/team', validate('json', TeamRenameSchema), async (c) => {
      const player = requireTeamPlayer(c);
      return c.json({ team: await teams.renameTeam(player.playerId, player.teamId, c.req.valid('json').name) });
    })
    .post('/team/lab-token/rotate', async (c) => {
      const player = requireTeamPlayer(c);
      return c.json({ team: await teams.rotateLabToken(player.teamId) });
    });
}
