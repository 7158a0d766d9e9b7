import type { Services } from '../../services.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { ECR_LAB_NAME } from './ecr/ecr.image.ts';
import { type EcrState, ecrRegistryLab } from './ecr/ecr.lab.ts';
import { deriveLabFlag } from './lab.flags.ts';
import { insertLabRequest } from './lab-request.repository.ts';
import { createLabsRoutes } from './labs.routes.ts';

/**
 * Connects the labs to the game: team lab tokens from the database, flags derived for the
 * task in play that uses the lab, and the request log admins read.
 */
export function labsRoutes(services: Services) {
  const { ctx, teams, challenges } = services;
  const first = ecrRegistryLab.flags?.[0];
  const labTask = (slot: string) => {
    for (const challenge of challenges.inPlay()) {
      for (const task of challenge.tasks) {
        if (task.answer.type === 'lab' && task.answer.lab === ECR_LAB_NAME && (task.answer.flag ?? first) === slot) {
          return { challengeId: challenge.id, taskId: task.id };
        }
      }
    }
    // No task in play asks for this flag: the image still needs one, and it matches no task.
    return { challengeId: 'ecr-pull-flow', taskId: `unused-${slot}` };
  };
  return createLabsRoutes({
    aws: {
      labs: services.labs,
      now: ctx.now,
      logger: ctx.logger,
      // A burst of 40, then 10 calls a second per team and lab: a CLI loop runs, a runaway script is told to slow down.
      limiter: new TokenBucketLimiter<string>({ capacity: 40, refillPerMinute: 600 }),
    },
    limitless: { labs: services.labs },
    secret: ctx.secrets.labSecret,
    now: ctx.now,
    async findTeamByLabToken(token) {
      if (token.length > 200) return undefined;
      const teamId = await teams.findTeamIdByLabToken(token);
      return teamId === undefined ? undefined : { teamId };
    },
    async repositoriesOf(teamId) {
      const { output } = await services.labs.run(teamId, ecrRegistryLab, true, ctx.now(), (state) => ({ output: state as EcrState }));
      return output.repositories;
    },
    flagFor(teamId, slot) {
      const { challengeId, taskId } = labTask(slot);
      return deriveLabFlag(ctx.secrets.labSecret, teamId, challengeId, taskId);
    },
    logRequest(entry) {
      insertLabRequest(ctx.db, entry).catch((error: Error) => ctx.logger.warn('lab request log failed', { error: error.message }));
    },
  });
}
