import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { adminOnly } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { TeamRenameSchema } from '../teams/teams.schema.ts';
import { AdjustmentCreateSchema, DisqualifySchema, MemberParamSchema, ReinstateSchema, TeamParamSchema } from './admin.schema.ts';

/** `/api/admin/teams`: the overview, rename, remove a player, disqualify, adjust scores. */
export function adminTeamsRoutes(services: Services) {
  const { admin } = services;
  return new Hono<AppEnv>()
    .use(adminOnly())
    .get('/', async (c) => c.json(await admin.teams.list()))
    .patch('/:id', validate('param', TeamParamSchema), validate('json', TeamRenameSchema), async (c) => {
      return c.json({ team: await admin.teams.rename(c.req.valid('param').id, c.req.valid('json').name) });
    })
    .delete('/:id/members/:playerId', validate('param', MemberParamSchema), async (c) => {
      const { id, playerId } = c.req.valid('param');
      return c.json({ team: await admin.teams.removeMember(id, playerId) });
    })
    .post('/:id/disqualify', validate('param', TeamParamSchema), validate('json', DisqualifySchema), async (c) => {
      return c.json(await admin.teams.setDisqualified(c.req.valid('param').id, true, c.req.valid('json').reason));
    })
    .post('/:id/reinstate', validate('param', TeamParamSchema), validate('json', ReinstateSchema), async (c) => {
      return c.json(await admin.teams.setDisqualified(c.req.valid('param').id, false, c.req.valid('json').reason));
    })
    .get('/:id/adjustments', validate('param', TeamParamSchema), async (c) => {
      return c.json({ adjustments: await admin.teams.adjustments(c.req.valid('param').id) });
    })
    .post('/:id/adjustments', validate('param', TeamParamSchema), validate('json', AdjustmentCreateSchema), async (c) => {
      return c.json(await admin.teams.adjust(c.req.valid('param').id, c.req.valid('json')), 201);
    });
}
