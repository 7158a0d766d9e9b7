import { describe, expectTypeOf, it } from 'vitest';
import { type ApiError, type ApiErrorCode, api, type getChallenge, getMe, getScoreboard, submitAttempt, unlockClue } from '../../client/api.ts';
import type { ErrorBody, ErrorCode, LabTaskAnswer, Scoreboard } from '../../client/api-types.ts';
import { eventAction, getAdminEvent, type reloadChallenges } from '../../client/admin/admin-api.ts';
import type { ERROR_CODES } from '../../server/domain/errors.ts';
import type { BoardPageDto } from '../../server/features/scoreboard/scoreboard.service.ts';
import type { ReloadReport } from '../../server/features/challenges/challenge.service.ts';

/**
 * The client's calls are typed from the routes (`hc<AppType>`): these checks run in `tsc`
 * (vitest only loads the file). A renamed route, a changed DTO or a new error code that the
 * client does not see fails here.
 */
describe('the type chain from the routes to the client', () => {
  it('infers responses from the handlers, never any', () => {
    expectTypeOf(getMe).returns.resolves.not.toBeAny();
    expectTypeOf(getMe).returns.resolves.toHaveProperty('player').toEqualTypeOf<{
      id: number;
      displayName: string;
      language: 'en' | 'ja';
      teamId: number | null;
    }>();
    expectTypeOf(submitAttempt).returns.resolves.toEqualTypeOf<{ correct: boolean; awarded: number; alreadySolved: boolean; attemptsLeft?: number }>();
    expectTypeOf(unlockClue).returns.resolves.toHaveProperty('clue').toHaveProperty('released').toEqualTypeOf<boolean>();
  });

  it('types the pre-serialised board as the DTO it was serialised from', () => {
    expectTypeOf(getScoreboard).returns.resolves.toEqualTypeOf<BoardPageDto>();
    expectTypeOf<Scoreboard>().toEqualTypeOf<BoardPageDto>();
  });

  it("keeps a lab task's access in the challenge detail", () => {
    type Task = Awaited<ReturnType<typeof getChallenge>>['tasks'][number];
    expectTypeOf<Extract<Task['answer'], { type: 'lab' }>>().toHaveProperty('endpoint').toEqualTypeOf<string>();
    expectTypeOf<LabTaskAnswer>().toHaveProperty('token').toEqualTypeOf<string>();
  });

  it('takes a status the caller accepts as a result (the lint report on 422)', () => {
    type Report = Awaited<ReturnType<typeof reloadChallenges>>;
    expectTypeOf<Report>().toExtend<ReloadReport>();
    expectTypeOf<ReloadReport>().toExtend<Report>();
    expectTypeOf(getAdminEvent).returns.resolves.toHaveProperty('state').toEqualTypeOf<'draft' | 'running' | 'paused' | 'ended'>();
    expectTypeOf(eventAction).parameter(0).toEqualTypeOf<'start' | 'pause' | 'resume' | 'end' | 'freeze' | 'unfreeze' | 'reveal' | 'extend'>();
  });

  it('checks paths, parameters and bodies against the routes', () => {
    // Never called: the compiler checks these lines.
    const unused = () => {
      // @ts-expect-error no such route
      void api.challenge.$get();
      // @ts-expect-error the task route needs both parameters
      void api.challenges[':id'].tasks[':taskId'].attempts.$post({ param: { id: 'c' }, json: { answer: 'x' } });
      // @ts-expect-error TeamCreateSchema takes `name`
      void api.teams.$post({ json: { title: 'x' } });
      // @ts-expect-error the rating is a number of stars
      void api.challenges[':id'].rating.$post({ param: { id: 'c' }, json: { stars: 'five' } });
    };
    expectTypeOf(unused).toBeFunction();
  });

  it('shares one union of error codes between the server and the client', () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<(typeof ERROR_CODES)[number]>();
    expectTypeOf<ErrorBody['error']['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ApiError['code']>().toEqualTypeOf<ApiErrorCode>();
    expectTypeOf<ApiErrorCode>().toEqualTypeOf<ErrorCode | 'network' | `http_${number}`>();
    expectTypeOf<'rate_limited'>().toExtend<ApiErrorCode>();
    expectTypeOf<'no_such_code'>().not.toExtend<ApiErrorCode>();
  });
});
