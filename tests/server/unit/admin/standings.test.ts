import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankTeams } from '../../../../server/features/play/scoring.ts';
import { penaltyTotals, standings } from '../../../../server/features/admin/standings.ts';

const team = (id: number, score: number, at: number | null, disqualified = false) => ({
  id,
  name: `t${id}`,
  score,
  scoreReachedAt: at === null ? null : new Date(at),
  solvedTasks: 0,
  lastSolveAt: null,
  disqualified,
});

describe('standings', () => {
  it('ranks like the scoreboard and lists disqualified teams after, unranked', () => {
    const rows = standings([team(1, 100, 2000), team(2, 300, 1000, true), team(3, 100, 1000), team(4, 0, null)]);
    expect(rows.map((r) => [r.id, r.rank])).toEqual([
      [3, 1],
      [1, 2],
      [4, 3],
      [2, null],
    ]);
  });

  it('agrees with rankTeams on the teams still in the game, for any board', () => {
    const arb = fc.uniqueArray(
      fc.record({
        id: fc.integer({ min: 1, max: 10_000 }),
        score: fc.integer({ min: -500, max: 2000 }),
        at: fc.option(fc.integer({ min: 0, max: 10_000 })),
        dq: fc.boolean(),
      }),
      { selector: (r) => r.id, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (list) => {
        const teams = list.map((r) => team(r.id, r.score, r.at, r.dq));
        const rows = standings(teams);
        const expected = rankTeams(teams.filter((t) => !t.disqualified)).map((t) => [t.id, t.rank]);
        expect(rows.slice(0, expected.length).map((r) => [r.id, r.rank])).toEqual(expected);
        expect(rows.slice(expected.length).every((r) => r.disqualified && r.rank === null)).toBe(true);
        expect(rows).toHaveLength(teams.length);
      }),
    );
  });
});

describe('penaltyTotals', () => {
  const solves = [{ teamId: 1, challengeId: 'a', taskId: 'x', points: 100, cluePenalty: 50, wrongPenalty: 0 }];
  const unlocks = [
    { teamId: 1, challengeId: 'a', taskId: 'x', penalty: 20, taskPoints: 100 },
    { teamId: 1, challengeId: 'a', taskId: 'x', penalty: 30, taskPoints: 100 },
    { teamId: 1, challengeId: 'a', taskId: 'y', penalty: 40, taskPoints: 60 },
    { teamId: 1, challengeId: 'a', taskId: 'y', penalty: 40, taskPoints: 60 },
    { teamId: 2, challengeId: 'a', taskId: 'x', penalty: 20, taskPoints: 100 },
  ];
  const none = { wrongAttempts: 0, wrongPenalty: 0 };

  it('counts unsolved tasks as free under the on-solve rule', () => {
    const totals = penaltyTotals(solves, unlocks, [], 'on-solve');
    expect(totals.get(1)).toEqual({ used: 4, penalty: 50, ...none });
    expect(totals.get(2)).toEqual({ used: 1, penalty: 0, ...none });
  });

  it('charges unsolved tasks at once, capped at their points, under the immediate rule', () => {
    const totals = penaltyTotals(solves, unlocks, [], 'immediate');
    expect(totals.get(1)).toEqual({ used: 4, penalty: 50 + 60, ...none });
    expect(totals.get(2)).toEqual({ used: 1, penalty: 20, ...none });
  });

  it('adds what wrong attempts took, after the clues, within what the task was worth', () => {
    const solved = [{ teamId: 1, challengeId: 'a', taskId: 'x', points: 100, cluePenalty: 80, wrongPenalty: 50 }];
    const wrongs = [
      { teamId: 1, challengeId: 'a', taskId: 'x', attempts: 2, penalty: 50, taskPoints: 100 },
      { teamId: 1, challengeId: 'a', taskId: 'y', attempts: 3, penalty: 45, taskPoints: 60 },
      { teamId: 2, challengeId: 'a', taskId: 'x', attempts: 1, penalty: 0, taskPoints: 100 },
    ];
    expect(penaltyTotals(solved, unlocks, wrongs, 'on-solve').get(1)).toEqual({ used: 4, penalty: 80, wrongAttempts: 5, wrongPenalty: 20 });
    // Task y, unsolved: its clues (80) already took all 60 points, so its wrong attempts took nothing more.
    expect(penaltyTotals(solved, unlocks, wrongs, 'immediate').get(1)).toEqual({ used: 4, penalty: 80 + 60, wrongAttempts: 5, wrongPenalty: 20 });
    expect(penaltyTotals(solved, unlocks, wrongs, 'immediate').get(2)).toEqual({ used: 1, penalty: 20, wrongAttempts: 1, wrongPenalty: 0 });
  });
});
