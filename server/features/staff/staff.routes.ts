import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { StaffCreateSchema, StaffParamSchema } from './staff.schema.ts';

/**
 * `/api/admin/staff`: every staff member can see who is on the team (support hands threads
 * to a named colleague); only the owner adds people and revokes them.
 */
export function staffRoutes({ staff }: Services) {
  return new Hono<AppEnv>()
    .get('/', requireRole('support'), async (c) => c.json({ staff: await staff.list() }))
    .post('/', requireRole('owner'), validate('json', StaffCreateSchema), async (c) => {
      return c.json(await staff.create(requireStaff(c), c.req.valid('json')), 201);
    })
    .delete('/:id', requireRole('owner'), validate('param', StaffParamSchema), async (c) => {
      return c.json({ staff: await staff.revoke(requireStaff(c), c.req.valid('param').id) });
    });
}
