import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availablePoints, immediatePenalty, taskAward, teamScore } from '../../../../server/features/play/scoring.ts';

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
        const before = teamScore({ solves: [], adjustments: [], immediatePenalties: immediatePenalty(p, pens) }, 'immediate');
        const after = teamScore({ solves: [{ awarded: taskAward(p, pens) }], adjustments: [] }, 'immediate');
        expect(after - before).toBe(p);
      }),
    );
  });
});

describe('teamScore', () => {
  it('is the sum of awards and adjustments in on-solve mode', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ points, pens: penalties })),
        fc.array(fc.integer({ min: -500, max: 500 })),
        fc.nat({ max: 5000 }),
        (tasks, adjustments, ignored) => {
          const solves = tasks.map((t) => ({ awarded: taskAward(t.points, t.pens) }));
          const expected = solves.reduce((s, x) => s + x.awarded, 0) + adjustments.reduce((s, x) => s + x, 0);
          const score = teamScore({
            solves,
            adjustments: adjustments.map((p) => ({ points: p })),
            immediatePenalties: ignored,
          });
          expect(score).toBe(expected);
          expect(teamScore({ solves, adjustments: adjustments.map((p) => ({ points: p })) }, 'on-solve')).toBe(expected);
        },
      ),
    );
  });

  it('is never negative without negative adjustments in on-solve mode', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ points, pens: penalties })), (tasks) => {
        const solves = tasks.map((t) => ({ awarded: taskAward(t.points, t.pens) }));
        expect(teamScore({ solves, adjustments: [] })).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('subtracts the penalties of unsolved tasks in immediate mode', () => {
    const score = teamScore({ solves: [{ awarded: 80 }], adjustments: [{ points: 10 }], immediatePenalties: immediatePenalty(50, [20, 40]) }, 'immediate');
    expect(score).toBe(80 + 10 - 50);
  });

  it('can go below zero in immediate mode through clues of unsolved tasks', () => {
    expect(teamScore({ solves: [], adjustments: [], immediatePenalties: 30 }, 'immediate')).toBe(-30);
  });
});
