import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff, requireTeamPlayer } from '../../http/auth.ts';
import { ValidationError } from '../../domain/errors.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { guessLanguage } from './chat.ts';
import {
  AdminSupportSendSchema,
  ChatPageQuerySchema,
  ChatSendSchema,
  SupportHandedSchema,
  SupportHandledSchema,
  SupportSendSchema,
  TeamIdParamSchema,
} from './chat.schema.ts';

/**
 * A team's own channels, mounted at `/api/team`: `chat` (members) and `support` (members and
 * the facilitators). History pages are oldest-first within the page; `nextBefore` fetches
 * the page before it.
 */
export function teamChatRoutes(services: Services) {
  const { chat } = services;
  return new Hono<AppEnv>()
    .get('/chat', validate('query', ChatPageQuerySchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { before, limit } = c.req.valid('query');
      return c.json(await chat.list(player.teamId, 'team', { playerId: player.playerId, admin: false, language: player.language }, before, limit));
    })
    .post('/chat', validate('json', ChatSendSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const author = { kind: 'player' as const, playerId: player.playerId, displayName: player.displayName, language: player.language };
      return c.json({ message: await chat.send(author, player.teamId, 'team', c.req.valid('json').text) }, 201);
    })
    .get('/support', validate('query', ChatPageQuerySchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { before, limit } = c.req.valid('query');
      return c.json(await chat.list(player.teamId, 'support', { playerId: player.playerId, admin: false, language: player.language }, before, limit));
    })
    .post('/support', validate('json', SupportSendSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { text, challengeId } = c.req.valid('json');
      if (challengeId !== undefined && !services.challenges.catalog.find(challengeId)) throw new ValidationError('challengeId', 'no such challenge');
      const author = { kind: 'player' as const, playerId: player.playerId, displayName: player.displayName, language: player.language };
      return c.json({ message: await chat.send(author, player.teamId, 'support', text, challengeId ?? null) }, 201);
    });
}

/** The support inbox, mounted at `/api/admin/support`: every staff role works it. */
export function adminSupportRoutes(services: Services) {
  const { chat, support } = services;
  return new Hono<AppEnv>()
    .use(requireRole('support'))
    .get('/', async (c) => c.json({ threads: await support.inbox() }))
    .get('/:teamId', validate('param', TeamIdParamSchema), validate('query', ChatPageQuerySchema), async (c) => {
      const { before, limit } = c.req.valid('query');
      return c.json(await support.open(c.req.valid('param').teamId, before, limit));
    })
    .post('/:teamId', validate('param', TeamIdParamSchema), validate('json', AdminSupportSendSchema), async (c) => {
      const { text, language } = c.req.valid('json');
      const staff = requireStaff(c);
      const author = { kind: 'facilitator' as const, language: language ?? guessLanguage(text), staff: { id: staff.id, name: staff.name } };
      return c.json({ message: await chat.send(author, c.req.valid('param').teamId, 'support', text) }, 201);
    })
    .post('/:teamId/handled', validate('param', TeamIdParamSchema), validate('json', SupportHandledSchema), async (c) => {
      return c.json({ thread: await support.setHandled(requireStaff(c), c.req.valid('param').teamId, c.req.valid('json').handled) });
    })
    .post('/:teamId/claim', validate('param', TeamIdParamSchema), async (c) => {
      return c.json({ thread: await support.claim(requireStaff(c), c.req.valid('param').teamId) });
    })
    .post('/:teamId/release', validate('param', TeamIdParamSchema), async (c) => {
      return c.json({ thread: await support.release(requireStaff(c), c.req.valid('param').teamId) });
    })
    .post('/:teamId/handover', validate('param', TeamIdParamSchema), validate('json', SupportHandedSchema), async (c) => {
      const { staffId, note } = c.req.valid('json');
      return c.json({ thread: await support.handover(requireStaff(c), c.req.valid('param').teamId, staffId, note ?? null) });
    });
}
