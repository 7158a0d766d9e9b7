import { awardBreakdown, compareTeams, rankTeams, type PenaltyMode, type RankableTeam } from '../play/scoring.ts';

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
  points: number;
  /** Clue and wrong-attempt penalties counted at the solve, before the award's floor at 0. */
  cluePenalty: number;
  wrongPenalty: number;
}

export interface UnlockFact {
  teamId: number;
  challengeId: string;
  taskId: string;
  penalty: number;
  /** The task's points, which cap what its penalties can cost in `immediate` mode. */
  taskPoints: number;
}

/** A team's wrong attempts at one task: how many, and the penalties they carry. */
export interface WrongFact {
  teamId: number;
  challengeId: string;
  taskId: string;
  attempts: number;
  penalty: number;
  taskPoints: number;
}

export interface PenaltyTotals {
  /** Clues unlocked. */
  used: number;
  /** Points the team's clues took off its score. */
  penalty: number;
  /** Wrong attempts made. */
  wrongAttempts: number;
  /** Points the team's wrong attempts took off its score (`wrongPenalty`). */
  wrongPenalty: number;
}

/**
 * Per team: clues unlocked, wrong attempts, and the points each took off the score. The cost
 * is what the score lost, not the sum of the prices: a solved task lost its recorded
 * penalties, capped by its points (clues first, as `awardBreakdown` splits them); an
 * unsolved one lost nothing in `on-solve` mode and, in `immediate` mode, its penalties capped
 * the same way. So score = points of solved tasks − penalty − wrongPenalty + adjustments.
 */
export function penaltyTotals(
  solves: readonly SolveFact[],
  unlocks: readonly UnlockFact[],
  wrongs: readonly WrongFact[],
  mode: PenaltyMode,
): Map<number, PenaltyTotals> {
  const totals = new Map<number, PenaltyTotals>();
  const get = (teamId: number) => {
    let t = totals.get(teamId);
    if (!t) totals.set(teamId, (t = { used: 0, penalty: 0, wrongAttempts: 0, wrongPenalty: 0 }));
    return t;
  };
  const solved = new Set<string>();
  for (const s of solves) {
    solved.add(key(s));
    const split = awardBreakdown(s.points, s.cluePenalty, s.wrongPenalty);
    get(s.teamId).penalty += split.clueTaken;
    get(s.teamId).wrongPenalty += split.wrongTaken;
  }
  const unsolved = new Map<string, { teamId: number; points: number; clues: number; wrong: number }>();
  const entry = (f: { teamId: number; challengeId: string; taskId: string }, points: number) => {
    const k = key(f);
    let e = unsolved.get(k);
    if (!e) unsolved.set(k, (e = { teamId: f.teamId, points, clues: 0, wrong: 0 }));
    return e;
  };
  for (const u of unlocks) {
    get(u.teamId).used += 1;
    if (!solved.has(key(u))) entry(u, u.taskPoints).clues += u.penalty;
  }
  for (const w of wrongs) {
    get(w.teamId).wrongAttempts += w.attempts;
    if (!solved.has(key(w))) entry(w, w.taskPoints).wrong += w.penalty;
  }
  if (mode === 'immediate') {
    for (const e of unsolved.values()) {
      const split = awardBreakdown(e.points, e.clues, e.wrong);
      get(e.teamId).penalty += split.clueTaken;
      get(e.teamId).wrongPenalty += split.wrongTaken;
    }
  }
  return totals;
}

/** The facts `penaltyTotals` reads, from the admin repository's rows. */
export function penaltyFacts(
  solves: readonly { team_id: number; challenge_id: string; task_id: string; points: number; clue_penalty: number; wrong_penalty: number }[],
  unlocks: readonly { team_id: number; challenge_id: string; task_id: string; penalty: number; points: number }[],
  wrongs: readonly { team_id: number; challenge_id: string; task_id: string; attempts: number; penalty: number; points: number }[],
): [SolveFact[], UnlockFact[], WrongFact[]] {
  return [
    solves.map((s) => ({
      teamId: s.team_id,
      challengeId: s.challenge_id,
      taskId: s.task_id,
      points: s.points,
      cluePenalty: s.clue_penalty,
      wrongPenalty: s.wrong_penalty,
    })),
    unlocks.map((u) => ({ teamId: u.team_id, challengeId: u.challenge_id, taskId: u.task_id, penalty: u.penalty, taskPoints: u.points })),
    wrongs.map((w) => ({ teamId: w.team_id, challengeId: w.challenge_id, taskId: w.task_id, attempts: w.attempts, penalty: w.penalty, taskPoints: w.points })),
  ];
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
