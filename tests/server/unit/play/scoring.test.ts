import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availablePoints, immediatePenalty, taskAward } from '../../../../server/features/play/scoring.ts';

const points = fc.integer({ min: 1, max: 1000 });
const penalties = fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 3 });

describe('taskAward', () => {
  it('takes the unlocked clue penalties off the points', () => {
    expect(taskAward(100, [])).toBe(100);
    expect(taskAward(100, [20])).toBe(80);
    expect(taskAward(100, [20, 40])).toBe(40);
  });

  it('stops at zero when the penalties exceed the points', () => {
    expect(taskAward(100, [60, 60])).toBe(0);
  });

  it('is never negative and never more than the points', () => {
    fc.assert(
      fc.property(points, penalties, (p, pens) => {
        const award = taskAward(p, pens);
        expect(award).toBeGreaterThanOrEqual(0);
        expect(award).toBeLessThanOrEqual(p);
        expect(availablePoints(p, pens)).toBe(award);
      }),
    );
  });
});

describe('immediatePenalty', () => {
  it('costs the unlocked penalties of an unsolved task, at most its points', () => {
    expect(immediatePenalty(100, [20, 40])).toBe(60);
    expect(immediatePenalty(100, [60, 60])).toBe(100);
    expect(immediatePenalty(100, [])).toBe(0);
  });

  it('makes solving a task worth exactly its points in immediate mode', () => {
    fc.assert(
      fc.property(points, penalties, (p, pens) => {
        // Unlocking took immediatePenalty off; the solve gives it back with the award.
        expect(taskAward(p, pens) + immediatePenalty(p, pens)).toBe(p);
      }),
    );
  });
});
