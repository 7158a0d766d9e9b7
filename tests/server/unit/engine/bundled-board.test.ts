import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallengeTree, type LoadResult } from '../../../../server/features/challenges/challenge.loader.ts';
import { boardOrder } from '../../../../server/features/challenges/challenge.ts';
import { formatProblem } from '../../../../server/features/challenges/challenge.lint.ts';
import { GUESSABLE_BELOW, possibleAnswers } from '../../../../server/features/challenges/fair-play.lint.ts';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';

/** The bundled set as a board: order, categories, and no task won by guessing. */
let tree: LoadResult;

beforeAll(async () => {
  tree = await loadChallengeTree(BUNDLED_CHALLENGES, { requireLanguages: ['en', 'ja'] });
});

describe('the bundled board', () => {
  it('lints without a single warning', () => {
    expect(tree.warnings.map(formatProblem)).toEqual([]);
  });

  it('puts the warm-up first', () => {
    expect(boardOrder(tree.challenges)[0]?.definition.id).toBe('warm-up');
  });

  it('groups the challenges in a few categories of several cards each', () => {
    const counts = new Map<string, number>();
    for (const { definition } of tree.challenges) counts.set(definition.category, (counts.get(definition.category) ?? 0) + 1);
    expect(counts.size).toBeLessThanOrEqual(6);
    expect([...counts].filter(([category, n]) => category !== 'Warm-up' && n < 3)).toEqual([]);
  });

  it('makes every guessable task cost something to guess and stops a team before it has tried every answer', () => {
    const open: string[] = [];
    for (const { definition } of tree.challenges) {
      for (const task of definition.tasks) {
        const possible = possibleAnswers(task.answer as unknown as Record<string, unknown>);
        if (possible === undefined || possible >= GUESSABLE_BELOW) continue;
        const penalised = (task.wrongPenalty ?? 0) > 0;
        // A cap of n − 1 wrong attempts still lets a team reach the last of n answers.
        const capped = task.attempts !== undefined && task.attempts <= possible - 2;
        if (!penalised || !capped) open.push(`${definition.id}/${task.id} (${possible} possible answers)`);
      }
    }
    expect(open).toEqual([]);
  });
});
