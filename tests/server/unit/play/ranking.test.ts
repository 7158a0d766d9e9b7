import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTeams, rankTeams, type RankableTeam } from '../../../../server/features/play/scoring.ts';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const at = (minute: number | null) => (minute === null ? null : new Date(T0 + minute * 60_000));

function team(id: number, score: number, reachedMinute: number | null): RankableTeam {
  return { id, name: `team ${id}`, score, scoreReachedAt: at(reachedMinute), solvedTasks: 0, lastSolveAt: at(reachedMinute) };
}

// Small ranges make equal scores and equal times common, which is where ties must break.
const teamArb = fc.record({
  score: fc.integer({ min: -2, max: 3 }).map((s) => s * 50),
  reachedMinute: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
});
const teamsArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 1000 }), { maxLength: 15 })
  .chain((ids) => fc.tuple(...ids.map(() => teamArb)).map((rows) => rows.map((r, i) => team(ids[i]!, r.score, r.reachedMinute))));

describe('rankTeams', () => {
  it('orders by score, then the earlier time the score was reached, then team id', () => {
    const ranked = rankTeams([team(1, 100, 30), team(2, 300, 50), team(3, 100, 10), team(4, 100, 10), team(5, 100, null), team(6, 0, null)]);
    expect(ranked.map((t) => [t.rank, t.id])).toEqual([
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 1],
      [5, 5],
      [6, 6],
    ]);
  });

  it('gives distinct ranks by position even to teams tied on score and time', () => {
    const ranked = rankTeams([team(9, 100, 5), team(3, 100, 5)]);
    expect(ranked).toMatchObject([
      { rank: 1, id: 3 },
      { rank: 2, id: 9 },
    ]);
  });

  it('keeps every field of the team beside its rank', () => {
    const input = { ...team(1, 10, 1), solvedTasks: 4, extra: 'kept' };
    expect(rankTeams([input])[0]).toEqual({ ...input, rank: 1 });
  });

  it('ranks 1..n whatever the input order, and the same way for any input order', () => {
    fc.assert(
      fc.property(teamsArb, fc.nat(), (teams, shift) => {
        const ranked = rankTeams(teams);
        expect(ranked.map((t) => t.rank)).toEqual(teams.map((_, i) => i + 1));
        const rotated = teams.map((_, i) => teams[(i + shift) % teams.length]!);
        expect(rankTeams([...rotated].reverse())).toEqual(ranked);
      }),
    );
  });

  it('never ranks a lower score above a higher one', () => {
    fc.assert(
      fc.property(teamsArb, (teams) => {
        const scores = rankTeams(teams).map((t) => t.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }),
    );
  });
});

describe('compareTeams', () => {
  const sign = (n: number) => Math.sign(n);

  it('is antisymmetric and calls teams equal only when they are the same team', () => {
    fc.assert(
      fc.property(teamsArb, (teams) => {
        for (const a of teams) {
          for (const b of teams) {
            expect(sign(compareTeams(a, b))).toBe(-sign(compareTeams(b, a)) || 0);
            expect(compareTeams(a, b) === 0).toBe(a.id === b.id);
          }
        }
      }),
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(teamsArb, (teams) => {
        for (const a of teams) {
          for (const b of teams) {
            if (compareTeams(a, b) >= 0) continue;
            for (const c of teams) {
              if (compareTeams(b, c) < 0) expect(compareTeams(a, c)).toBeLessThan(0);
            }
          }
        }
      }),
    );
  });

  it('places a team that never reached its score after every timed team with that score', () => {
    expect(compareTeams(team(1, 0, null), team(2, 0, 3))).toBeGreaterThan(0);
    expect(compareTeams(team(1, 50, null), team(2, 0, 3))).toBeLessThan(0);
  });
});
