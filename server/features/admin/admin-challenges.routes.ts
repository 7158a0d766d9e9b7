import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../http/env.ts';
import { requireRole, requireStaff } from '../../http/auth.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { AttemptSchema, ChallengeParamSchema, TaskParamSchema } from '../play/play.schema.ts';

const PreviewQuerySchema = z.object({ language: z.enum(['en', 'ja']).default('en') });

/**
 * Admin view of the set: both languages, hidden ones too, and reload with the lint report;
 * putting a held-back challenge in play, opening a locked one for everyone, and the preview.
 */
export function adminChallengeRoutes(services: Services) {
  const { challenges, preview } = services;
  return (
    new Hono<AppEnv>()
      // Every console view names challenges by this list: read-only, so support may read it.
      .get('/', requireRole('support'), (c) =>
        c.json({
          challenges: challenges.catalog.all().map((ch) => ({
            id: ch.id,
            title: ch.title,
            category: ch.category,
            difficulty: ch.difficulty,
            source: ch.source,
            hidden: ch.hidden,
            /** The file says `hidden: true` and no admin has put it in play yet. */
            held: ch.held,
            inPlay: challenges.isInPlay(ch),
            unlock: ch.unlock,
            openedAt: ch.openedAt?.toISOString() ?? null,
            contentHash: ch.contentHash,
            tasks: ch.tasks.map((t) => ({
              id: t.id,
              index: t.index,
              title: t.title,
              points: t.points,
              type: t.answer.type,
              attempts: t.attempts,
              wrongPenalty: t.wrongPenalty,
              clues: t.clues.map((cl) => ({ index: cl.index, penalty: cl.penalty, releaseAfterMinutes: cl.releaseAfterMinutes })),
            })),
          })),
        }),
      )
      // What is in play is the owner's call, like the other settings.
      .post('/reload', requireRole('owner'), async (c) => {
        const report = await challenges.reload(undefined, requireStaff(c));
        return c.json(report, report.ok ? 200 : 422);
      })
      .post('/:id/release', requireRole('owner'), validate('param', ChallengeParamSchema), async (c) => {
        await challenges.release(c.req.valid('param').id, requireStaff(c));
        return c.json({ ok: true as const });
      })
      // Opening a locked challenge for everyone is running the event: facilitators do it.
      .post('/:id/open', requireRole('facilitator'), validate('param', ChallengeParamSchema), async (c) => {
        await challenges.open(c.req.valid('param').id, requireStaff(c));
        return c.json({ ok: true as const });
      })
      // The preview checks answers against the keys: not for support.
      .get('/:id/preview', requireRole('facilitator'), validate('param', ChallengeParamSchema), validate('query', PreviewQuerySchema), (c) =>
        c.json(preview.view(c.req.valid('param').id, c.req.valid('query').language)),
      )
      .post('/:id/tasks/:taskId/try', requireRole('facilitator'), validate('param', TaskParamSchema), validate('json', AttemptSchema), (c) => {
        const { id, taskId } = c.req.valid('param');
        return c.json(preview.tryAnswer(id, taskId, c.req.valid('json').answer));
      })
  );
}
