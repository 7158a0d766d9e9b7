import type { EventRow } from '../../db/database.ts';
import { effectiveState, freezeCutoff, isFrozen, remainingMs, type EventClock } from './clock.ts';
import type { PenaltyMode } from '../play/scoring.ts';

/** The event as the services see it: the clock plus settings. */
export interface EventSnapshot {
  name: string;
  clock: EventClock;
  maxTeamSize: number;
  attemptsPerMinute: number;
  penaltyMode: PenaltyMode;
  inPlay: string[] | null;
  warmUp: string[];
  screenLanguage: 'en' | 'ja' | 'both' | null;
  finaleStep: number | null;
  version: number;
}

export function rowToSnapshot(row: EventRow): EventSnapshot {
  return {
    name: row.name,
    clock: {
      state: row.state,
      startedAt: row.started_at,
      endsAt: row.ends_at,
      pausedAt: row.paused_at,
      durationMinutes: row.duration_minutes,
      freezeMinutes: row.freeze_minutes,
      frozenAt: row.frozen_at,
      revealed: row.revealed,
    },
    maxTeamSize: row.max_team_size,
    attemptsPerMinute: row.attempts_per_minute,
    penaltyMode: row.penalty_mode,
    inPlay: row.settings.inPlay ?? null,
    warmUp: row.settings.warmUp ?? [],
    screenLanguage: row.settings.screenLanguage ?? null,
    finaleStep: row.settings.finaleStep ?? null,
    version: row.version,
  };
}

/** `GET /api/event`: public, the same for everyone. */
export interface PublicEventView {
  name: string;
  state: 'draft' | 'running' | 'paused' | 'ended';
  startsAt: string | null;
  endsAt: string | null;
  serverNow: string;
  frozen: boolean;
  revealed: boolean;
  remainingMs: number;
  durationMinutes: number;
  freezeAt: string | null;
  /** Whether clue penalties count on solve (the Jam rule) or at once (CTFd's). */
  penaltyMode: 'on-solve' | 'immediate';
  /** The screen's language chosen in the console (a `?lang=` in its URL wins); null: the browser's. */
  screenLanguage: 'en' | 'ja' | 'both' | null;
  /** After the reveal, the results step the MC moved the screens to; null: the screens pace themselves. */
  finaleStep: number | null;
}

export function toPublicEventView(event: EventSnapshot, now: Date): PublicEventView {
  const cutoff = freezeCutoff(event.clock);
  return {
    name: event.name,
    state: effectiveState(event.clock, now),
    startsAt: event.clock.startedAt?.toISOString() ?? null,
    endsAt: event.clock.endsAt?.toISOString() ?? null,
    serverNow: now.toISOString(),
    frozen: isFrozen(event.clock, now),
    revealed: event.clock.revealed,
    remainingMs: remainingMs(event.clock, now),
    durationMinutes: event.clock.durationMinutes,
    freezeAt: cutoff?.toISOString() ?? null,
    penaltyMode: event.penaltyMode,
    screenLanguage: event.screenLanguage,
    finaleStep: event.clock.revealed ? event.finaleStep : null,
  };
}

export function toAdminEventView(event: EventSnapshot, now: Date) {
  return {
    ...toPublicEventView(event, now),
    freezeMinutes: event.clock.freezeMinutes,
    frozenByHand: event.clock.frozenAt !== null,
    pausedAt: event.clock.pausedAt?.toISOString() ?? null,
    maxTeamSize: event.maxTeamSize,
    attemptsPerMinute: event.attemptsPerMinute,
    penaltyMode: event.penaltyMode,
    inPlay: event.inPlay,
    warmUp: event.warmUp,
  };
}
