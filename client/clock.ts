import type { EventState } from './api-types.ts';

export type ClockKind = 'countdown' | 'paused' | 'time' | 'not-started' | 'starts-in';
export type ClockTone = 'normal' | 'amber' | 'red';

export interface ClockView {
  kind: ClockKind;
  /** Milliseconds left to the end (countdown) or to the start (starts-in); 0 otherwise. */
  remainingMs: number;
  tone: ClockTone;
}

const AMBER_MS = 15 * 60_000;
const RED_MS = 5 * 60_000;

/**
 * How far the server clock is ahead of this device, from a `serverNow` stamp and the local
 * time the response arrived. Countdowns use server time so every screen ends together.
 */
export function serverOffset(serverNow: string | null | undefined, receivedAt: number): number {
  const server = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(server) ? 0 : server - receivedAt;
}

export function clockTone(remainingMs: number): ClockTone {
  if (remainingMs <= RED_MS) return 'red';
  if (remainingMs <= AMBER_MS) return 'amber';
  return 'normal';
}

/** What a countdown shows for an event at server time `now`. */
export function clockView(event: { state: EventState; startsAt: string | null; endsAt: string | null }, now: number): ClockView {
  const endsAt = event.endsAt ? Date.parse(event.endsAt) : NaN;
  switch (event.state) {
    case 'paused':
      return { kind: 'paused', remainingMs: 0, tone: 'normal' };
    case 'ended':
      return { kind: 'time', remainingMs: 0, tone: 'red' };
    case 'draft': {
      const startsAt = event.startsAt ? Date.parse(event.startsAt) : NaN;
      if (!Number.isNaN(startsAt) && startsAt > now) {
        return { kind: 'starts-in', remainingMs: startsAt - now, tone: 'normal' };
      }
      return { kind: 'not-started', remainingMs: 0, tone: 'normal' };
    }
    case 'running': {
      if (Number.isNaN(endsAt)) return { kind: 'countdown', remainingMs: 0, tone: 'normal' };
      const remainingMs = Math.max(0, endsAt - now);
      if (remainingMs === 0) return { kind: 'time', remainingMs: 0, tone: 'red' };
      return { kind: 'countdown', remainingMs, tone: clockTone(remainingMs) };
    }
  }
}

/**
 * `HH:MM:SS`, rounding up so the display reads 00:00:01 during the last second and
 * reaches 00:00:00 only when time is really up.
 */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}
