import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireTeamPlayer } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { AttemptSchema, ChallengeParamSchema, ClueParamSchema, RatingSchema, TaskParamSchema } from './play.schema.ts';

/** The challenge board and play: `/api/challenges/...`. */
export function playRoutes(services: Services) {
  const { views, play } = services;
  const origin = (url: string, header: (name: string) => string | undefined) => {
    const u = new URL(url);
    const proto = header('x-forwarded-proto') ?? u.protocol.replace(':', '');
    const host = header('x-forwarded-host') ?? header('host') ?? u.host;
    return `${proto}://${host}`;
  };

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const player = requireTeamPlayer(c);
      return c.json(await views.list(player.teamId, player.language));
    })
    .get('/:id', validate('param', ChallengeParamSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const detail = await views.detail(
        player.teamId,
        player.playerId,
        c.req.valid('param').id,
        player.language,
        origin(c.req.url, (n) => c.req.header(n)),
      );
      return c.json(detail);
    })
    .post('/:id/tasks/:taskId/attempts', validate('param', TaskParamSchema), validate('json', AttemptSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { id, taskId } = c.req.valid('param');
      const { challenge, task } = play.resolveTask(player.teamId, id, taskId, await views.lockCheck(player.teamId));
      return c.json(await play.attempt(player, challenge, task, c.req.valid('json').answer));
    })
    .post('/:id/tasks/:taskId/clues/:index', validate('param', ClueParamSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { id, taskId, index } = c.req.valid('param');
      const { challenge, task } = play.resolveTask(player.teamId, id, taskId, await views.lockCheck(player.teamId));
      return c.json(await play.unlockClue(player, challenge, task, index));
    })
    .post('/:id/rating', validate('param', ChallengeParamSchema), validate('json', RatingSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const challenge = play.resolveChallenge(c.req.valid('param').id);
      const { stars, comment } = c.req.valid('json');
      return c.json(await play.rate(player, challenge, stars, comment));
    });
}
