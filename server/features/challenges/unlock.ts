/**
 * Whether a team may open a challenge yet: its `unlock` rule (prerequisites solved, running
 * time reached) and the event's warm-up setting. Pure, no I/O: the views read the team's
 * solves and the clock and ask here.
 */
import type { CatalogChallenge } from './catalog.ts';

export interface LockContext {
  /** Visible tasks the team has solved, by challenge id. */
  solvedTasks: ReadonlyMap<string, number>;
  /** Running event time so far, pauses excluded. */
  runningMs: number;
  /** The challenge if it is in play: prerequisites out of play are not waited for. */
  inPlay(id: string): CatalogChallenge | undefined;
  /** The event's warm-up challenges (each needs one solve before the rest open). */
  warmUp: readonly string[];
}

/** Why a challenge is locked for a team; `null` when it is open. */
export interface Lock {
  /** Challenges to solve first (every task of each; one task of each warm-up). */
  after: CatalogChallenge[];
  /** Running minutes at which it opens, if that is still ahead. */
  atMinute: number | null;
  /** Time still to run before `atMinute`, in ms (null when no time rule remains). */
  remainingMs: number | null;
}

const MINUTE_MS = 60_000;

export function lockOf(challenge: CatalogChallenge, context: LockContext): Lock | null {
  const after: CatalogChallenge[] = [];
  const warmUp = context.warmUp.map((id) => context.inPlay(id)).filter((c): c is CatalogChallenge => c !== undefined);
  if (!warmUp.some((c) => c.id === challenge.id)) {
    for (const c of warmUp) if ((context.solvedTasks.get(c.id) ?? 0) === 0) after.push(c);
  }
  let atMinute: number | null = null;
  let remaining: number | null = null;
  if (challenge.unlock && challenge.openedAt === null) {
    for (const id of challenge.unlock.after ?? []) {
      const prerequisite = context.inPlay(id);
      if (!prerequisite || after.includes(prerequisite)) continue;
      if ((context.solvedTasks.get(id) ?? 0) < prerequisite.tasks.length) after.push(prerequisite);
    }
    const due = challenge.unlock.atMinute;
    if (due !== undefined && context.runningMs < due * MINUTE_MS) {
      atMinute = due;
      remaining = due * MINUTE_MS - context.runningMs;
    }
  }
  return after.length === 0 && atMinute === null ? null : { after, atMinute, remainingMs: remaining };
}

/** "1:30" for 90 minutes: how the player sees an opening time. */
export function formatEventMinute(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The lock in words, for the 403 `locked` error. */
export function describeLock(lock: Lock, titleOf: (challenge: CatalogChallenge) => string): string {
  const parts: string[] = [];
  if (lock.after.length > 0) parts.push(`solve ${lock.after.map((c) => `"${titleOf(c)}"`).join(' and ')} first`);
  if (lock.atMinute !== null) parts.push(`it opens at ${formatEventMinute(lock.atMinute)} into the event`);
  return `this challenge is locked: ${parts.join('; ')}`;
}
