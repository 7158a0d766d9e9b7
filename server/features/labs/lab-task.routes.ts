import { Hono } from 'hono';
import type { AppEnv } from '../../http/env.ts';
import { requireTeamPlayer } from '../../http/auth.ts';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import { validate } from '../../http/validate.ts';
import type { Services } from '../../services.ts';
import { resolveText } from '../challenges/challenge.ts';
import { TaskParamSchema } from '../play/play.schema.ts';

/** Restarts per team and lab per minute: enough to recover, too few to hammer the database. */
const RESETS_PER_MINUTE = 5;

/**
 * The lab side of a task (`/api/challenges/:id/tasks/:taskId/...`): "Check my progress" on a
 * check task, and restarting the team's lab. The task decides which lab: its answer is
 * `{ type: lab|check, lab }`.
 */
export function labTaskRoutes(services: Services) {
  const { play, views, labs, ctx } = services;
  const resetLimiter = new SlidingWindowLimiter(60_000);

  const labTask = async (c: { req: { valid(target: 'param'): { id: string; taskId: string } } }, teamId: number) => {
    const { id, taskId } = c.req.valid('param');
    const { challenge, task } = play.resolveTask(teamId, id, taskId, await views.lockCheck(teamId));
    if (task.answer.type !== 'lab' && task.answer.type !== 'check') throw new DomainError('not_found', `task "${taskId}" has no lab`);
    return { challenge, task, lab: task.answer.lab };
  };

  return new Hono<AppEnv>()
    .post('/:id/tasks/:taskId/check', validate('param', TaskParamSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { challenge, task } = await labTask(c, player.teamId);
      if (task.answer.type !== 'check') throw new DomainError('not_found', `task "${task.id}" is not a check task; submit its flag instead`);
      const { lab, check } = task.answer;
      // The attempt path decides admission and scoring; the lab's validator decides correctness.
      const { result, verdict } = await play.checkAttempt(player, challenge, task, async () => {
        const v = await labs.check(player.teamId, lab, check);
        const done = v.progress.filter((p) => p.done).length;
        return { ...v, answer: { check, passed: v.passed, done, total: v.progress.length } };
      });
      await labs.announceCheck(player, { challengeId: challenge.id, taskId: task.id }, lab, verdict.answer);
      return c.json({ ...result, progress: verdict.progress.map((p) => ({ label: resolveText(p.label, player.language), done: p.done })) });
    })
    .post('/:id/tasks/:taskId/lab/reset', validate('param', TaskParamSchema), async (c) => {
      const player = requireTeamPlayer(c);
      const { challenge, task, lab } = await labTask(c, player.teamId);
      const taken = resetLimiter.take(`${player.teamId}:${lab}`, RESETS_PER_MINUTE, ctx.now().getTime());
      if (!taken.allowed) {
        throw new RateLimitedError(`at most ${RESETS_PER_MINUTE} lab restarts a minute; wait ${taken.retryAfterSeconds} s`, taken.retryAfterSeconds);
      }
      const resets = await labs.reset(player, { challengeId: challenge.id, taskId: task.id }, lab);
      return c.json({ lab, resets });
    });
}
