import { Hono } from 'hono';
import QRCode from 'qrcode';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';
import { validate, validateOptionalJson } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { EventActionBodySchema, EventActionParamSchema, EventResetSchema, EventSettingsPatchSchema, ScreenSettingsPatchSchema } from './event.schema.ts';
import type { EventAction } from './clock.ts';
import { joinUrl, roomAddress } from './room.ts';

/** The join panel's content for a request: the room address, the event code and its QR code. */
function joinInfoFor(services: Services) {
  const { ctx } = services;
  let qrCache: { url: string; svg: string } | undefined;
  return async (requestUrl: string, header: (name: string) => string | undefined) => {
    const u = new URL(requestUrl);
    const proto = header('x-forwarded-proto') ?? u.protocol.replace(':', '');
    const host = header('x-forwarded-host') ?? header('host') ?? u.host;
    const { config } = ctx;
    const room = roomAddress({ publicUrl: config.publicUrl, host: config.host, port: config.port, requestOrigin: `${proto}://${host}` });
    const link = joinUrl(room, ctx.secrets.eventCode);
    if (qrCache?.url !== link) qrCache = { url: link, svg: await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) };
    return {
      url: room.url,
      joinUrl: link,
      eventCode: ctx.secrets.eventCode,
      qrSvg: qrCache.svg,
      /** Players' devices cannot open this address: the panel warns and says how to fix it. */
      loopback: room.loopback,
      source: room.source,
    };
  };
}

/** Public: `GET /api/event` and the screen's join panel. */
export function eventRoutes(services: Services) {
  const { events } = services;
  const joinInfo = joinInfoFor(services);
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(events.publicView()))
    .get('/join-info', async (c) => {
      // The join panel shows the event code on the projector before and during the event.
      const view = events.publicView();
      if (view.state === 'ended') throw new DomainError('not_found', 'the event has ended');
      return c.json(await joinInfo(c.req.url, (name) => c.req.header(name)));
    });
}

/** Admin: the clock (facilitators), settings and the reset (the owner). */
export function adminEventRoutes(services: Services) {
  const { events, reset, ctx } = services;
  const joinInfo = joinInfoFor(services);
  return (
    new Hono<AppEnv>()
      .get('/', requireRole('support'), (c) => c.json(services.events.adminView()))
      // The console's join panel and room check: always available, whatever the event's state.
      .get('/setup', requireRole('support'), async (c) =>
        c.json({
          ...(await joinInfo(c.req.url, (name) => c.req.header(name))),
          publicUrlSet: ctx.config.publicUrl !== undefined,
          translation: { provider: ctx.config.translate.provider },
        }),
      )
      .patch('/', requireRole('owner'), validate('json', EventSettingsPatchSchema), async (c) =>
        c.json(await events.updateSettings(requireStaff(c), c.req.valid('json'))),
      )
      // The projector is the facilitators' too: its language and the pace of the results.
      .patch('/screen', requireRole('facilitator'), validate('json', ScreenSettingsPatchSchema), async (c) =>
        c.json(await events.updateSettings(requireStaff(c), c.req.valid('json'))),
      )
      // Before `/:action`, which would take `reset` for an unknown clock action.
      .post('/reset', requireRole('owner'), validate('json', EventResetSchema), async (c) => c.json(await reset.reset(requireStaff(c), c.req.valid('json'))))
      .post(
        '/:action',
        requireRole('facilitator'),
        validate('param', EventActionParamSchema),
        validateOptionalJson(EventActionBodySchema, 'minutes'),
        async (c) => {
          const { action } = c.req.valid('param');
          let act: EventAction;
          if (action === 'extend') {
            const { minutes } = c.req.valid('json');
            if (minutes === undefined) throw new ValidationError('minutes', 'give a whole number of minutes from 1 to 10080');
            act = { type: 'extend', minutes };
          } else {
            act = action;
          }
          const view = await events.act(requireStaff(c), act);
          // Timed rules past the end (a clue never released, a challenge never opening by time)
          // are said when the length is final: at the start. The admin can still extend.
          const warnings = act === 'start' ? services.challenges.timingWarnings(view.durationMinutes) : [];
          for (const warning of warnings) services.ctx.logger.warn('timed rule past the end of the event', { warning });
          return c.json({ ...view, warnings });
        },
      )
  );
}
