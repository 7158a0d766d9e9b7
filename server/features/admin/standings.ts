import { compareTeams, immediatePenalty, rankTeams, type PenaltyMode, type RankableTeam } from '../play/scoring.ts';

/** Pure helpers shared by the admin team list and the results export: no I/O. */

export type Standing<T extends RankableTeam & { disqualified: boolean }> = T & { rank: number | null };

/**
 * The live board's order exactly (`rankTeams` over the running totals, as the scoreboard
 * does), with disqualified teams listed after it, unranked, in the same order among
 * themselves.
 */
export function standings<T extends RankableTeam & { disqualified: boolean }>(teams: readonly T[]): Standing<T>[] {
  const ranked: Standing<T>[] = rankTeams(teams.filter((t) => !t.disqualified));
  const out = [...teams.filter((t) => t.disqualified)].sort(compareTeams).map((t) => ({ ...t, rank: null }));
  return [...ranked, ...out];
}

export interface SolveFact {
  teamId: number;
  challengeId: string;
  taskId: string;
  penalty: number;
}

export interface UnlockFact {
  teamId: number;
  challengeId: string;
  taskId: string;
  penalty: number;
  /** The task's points, which cap what its clues can cost in `immediate` mode. */
  taskPoints: number;
}

export interface ClueTotals {
  used: number;
  /** Points the team's clues took off its score. */
  penalty: number;
}

/**
 * Per team: clues unlocked and the points they cost. The cost is what the score lost, not
 * the sum of the clue prices: a solved task lost its recorded penalty (capped by its
 * points); an unsolved one lost nothing in `on-solve` mode and, in `immediate` mode, its
 * capped penalties. So score = points of solved tasks − penalty + adjustments.
 */
export function clueTotals(solves: readonly SolveFact[], unlocks: readonly UnlockFact[], mode: PenaltyMode): Map<number, ClueTotals> {
  const totals = new Map<number, ClueTotals>();
  const get = (teamId: number) => {
    let t = totals.get(teamId);
    if (!t) totals.set(teamId, (t = { used: 0, penalty: 0 }));
    return t;
  };
  const solved = new Set<string>();
  for (const s of solves) {
    solved.add(key(s));
    get(s.teamId).penalty += s.penalty;
  }
  const unsolved = new Map<string, { teamId: number; points: number; penalties: number[] }>();
  for (const u of unlocks) {
    get(u.teamId).used += 1;
    const k = key(u);
    if (solved.has(k)) continue;
    const entry = unsolved.get(k) ?? { teamId: u.teamId, points: u.taskPoints, penalties: [] };
    entry.penalties.push(u.penalty);
    unsolved.set(k, entry);
  }
  if (mode === 'immediate') {
    for (const entry of unsolved.values()) get(entry.teamId).penalty += immediatePenalty(entry.points, entry.penalties);
  }
  return totals;
}

function key(f: { teamId: number; challengeId: string; taskId: string }): string {
  return `${f.teamId}\u0000${f.challengeId}\u0000${f.taskId}`;
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}
