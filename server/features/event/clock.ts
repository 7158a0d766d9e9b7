/**
 * The event clock as a state machine (README, "Running the event"). Pure, no I/O: the
 * service loads the stored clock, applies an action at `now`, and saves what comes back.
 *
 *   draft ──start──▶ running ⇄ pause/resume ⇄ paused ──end──▶ ended ──reveal──▶ (revealed)
 *
 * A running event whose `endsAt` has passed is ended in effect even before anyone says so
 * (`settleEventClock`); every action sees the settled clock, so e.g. pausing after the time
 * is up is refused. An action that would change nothing (start twice, freeze twice, reveal
 * twice) is an invalid transition too, so an admin learns the click did nothing.
 */

export const EVENT_STATES = ['draft', 'running', 'paused', 'ended'] as const;
export type EventState = (typeof EVENT_STATES)[number];

export interface EventClock {
  state: EventState;
  startedAt: Date | null;
  endsAt: Date | null;
  /** When the current pause began; null unless paused. */
  pausedAt: Date | null;
  /** Planned playing time; extending a started event adds to it as well as to `endsAt`. */
  durationMinutes: number;
  /** The board freezes this many minutes before `endsAt`; 0 for no scheduled freeze. */
  freezeMinutes: number;
  /** A freeze by hand; null when none. */
  frozenAt: Date | null;
  revealed: boolean;
}

export type EventAction = 'start' | 'pause' | 'resume' | 'end' | 'freeze' | 'unfreeze' | 'reveal' | { type: 'extend'; minutes: number };

/** Longest single extension, a guard against typos that would push the end out of reach. */
export const MAX_EXTEND_MINUTES = 7 * 24 * 60;

export type EventClockErrorCode = 'invalid_transition' | 'invalid_extension';

/** A refused clock action. Carries no HTTP status; `http/errors.ts` maps the code (409/400). */
export class EventClockError extends Error {
  override readonly name = 'EventClockError';
  constructor(
    readonly code: EventClockErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MINUTE_MS = 60_000;

function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * MINUTE_MS);
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** A new event, not started yet. */
export function draftEventClock(durationMinutes: number, freezeMinutes = 0): EventClock {
  return {
    state: 'draft',
    startedAt: null,
    endsAt: null,
    pausedAt: null,
    durationMinutes,
    freezeMinutes,
    frozenAt: null,
    revealed: false,
  };
}

/** The clock with a running event whose end has passed turned into an ended one. */
export function settleEventClock(clock: EventClock, now: Date): EventClock {
  if (clock.state === 'running' && clock.endsAt !== null && clock.endsAt.getTime() <= now.getTime()) {
    return { ...clock, state: 'ended', pausedAt: null };
  }
  return clock;
}

/** The state the event is in at `now`: stored `running` past `endsAt` reads as `ended`. */
export function effectiveState(clock: EventClock, now: Date): EventState {
  return settleEventClock(clock, now).state;
}

function refuse(message: string): never {
  throw new EventClockError('invalid_transition', message);
}

function requireState(clock: EventClock, allowed: readonly EventState[], action: string): void {
  if (!allowed.includes(clock.state)) {
    refuse(`cannot ${action} an event that is ${clock.state}`);
  }
}

/** The `endsAt` of a started event; a started event without one is corrupt state. */
function endOf(clock: EventClock): Date {
  return clock.endsAt ?? refuse(`the ${clock.state} event has no end time`);
}

/**
 * Applies an admin action at `now` and returns the new clock; the input is not modified.
 * Throws `EventClockError` when the action is not allowed in the current state.
 */
export function applyEventAction(clock: EventClock, action: EventAction, now: Date): EventClock {
  const current = settleEventClock(clock, now);
  if (typeof action === 'object') return extend(current, action.minutes);
  switch (action) {
    case 'start':
      requireState(current, ['draft'], 'start');
      if (!(current.durationMinutes > 0)) refuse('the event needs a positive duration to start');
      return { ...current, state: 'running', startedAt: now, endsAt: addMinutes(now, current.durationMinutes) };
    case 'pause':
      requireState(current, ['running'], 'pause');
      return { ...current, state: 'paused', pausedAt: now };
    case 'resume': {
      requireState(current, ['paused'], 'resume');
      const pausedFor = now.getTime() - (current.pausedAt ?? now).getTime();
      return { ...current, state: 'running', pausedAt: null, endsAt: new Date(endOf(current).getTime() + pausedFor) };
    }
    case 'end': {
      requireState(current, ['running', 'paused'], 'end');
      // Play stopped when the pause began, so an event ended while paused ends then.
      const stoppedAt = current.state === 'paused' && current.pausedAt ? current.pausedAt : now;
      // Ending early moves the end, and a scheduled freeze would move with it and hide
      // solves that were public when they happened. Pin the cutoff in force (if any) instead.
      const cutoff = freezeCutoff(current);
      const pinned = cutoff !== null && cutoff.getTime() <= stoppedAt.getTime() ? cutoff : null;
      return { ...current, state: 'ended', pausedAt: null, endsAt: earlier(endOf(current), stoppedAt), frozenAt: pinned, freezeMinutes: 0 };
    }
    case 'freeze':
      requireState(current, ['running', 'paused'], 'freeze');
      if (current.frozenAt !== null) refuse('the scoreboard is already frozen by hand');
      return { ...current, frozenAt: now };
    case 'unfreeze':
      return unfreeze(current, now);
    case 'reveal':
      requireState(current, ['ended'], 'reveal');
      if (current.revealed) refuse('the results are already revealed');
      return { ...current, revealed: true };
  }
}

function extend(clock: EventClock, minutes: number): EventClock {
  if (!Number.isInteger(minutes) || minutes <= 0 || minutes > MAX_EXTEND_MINUTES) {
    throw new EventClockError('invalid_extension', `extend by a whole number of minutes from 1 to ${MAX_EXTEND_MINUTES}`);
  }
  requireState(clock, ['draft', 'running', 'paused'], 'extend');
  const durationMinutes = clock.durationMinutes + minutes;
  if (clock.state === 'draft') return { ...clock, durationMinutes };
  return { ...clock, durationMinutes, endsAt: addMinutes(endOf(clock), minutes) };
}

/**
 * Lifts the freeze now in force: the manual one, and the scheduled one if its time has
 * come (by setting `freezeMinutes` to 0). A scheduled freeze still ahead stays scheduled.
 */
function unfreeze(clock: EventClock, now: Date): EventClock {
  requireState(clock, ['running', 'paused'], 'unfreeze');
  const scheduledActive = scheduledFreezeActive(clock, now);
  if (clock.frozenAt === null && !scheduledActive) refuse('the scoreboard is not frozen');
  return { ...clock, frozenAt: null, freezeMinutes: scheduledActive ? 0 : clock.freezeMinutes };
}

/** `endsAt − freezeMinutes`, or null when no freeze is scheduled or the event has no end yet. */
export function scheduledFreezeAt(clock: EventClock): Date | null {
  if (clock.freezeMinutes <= 0 || clock.endsAt === null) return null;
  return addMinutes(clock.endsAt, -clock.freezeMinutes);
}

/**
 * Whether the scheduled freeze is in force. While paused the clock stands still, so the
 * pause time is compared, not `now`: otherwise a long pause would freeze the board and
 * resuming (which moves the end, and the cutoff with it) would unfreeze it again.
 */
function scheduledFreezeActive(clock: EventClock, now: Date): boolean {
  const cutoff = scheduledFreezeAt(clock);
  if (cutoff === null) return false;
  const reference = clock.state === 'paused' && clock.pausedAt ? clock.pausedAt : now;
  return reference.getTime() >= cutoff.getTime();
}

/**
 * The moment the public board stops moving: the earlier of the manual freeze and the
 * scheduled one; null when neither exists. Solves at or after it are hidden from players
 * until `reveal`.
 */
export function freezeCutoff(clock: EventClock): Date | null {
  const scheduled = scheduledFreezeAt(clock);
  if (clock.frozenAt === null) return scheduled;
  return scheduled === null ? clock.frozenAt : earlier(clock.frozenAt, scheduled);
}

/** Whether players and the screen see the frozen board at `now`; never after `reveal`. */
export function isFrozen(clock: EventClock, now: Date): boolean {
  if (clock.revealed || clock.state === 'draft') return false;
  const manual = clock.frozenAt !== null && now.getTime() >= clock.frozenAt.getTime();
  return manual || scheduledFreezeActive(clock, now);
}

/** Attempts count only while the event is running and its end is still ahead. */
export function isAcceptingAttempts(clock: EventClock, now: Date): boolean {
  const settled = settleEventClock(clock, now);
  return (
    settled.state === 'running' &&
    settled.startedAt !== null &&
    settled.endsAt !== null &&
    settled.startedAt.getTime() <= now.getTime() &&
    now.getTime() < settled.endsAt.getTime()
  );
}

/** Playing time left: the full duration before start, frozen while paused, 0 once ended. */
export function remainingMs(clock: EventClock, now: Date): number {
  const settled = settleEventClock(clock, now);
  switch (settled.state) {
    case 'draft':
      return settled.durationMinutes * MINUTE_MS;
    case 'paused':
      return Math.max(0, (settled.endsAt?.getTime() ?? 0) - (settled.pausedAt ?? now).getTime());
    case 'running':
      return Math.max(0, (settled.endsAt?.getTime() ?? 0) - now.getTime());
    case 'ended':
      return 0;
  }
}

/**
 * Running time so far, pauses excluded: what "N minutes into the event" means for timed
 * rules (`unlock.atMinute`, `releaseAfterMinutes`). 0 before the start; the whole planned
 * length once ended, so every timed rule has come due. Derived from the stored clock, so
 * every instance and every restart agrees, with no timer.
 */
export function runningMs(clock: EventClock, now: Date): number {
  const settled = settleEventClock(clock, now);
  if (settled.state === 'draft') return 0;
  const planned = settled.durationMinutes * MINUTE_MS;
  if (settled.state === 'ended') return planned;
  return Math.max(0, planned - remainingMs(settled, now));
}
