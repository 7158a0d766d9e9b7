import type { Goal } from '../../db/database.ts';

export type { Goal };

/**
 * Team formation as pure functions: which team a player asking to be matched should try
 * first, and how a facilitator's assignment places everyone still without a team.
 */

/** A player who never stated a skill counts as the middle of the scale. */
export const DEFAULT_SKILL = 3;
/** A player who never stated a goal is placed as if they came to learn. */
export const DEFAULT_GOAL: Goal = 'learn';

export interface OpenTeam {
  id: number;
  goal: Goal | null;
  members: number;
  /** Average stated skill of the members (DEFAULT_SKILL for those who gave none). */
  averageSkill: number;
}

/**
 * Teams a player may be matched into, best first: the same goal, a free seat, then the
 * nearest average skill; ties go to the fuller team (fewer people left alone), then the
 * older one.
 */
export function rankMatchCandidates(teams: readonly OpenTeam[], player: { skill: number; goal: Goal }, cap: number): OpenTeam[] {
  return teams
    .filter((t) => t.goal === player.goal && t.members < cap)
    .sort((a, b) => Math.abs(a.averageSkill - player.skill) - Math.abs(b.averageSkill - player.skill) || b.members - a.members || a.id - b.id);
}

export type AssignMode = 'similar' | 'balanced';

export interface Unplaced {
  id: number;
  skill: number | null;
  goal: Goal | null;
}

export interface AssignmentPlan {
  /** Players who go into teams that exist. */
  existing: Array<{ playerId: number; teamId: number }>;
  /** Teams to create, each with its members (the first becomes the owner). */
  created: Array<{ goal: Goal; playerIds: number[] }>;
}

/** Sizes for `n` players in as few teams of at most `cap` as possible, differing by at most one. */
export function evenSizes(n: number, cap: number): number[] {
  if (n <= 0) return [];
  const teams = Math.ceil(n / cap);
  const base = Math.floor(n / teams);
  return Array.from({ length: teams }, (_, i) => base + (i < n % teams ? 1 : 0));
}

const skillOf = (p: Unplaced) => p.skill ?? DEFAULT_SKILL;

/**
 * Places every player: first into free seats of teams formed for the same goal (matching or
 * an earlier assignment), then into new teams of even size. `similar` keeps people of like
 * skill together (nearest average, consecutive skills); `balanced` spreads skill so team
 * averages come out close (a seat goes to the player who pulls its team's average nearest
 * the group's; new teams take the strongest first, each into the weakest team so far).
 */
export function planAssignment(players: readonly Unplaced[], openTeams: readonly OpenTeam[], cap: number, mode: AssignMode): AssignmentPlan {
  const plan: AssignmentPlan = { existing: [], created: [] };
  for (const goal of ['learn', 'win'] as const) {
    const group = players
      .filter((p) => (p.goal ?? DEFAULT_GOAL) === goal)
      .sort((a, b) => (mode === 'similar' ? skillOf(a) - skillOf(b) : skillOf(b) - skillOf(a)) || a.id - b.id);
    const seats = openTeams.filter((t) => t.goal === goal && t.members < cap).map((t) => ({ ...t }));
    const mean = group.length > 0 ? group.reduce((sum, p) => sum + skillOf(p), 0) / group.length : DEFAULT_SKILL;
    // Free seats first, one per team in turn: each takes the player who fits it best
    // (similar: the nearest skill to its average; balanced: the one pulling its average
    // closest to the group's mean).
    const rest = [...group];
    const score = (t: OpenTeam, skill: number) =>
      mode === 'similar' ? Math.abs(t.averageSkill - skill) : Math.abs((t.averageSkill * t.members + skill) / (t.members + 1) - mean);
    for (let open = seats; rest.length > 0 && open.length > 0; open = open.filter((t) => t.members < cap)) {
      for (const team of open) {
        if (rest.length === 0) break;
        let pick = 0;
        for (let i = 1; i < rest.length; i++) if (score(team, skillOf(rest[i] as Unplaced)) < score(team, skillOf(rest[pick] as Unplaced))) pick = i;
        const [player] = rest.splice(pick, 1) as [Unplaced];
        team.averageSkill = (team.averageSkill * team.members + skillOf(player)) / (team.members + 1);
        team.members += 1;
        plan.existing.push({ playerId: player.id, teamId: team.id });
      }
    }
    const sizes = evenSizes(rest.length, cap);
    if (mode === 'similar') {
      let at = 0;
      for (const size of sizes) {
        plan.created.push({ goal, playerIds: rest.slice(at, at + size).map((p) => p.id) });
        at += size;
      }
    } else {
      // Strongest first, each to the team with room whose skill total is lowest so far.
      const teams = sizes.map((size) => ({ size, total: 0, playerIds: [] as number[] }));
      for (const player of rest) {
        const open = teams.filter((t) => t.playerIds.length < t.size);
        const target = open.reduce((best, t) => (t.total < best.total || (t.total === best.total && t.playerIds.length < best.playerIds.length) ? t : best));
        target.playerIds.push(player.id);
        target.total += skillOf(player);
      }
      for (const team of teams) plan.created.push({ goal, playerIds: team.playerIds });
    }
  }
  return plan;
}
