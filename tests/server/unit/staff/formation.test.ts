import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evenSizes, planAssignment, rankMatchCandidates, type OpenTeam, type Unplaced } from '../../../../server/features/teams/formation.ts';

const team = (id: number, goal: 'learn' | 'win' | null, members: number, averageSkill: number): OpenTeam => ({ id, goal, members, averageSkill });

describe('rankMatchCandidates', () => {
  it('offers only teams of the same goal with a free seat, nearest average skill first', () => {
    const teams = [team(1, 'learn', 2, 1), team(2, 'learn', 1, 4), team(3, 'win', 1, 4), team(4, 'learn', 4, 4), team(5, null, 1, 4), team(6, 'learn', 3, 3.5)];
    expect(rankMatchCandidates(teams, { skill: 4, goal: 'learn' }, 4).map((t) => t.id)).toEqual([2, 6, 1]);
  });

  it('breaks ties towards the fuller team, then the older one', () => {
    const teams = [team(3, 'win', 1, 3), team(1, 'win', 1, 3), team(2, 'win', 3, 3)];
    expect(rankMatchCandidates(teams, { skill: 3, goal: 'win' }, 4).map((t) => t.id)).toEqual([2, 1, 3]);
  });
});

describe('evenSizes', () => {
  it('uses the fewest teams and sizes differing by at most one', () => {
    expect(evenSizes(0, 4)).toEqual([]);
    expect(evenSizes(5, 4)).toEqual([3, 2]);
    expect(evenSizes(9, 4)).toEqual([3, 3, 3]);
    expect(evenSizes(8, 4)).toEqual([4, 4]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 20 }), (n, cap) => {
        const sizes = evenSizes(n, cap);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
        expect(sizes.length).toBe(Math.ceil(n / cap));
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(cap);
      }),
    );
  });
});

const players = fc.array(
  fc.record({
    skill: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    goal: fc.option(fc.constantFrom('learn' as const, 'win' as const), { nil: null }),
  }),
  { maxLength: 80 },
);
const openTeams = fc.array(
  fc.record({
    goal: fc.option(fc.constantFrom('learn' as const, 'win' as const), { nil: null }),
    members: fc.integer({ min: 0, max: 4 }),
    averageSkill: fc.double({ min: 1, max: 5, noNaN: true }),
  }),
  { maxLength: 10 },
);

describe('planAssignment', () => {
  it('places every player exactly once, within the cap, by goal (unstated counts as learn)', () => {
    fc.assert(
      fc.property(players, openTeams, fc.integer({ min: 1, max: 6 }), fc.constantFrom('similar' as const, 'balanced' as const), (ps, ts, cap, mode) => {
        const unplaced: Unplaced[] = ps.map((p, i) => ({ id: i + 1, ...p }));
        const open: OpenTeam[] = ts.map((t, i) => ({ id: 100 + i, ...t, members: Math.min(t.members, cap) }));
        const plan = planAssignment(unplaced, open, cap, mode);
        const placed = [...plan.existing.map((p) => p.playerId), ...plan.created.flatMap((c) => c.playerIds)];
        expect(placed.sort((a, b) => a - b)).toEqual(unplaced.map((p) => p.id));
        const added = new Map<number, number>();
        for (const { playerId, teamId } of plan.existing) {
          added.set(teamId, (added.get(teamId) ?? 0) + 1);
          const t = open.find((x) => x.id === teamId) as OpenTeam;
          expect(t.goal).toBe(unplaced[playerId - 1]?.goal ?? 'learn');
        }
        for (const t of open) expect(t.members + (added.get(t.id) ?? 0)).toBeLessThanOrEqual(cap);
        for (const c of plan.created) {
          expect(c.playerIds.length).toBeGreaterThan(0);
          expect(c.playerIds.length).toBeLessThanOrEqual(cap);
          for (const id of c.playerIds) expect(unplaced[id - 1]?.goal ?? 'learn').toBe(c.goal);
        }
      }),
    );
  });

  it('fills free seats of teams formed for the goal before starting new teams', () => {
    const unplaced: Unplaced[] = [1, 2, 3, 4, 5].map((id) => ({ id, skill: 3, goal: 'learn' }));
    const plan = planAssignment(unplaced, [team(10, 'learn', 3, 3), team(11, 'win', 1, 3)], 4, 'similar');
    expect(plan.existing).toEqual([{ playerId: 1, teamId: 10 }]);
    expect(plan.created).toEqual([{ goal: 'learn', playerIds: [2, 3, 4, 5] }]);
  });

  it('keeps like skills together when similar, and evens out team averages when balanced', () => {
    const skills = [5, 5, 5, 5, 1, 1, 1, 1];
    const unplaced: Unplaced[] = skills.map((skill, i) => ({ id: i + 1, skill, goal: 'win' }));
    const average = (ids: number[]) => ids.reduce((sum, id) => sum + (skills[id - 1] as number), 0) / ids.length;
    const similar = planAssignment(unplaced, [], 4, 'similar')
      .created.map((c) => average(c.playerIds))
      .sort();
    expect(similar).toEqual([1, 5]);
    const balanced = planAssignment(unplaced, [], 4, 'balanced').created.map((c) => average(c.playerIds));
    expect(balanced).toEqual([3, 3]);
  });
});
