import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { ChatPageQuerySchema } from '../chat/chat.schema.ts';
import { NameLockSchema, PlayerMoveSchema, PlayerParamSchema, TeamAssignSchema, TeamRenameSchema } from '../teams/teams.schema.ts';
import { AdjustmentCreateSchema, DisqualifySchema, MemberParamSchema, ReinstateSchema, TeamParamSchema } from './admin.schema.ts';

/**
 * `/api/admin/teams`: the overview (support reads it), forming and fixing teams
 * (facilitators), and what changes results: disqualifying and adjusting scores (the owner).
 */
export function adminTeamsRoutes(services: Services) {
  const { admin, formation } = services;
  const { support } = services;
  return (
    new Hono<AppEnv>()
      .get('/', requireRole('support'), async (c) => c.json(await admin.teams.list()))
      .post('/assign', requireRole('facilitator'), validate('json', TeamAssignSchema), async (c) => {
        const { mode, preview } = c.req.valid('json');
        return c.json({ preview, assignment: preview ? await formation.previewAssignment(mode) : await formation.assign(requireStaff(c), mode) });
      })
      .patch('/:id', requireRole('facilitator'), validate('param', TeamParamSchema), validate('json', TeamRenameSchema), async (c) => {
        return c.json({ team: await admin.teams.rename(requireStaff(c), c.req.valid('param').id, c.req.valid('json').name) });
      })
      .post('/:id/name-lock', requireRole('facilitator'), validate('param', TeamParamSchema), validate('json', NameLockSchema), async (c) => {
        return c.json({ team: await formation.lockName(requireStaff(c), c.req.valid('param').id, c.req.valid('json').locked) });
      })
      .delete('/:id/members/:playerId', requireRole('facilitator'), validate('param', MemberParamSchema), async (c) => {
        const { id, playerId } = c.req.valid('param');
        return c.json({ team: await admin.teams.removeMember(requireStaff(c), id, playerId) });
      })
      // A team's own chat, once it asked for help (audited: players' chat is private otherwise).
      .get('/:id/chat', requireRole('facilitator'), validate('param', TeamParamSchema), validate('query', ChatPageQuerySchema), async (c) => {
        const { before, limit } = c.req.valid('query');
        return c.json(await support.readTeamChat(requireStaff(c), c.req.valid('param').id, before, limit));
      })
      .post('/:id/disqualify', requireRole('owner'), validate('param', TeamParamSchema), validate('json', DisqualifySchema), async (c) => {
        return c.json(await admin.teams.setDisqualified(requireStaff(c), c.req.valid('param').id, true, c.req.valid('json').reason));
      })
      .post('/:id/reinstate', requireRole('owner'), validate('param', TeamParamSchema), validate('json', ReinstateSchema), async (c) => {
        return c.json(await admin.teams.setDisqualified(requireStaff(c), c.req.valid('param').id, false, c.req.valid('json').reason));
      })
      .get('/:id/adjustments', requireRole('facilitator'), validate('param', TeamParamSchema), async (c) => {
        return c.json({ adjustments: await admin.teams.adjustments(c.req.valid('param').id) });
      })
      .post('/:id/adjustments', requireRole('owner'), validate('param', TeamParamSchema), validate('json', AdjustmentCreateSchema), async (c) => {
        return c.json(await admin.teams.adjust(requireStaff(c), c.req.valid('param').id, c.req.valid('json')), 201);
      })
  );
}

/** `/api/admin/players/:id/move`: a facilitator moves one player into another team. */
export function adminPlayersRoutes({ formation }: Services) {
  return new Hono<AppEnv>().post(
    '/:id/move',
    requireRole('facilitator'),
    validate('param', PlayerParamSchema),
    validate('json', PlayerMoveSchema),
    async (c) => {
      return c.json({ team: await formation.move(requireStaff(c), c.req.valid('param').id, c.req.valid('json').teamId) });
    },
  );
}
