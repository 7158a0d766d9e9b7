import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { adminOnly } from '../../http/auth.ts';
import type { Services } from '../../services.ts';

/** Admin view of the set: both languages, hidden ones too, and reload with the lint report. */
export function adminChallengeRoutes(services: Services) {
  const { challenges } = services;
  return new Hono<AppEnv>()
    .use(adminOnly())
    .get('/', (c) =>
      c.json({
        challenges: challenges.catalog.all().map((ch) => ({
          id: ch.id,
          title: ch.title,
          category: ch.category,
          difficulty: ch.difficulty,
          source: ch.source,
          hidden: ch.hidden,
          inPlay: challenges.isInPlay(ch),
          contentHash: ch.contentHash,
          tasks: ch.tasks.map((t) => ({
            id: t.id,
            index: t.index,
            title: t.title,
            points: t.points,
            type: t.answer.type,
            clues: t.clues.map((cl) => ({ index: cl.index, penalty: cl.penalty })),
          })),
        })),
      }),
    )
    .post('/reload', async (c) => {
      const report = await challenges.reload();
      return c.json(report, report.ok ? 200 : 422);
    });
}
