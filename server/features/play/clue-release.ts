/**
 * Clues released by time (`releaseAfterMinutes`): at M minutes of running event time, pauses
 * excluded, a clue is free for every team. Pure, no I/O. Whether a clue is released comes
 * from the stored event clock, so every instance and every restart agrees; the watch
 * (clue-release.service.ts) only publishes each release once, and a `clue_release` row
 * recorded by it keeps the clue released even if a later reload moves its time.
 */
import { type EventClock, runningMs } from '../event/clock.ts';

const MINUTE_MS = 60_000;

/**
 * Whether a clue with this release time is free by the clock at `now`: the event has started
 * and M minutes of running time have passed. A time at or past the event's planned length
 * never comes due (the linter warns about it), even once the event is over.
 */
export function releasedByClock(releaseAfterMinutes: number | null, clock: EventClock, now: Date): boolean {
  if (releaseAfterMinutes === null || clock.state === 'draft' || releaseAfterMinutes >= clock.durationMinutes) return false;
  return runningMs(clock, now) >= releaseAfterMinutes * MINUTE_MS;
}

/**
 * Running time still to go before the clue is released, in ms; null when it never will be
 * (no release time, past the event's length, already released, or the event is over). It
 * does not pass while the event is paused.
 */
export function releaseInMs(releaseAfterMinutes: number | null, clock: EventClock, now: Date): number | null {
  if (releaseAfterMinutes === null || clock.state === 'ended' || releaseAfterMinutes >= clock.durationMinutes) return null;
  if (releasedByClock(releaseAfterMinutes, clock, now)) return null;
  return releaseAfterMinutes * MINUTE_MS - runningMs(clock, now);
}

export interface TimedClue {
  challengeId: string;
  taskId: string;
  index: number;
  releaseAfterMinutes: number | null;
}

/** The clues among `clues` that are due at `now`, and the running time until the next one (null for none). */
export function releaseSchedule<T extends TimedClue>(clues: readonly T[], clock: EventClock, now: Date): { due: T[]; nextInMs: number | null } {
  const due: T[] = [];
  let nextInMs: number | null = null;
  for (const clue of clues) {
    if (releasedByClock(clue.releaseAfterMinutes, clock, now)) {
      due.push(clue);
      continue;
    }
    const wait = releaseInMs(clue.releaseAfterMinutes, clock, now);
    if (wait !== null && (nextInMs === null || wait < nextInMs)) nextInMs = wait;
  }
  return { due, nextInMs };
}

/** The key of a clue in sets of released clues. */
export function clueKey(challengeId: string, taskId: string, index: number): string {
  return `${challengeId}\u0000${taskId}\u0000${index}`;
}

/**
 * Whether a clue is free for every team: due by the clock, or recorded as released (a
 * release stays, even if a reload later moves the clue's time).
 */
export function isClueReleased(
  challengeId: string,
  taskId: string,
  clue: { index: number; releaseAfterMinutes: number | null },
  recorded: ReadonlySet<string>,
  clock: EventClock,
  now: Date,
): boolean {
  return recorded.has(clueKey(challengeId, taskId, clue.index)) || releasedByClock(clue.releaseAfterMinutes, clock, now);
}
