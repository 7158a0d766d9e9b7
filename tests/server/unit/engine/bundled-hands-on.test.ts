import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallengeTree, type LoadResult } from '../../../../server/features/challenges/challenge.loader.ts';
import type { TaskDefinition } from '../../../../server/features/challenges/challenge.ts';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';

/**
 * A Jam is hands-on: at least one third of the bundled set's points come from `lab` and `check`
 * tasks (issue 14). Two things get it there. More hands-on tasks, where a lab teaches something
 * real (reserving Lambda concurrency for the peak the logs show). And weight: a hands-on task
 * weighs more than any recall task, because it is the work itself (read the service, diagnose,
 * change the environment, have the change checked) where a quiz asks to recognise an answer. A
 * flag found by following a procedure is worth 500 to 700 points, a lab's culminating change up
 * to 1,000; a quiz keeps its 50 to 300.
 */
const HANDS_ON_SHARE = 1 / 3;
const HANDS_ON_POINTS = { min: 500, max: 1000 };
/** The core topics, and every challenge issue 14 gave a lab. */
const MUST_BE_HANDS_ON = [
  'ecr-pull-flow',
  'aurora-limitless-routers',
  'kinesis-service-choice',
  'lambda-tuning',
  'gray-failure',
  'dynamodb-cost',
  'aurora-global-bluegreen',
];

let tree: LoadResult;
const handsOn = (task: TaskDefinition) => task.answer.type === 'lab' || task.answer.type === 'check';

beforeAll(async () => {
  tree = await loadChallengeTree(BUNDLED_CHALLENGES, { requireLanguages: ['en', 'ja'] });
});

function share() {
  const tasks = tree.challenges.flatMap((c) => c.definition.tasks);
  const total = tasks.reduce((sum, t) => sum + t.points, 0);
  const hands = tasks.filter(handsOn).reduce((sum, t) => sum + t.points, 0);
  return { total, hands, share: hands / total };
}

describe('the bundled set is a Jam: hands-on tasks', () => {
  it('gives each core topic at least one hands-on task', () => {
    for (const id of MUST_BE_HANDS_ON) {
      const challenge = tree.challenges.find((c) => c.definition.id === id)?.definition;
      expect(challenge, id).toBeDefined();
      expect(challenge?.tasks.filter(handsOn).length ?? 0, id).toBeGreaterThan(0);
    }
  });

  it('weighs every hands-on task by its effort, 500 to 1,000 points, above every recall task', () => {
    const tasks = tree.challenges.flatMap((c) =>
      c.definition.tasks.map((t) => ({ where: `${c.definition.id}/${t.id}`, points: t.points, handsOn: handsOn(t) })),
    );
    const off = tasks.filter((t) => t.handsOn && (t.points < HANDS_ON_POINTS.min || t.points > HANDS_ON_POINTS.max));
    expect(off).toEqual([]);
    const heaviestQuiz = Math.max(...tasks.filter((t) => !t.handsOn).map((t) => t.points));
    expect(heaviestQuiz).toBeLessThan(HANDS_ON_POINTS.min);
  });

  it('draws at least one third of the points from hands-on tasks', () => {
    const { total, hands, share: now } = share();
    expect(now, `${hands} of ${total} points are hands-on`).toBeGreaterThanOrEqual(HANDS_ON_SHARE);
  });
});
