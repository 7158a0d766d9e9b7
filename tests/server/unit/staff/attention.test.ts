import { describe, expect, it } from 'vitest';
import { assessChallenge, assessTeam, median, rankChallenges, rankTeams, type TeamFacts } from '../../../../server/features/admin/attention.ts';

const NOW = new Date('2026-12-04T10:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const facts = (over: Partial<TeamFacts>): TeamFacts => ({
  teamId: 1,
  teamName: 'Kumo',
  members: 3,
  score: 0,
  since: ago(60),
  lastSolveAt: null,
  current: null,
  recentWrong: 0,
  cluesUsed: 0,
  labResets: 0,
  support: null,
  ...over,
});

describe('assessTeam', () => {
  it('counts progress from the last solve, or from when the team could start', () => {
    expect(assessTeam(facts({ lastSolveAt: ago(7) }), NOW).minutesSinceProgress).toBe(7);
    expect(assessTeam(facts({ since: ago(12) }), NOW).minutesSinceProgress).toBe(12);
    // A solve before the team joined the event (a rehearsal row) does not count as progress now.
    expect(assessTeam(facts({ since: ago(12), lastSolveAt: ago(30) }), NOW).minutesSinceProgress).toBe(12);
  });

  it('puts any team waiting on support above any team that is only stuck', () => {
    const waiting = assessTeam(facts({ teamId: 2, since: ago(1), support: { unread: 1, waitingSince: ago(0), assignee: null } }), NOW);
    const stuck = assessTeam(facts({ since: ago(600), recentWrong: 40, labResets: 10 }), NOW);
    expect(rankTeams([stuck, waiting]).map((t) => t.teamId)).toEqual([2, 1]);
    expect(waiting.reasons).toEqual(['support']);
    expect(stuck.reasons).toEqual(['stalled', 'wrong', 'labs']);
  });

  it('caps time without progress so recent trouble still shows', () => {
    const longIdle = assessTeam(facts({ teamId: 1, since: ago(600) }), NOW);
    const struggling = assessTeam(facts({ teamId: 2, since: ago(100), recentWrong: 10 }), NOW);
    expect(rankTeams([longIdle, struggling]).map((t) => t.teamId)).toEqual([2, 1]);
  });

  it('says what the team is on and for how long', () => {
    const team = assessTeam(facts({ current: { challengeId: 'ecr', since: ago(42) } }), NOW);
    expect(team.current).toEqual({ challengeId: 'ecr', since: ago(42).toISOString(), minutes: 42 });
    expect(team.reasons).toContain('long');
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('assessChallenge', () => {
  it('gives the solve rate among teams that started and the median time to solve', () => {
    const c = assessChallenge(
      {
        challengeId: 'alpha',
        tasks: 2,
        wrongAttempts: 4,
        teams: [
          { firstAt: ago(30), solved: 2, lastSolveAt: ago(20) },
          { firstAt: ago(30), solved: 2, lastSolveAt: ago(10) },
          { firstAt: ago(5), solved: 1, lastSolveAt: ago(1) },
          { firstAt: ago(5), solved: 0, lastSolveAt: null },
        ],
      },
      NOW,
    );
    expect(c).toEqual({ challengeId: 'alpha', teamsStarted: 4, teamsSolved: 2, solveRate: 0.5, medianSolveMinutes: 15, wrongAttempts: 4, suspect: false });
  });

  it('flags a challenge several teams have tried for a while without a single solve', () => {
    const tried = (minutes: number) => ({ firstAt: ago(minutes), solved: 0, lastSolveAt: null });
    expect(assessChallenge({ challengeId: 'x', tasks: 1, wrongAttempts: 9, teams: [tried(12), tried(11), tried(10)] }, NOW).suspect).toBe(true);
    expect(assessChallenge({ challengeId: 'x', tasks: 1, wrongAttempts: 9, teams: [tried(12), tried(11), tried(2)] }, NOW).suspect).toBe(false);
    const broken = assessChallenge({ challengeId: 'broken', tasks: 1, wrongAttempts: 9, teams: [tried(12), tried(11), tried(10)] }, NOW);
    const fine = assessChallenge({ challengeId: 'fine', tasks: 1, wrongAttempts: 0, teams: [{ firstAt: ago(9), solved: 0, lastSolveAt: null }] }, NOW);
    const untouched = assessChallenge({ challengeId: 'new', tasks: 1, wrongAttempts: 0, teams: [] }, NOW);
    expect(rankChallenges([untouched, fine, broken]).map((c) => c.challengeId)).toEqual(['broken', 'fine', 'new']);
  });
});
