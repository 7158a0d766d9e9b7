import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { DomainError } from '../../domain/errors.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { EventActionParamSchema, EventResetSchema, EventSettingsPatchSchema, ExtendBodySchema } from './event.schema.ts';
import type { EventAction } from './clock.ts';

/** Public: `GET /api/event` and the screen's join panel. */
export function eventRoutes(services: Services) {
  const { events, ctx } = services;
  let qrCache: { url: string; svg: string } | undefined;
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(events.publicView()))
    .get('/join-info', async (c) => {
      // The join panel shows the event code on the projector before and during the event.
      const view = events.publicView();
      if (view.state === 'ended') throw new DomainError('not_found', 'the event has ended');
      const u = new URL(c.req.url);
      const proto = c.req.header('x-forwarded-proto') ?? u.protocol.replace(':', '');
      const host = c.req.header('x-forwarded-host') ?? c.req.header('host') ?? u.host;
      const url = `${proto}://${host}/?code=${encodeURIComponent(ctx.secrets.eventCode)}`;
      if (qrCache?.url !== url) qrCache = { url, svg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
      return c.json({ url: `${proto}://${host}/`, joinUrl: url, eventCode: ctx.secrets.eventCode, qrSvg: qrCache.svg });
    });
}

/** Admin: the clock (facilitators), settings and the reset (the owner). */
export function adminEventRoutes(services: Services) {
  const { events, reset } = services;
  return (
    new Hono<AppEnv>()
      .get('/', requireRole('support'), (c) => c.json(services.events.adminView()))
      .patch('/', requireRole('owner'), validate('json', EventSettingsPatchSchema), async (c) =>
        c.json(await events.updateSettings(requireStaff(c), c.req.valid('json'))),
      )
      // Before `/:action`, which would take `reset` for an unknown clock action.
      .post('/reset', requireRole('owner'), validate('json', EventResetSchema), async (c) => c.json(await reset.reset(requireStaff(c), c.req.valid('json'))))
      .post('/:action', requireRole('facilitator'), validate('param', EventActionParamSchema), async (c) => {
        const { action } = c.req.valid('param');
        let act: EventAction;
        if (action === 'extend') {
          const body = ExtendBodySchema.safeParse(await c.req.json().catch(() => undefined));
          if (!body.success) throw new DomainError('invalid_input', 'minutes: give a whole number of minutes from 1 to 10080', { field: 'minutes' });
          act = { type: 'extend', minutes: body.data.minutes };
        } else {
          act = action;
        }
        const view = await events.act(requireStaff(c), act);
        // Timed rules past the end (a clue never released, a challenge never opening by time)
        // are said when the length is final: at the start. The admin can still extend.
        const warnings = act === 'start' ? services.challenges.timingWarnings(view.durationMinutes) : [];
        for (const warning of warnings) services.ctx.logger.warn('timed rule past the end of the event', { warning });
        return c.json({ ...view, warnings });
      })
  );
}
