/**
 * "Needs attention": which teams a facilitator should visit first, and which challenges
 * look broken, as pure functions over counts the repository reads. No I/O.
 */

/** Wrong answers count as recent within this window. */
export const RECENT_MS = 15 * 60_000;

export type AttentionReason = 'support' | 'stalled' | 'wrong' | 'labs' | 'long';

export interface TeamFacts {
  teamId: number;
  teamName: string;
  members: number;
  score: number;
  /** When the team was formed or the event started, whichever is later: progress is counted from there. */
  since: Date;
  lastSolveAt: Date | null;
  /** The challenge of the team's latest answer or clue, unless it has solved all of it. */
  current: { challengeId: string; since: Date } | null;
  recentWrong: number;
  cluesUsed: number;
  labResets: number;
  support: { unread: number; waitingSince: Date | null; assignee: string | null } | null;
}

export interface AttentionTeamDto {
  teamId: number;
  teamName: string;
  members: number;
  score: number;
  lastSolveAt: string | null;
  minutesSinceProgress: number;
  current: { challengeId: string; since: string; minutes: number } | null;
  recentWrong: number;
  cluesUsed: number;
  labResets: number;
  supportUnread: number;
  supportWaitingMinutes: number | null;
  supportAssignee: string | null;
  /** Higher first: how much this team needs a visit now. */
  urgency: number;
  reasons: AttentionReason[];
}

const minutes = (from: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));

/**
 * Urgency: a team waiting on support comes first (longest wait first); then time without
 * progress (capped at two hours, so one long-idle team does not hide the rest), half an hour
 * on one challenge, recent wrong answers and lab resets. Clues are shown but not counted:
 * using them is progress.
 */
export function assessTeam(facts: TeamFacts, now: Date): AttentionTeamDto {
  const progressFrom = facts.lastSolveAt && facts.lastSolveAt > facts.since ? facts.lastSolveAt : facts.since;
  const stalled = minutes(progressFrom, now);
  const waiting = facts.support?.waitingSince ? minutes(facts.support.waitingSince, now) : null;
  const onCurrent = facts.current ? minutes(facts.current.since, now) : null;
  const reasons: AttentionReason[] = [];
  if (waiting !== null) reasons.push('support');
  if (stalled >= 20) reasons.push('stalled');
  if (facts.recentWrong >= 5) reasons.push('wrong');
  if (facts.labResets >= 3) reasons.push('labs');
  if (onCurrent !== null && onCurrent >= 30) reasons.push('long');
  const urgency =
    (waiting !== null ? 1000 + waiting * 10 : 0) + Math.min(stalled, 120) + (reasons.includes('long') ? 10 : 0) + 3 * facts.recentWrong + 5 * facts.labResets;
  return {
    teamId: facts.teamId,
    teamName: facts.teamName,
    members: facts.members,
    score: facts.score,
    lastSolveAt: facts.lastSolveAt?.toISOString() ?? null,
    minutesSinceProgress: stalled,
    current: facts.current && { challengeId: facts.current.challengeId, since: facts.current.since.toISOString(), minutes: onCurrent ?? 0 },
    recentWrong: facts.recentWrong,
    cluesUsed: facts.cluesUsed,
    labResets: facts.labResets,
    supportUnread: facts.support?.unread ?? 0,
    supportWaitingMinutes: waiting,
    supportAssignee: facts.support?.assignee ?? null,
    urgency,
    reasons,
  };
}

/** Most in need first; ties by name so the order holds still between refreshes. */
export function rankTeams(teams: AttentionTeamDto[]): AttentionTeamDto[] {
  return [...teams].sort((a, b) => b.urgency - a.urgency || a.teamName.localeCompare(b.teamName) || a.teamId - b.teamId);
}

export interface ChallengeFacts {
  challengeId: string;
  tasks: number;
  /** Per team that touched it: first answer or clue, tasks solved, the last solve. */
  teams: Array<{ firstAt: Date | null; solved: number; lastSolveAt: Date | null }>;
  wrongAttempts: number;
}

export interface AttentionChallengeDto {
  challengeId: string;
  teamsStarted: number;
  teamsSolved: number;
  /** teamsSolved / teamsStarted; null before any team started. */
  solveRate: number | null;
  /** From a team's first answer or clue on it to its last task solved; null before a team solved it all. */
  medianSolveMinutes: number | null;
  wrongAttempts: number;
  /** Several teams tried for a while and none solved it: a broken task is likely. */
  suspect: boolean;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function assessChallenge(facts: ChallengeFacts, now: Date): AttentionChallengeDto {
  const solvedAll = facts.teams.filter((t) => facts.tasks > 0 && t.solved >= facts.tasks);
  const durations = solvedAll
    .filter((t) => t.firstAt !== null && t.lastSolveAt !== null)
    .map((t) => ((t.lastSolveAt as Date).getTime() - (t.firstAt as Date).getTime()) / 60_000);
  const started = facts.teams.length;
  const tryingLong = facts.teams.filter((t) => t.firstAt !== null && now.getTime() - t.firstAt.getTime() >= 10 * 60_000).length;
  const med = median(durations);
  return {
    challengeId: facts.challengeId,
    teamsStarted: started,
    teamsSolved: solvedAll.length,
    solveRate: started === 0 ? null : solvedAll.length / started,
    medianSolveMinutes: med === null ? null : Math.round(med * 10) / 10,
    wrongAttempts: facts.wrongAttempts,
    suspect: tryingLong >= 3 && facts.teams.every((t) => t.solved === 0),
  };
}

/** Broken-looking first, then the lowest solve rate, then the slowest. */
export function rankChallenges(challenges: AttentionChallengeDto[]): AttentionChallengeDto[] {
  return [...challenges].sort(
    (a, b) =>
      Number(b.suspect) - Number(a.suspect) ||
      (a.solveRate ?? 2) - (b.solveRate ?? 2) ||
      (b.medianSolveMinutes ?? -1) - (a.medianSolveMinutes ?? -1) ||
      a.challengeId.localeCompare(b.challengeId),
  );
}
