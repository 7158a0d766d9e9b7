import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availablePoints, awardBreakdown, immediateCost, immediatePenalty, taskAward } from '../../../../server/features/play/scoring.ts';

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

describe('wrong-attempt penalties', () => {
  const wrong = fc.integer({ min: 0, max: 1000 });

  it('take wrong × P off the award with the clues, never below zero', () => {
    expect(taskAward(100, [20], 10)).toBe(70);
    expect(taskAward(100, [60], 50)).toBe(0);
    fc.assert(
      fc.property(points, penalties, wrong, (p, pens, w) => {
        const award = taskAward(p, pens, w);
        expect(award).toBe(Math.max(0, p - pens.reduce((a, b) => a + b, 0) - w));
        expect(availablePoints(p, pens, w)).toBe(award);
      }),
    );
  });

  it('cost at once in immediate mode only what the task has left, and a solve still nets exactly its points', () => {
    expect(immediateCost(100, { clues: [80], wrong: 0 }, { wrong: 30 })).toBe(20);
    expect(immediateCost(100, { clues: [], wrong: 90 }, { clue: 20 })).toBe(10);
    fc.assert(
      fc.property(points, penalties, wrong, fc.integer({ min: 0, max: 300 }), (p, pens, w, next) => {
        const before = immediatePenalty(p, pens, w);
        const cost = immediateCost(p, { clues: pens, wrong: w }, { wrong: next });
        expect(cost).toBeGreaterThanOrEqual(0);
        expect(before + cost).toBe(immediatePenalty(p, pens, w + next));
        expect(before + cost).toBeLessThanOrEqual(p);
        expect(taskAward(p, pens, w + next) + immediatePenalty(p, pens, w + next)).toBe(p);
      }),
    );
  });
});

describe('awardBreakdown', () => {
  it('reads "100 − 20 clue − 10 wrong = 70", and splits what the award lost, clues first, when the penalties pass the points', () => {
    expect(awardBreakdown(100, 20, 10)).toEqual({ points: 100, cluePenalty: 20, wrongPenalty: 10, clueTaken: 20, wrongTaken: 10, awarded: 70 });
    expect(awardBreakdown(100, 80, 50)).toEqual({ points: 100, cluePenalty: 80, wrongPenalty: 50, clueTaken: 80, wrongTaken: 20, awarded: 0 });
    fc.assert(
      fc.property(points, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (p, c, w) => {
        const b = awardBreakdown(p, c, w);
        expect(b.points - b.clueTaken - b.wrongTaken).toBe(b.awarded);
        expect(b.awarded).toBe(taskAward(p, [c], w));
        expect(b.clueTaken).toBeLessThanOrEqual(c);
        expect(b.wrongTaken).toBeLessThanOrEqual(w);
      }),
    );
  });
});
