import type { Announcement, SolveEvent } from '../api-types.ts';
import type { TickerItem } from './jam-screen-ticker.ts';

export const DEFAULT_TOP = 10;
const MAX_TOP = 25;
const MAX_TICKER = 20;
const MAX_PINNED = 2;

/** `?top=` as a row count: a whole number from 1 to 25, else the default of 10. */
export function parseTop(value: string | null): number {
  if (value === null || !/^\d+$/.test(value.trim())) return DEFAULT_TOP;
  const n = Number(value);
  return n >= 1 ? Math.min(MAX_TOP, n) : DEFAULT_TOP;
}

/**
 * Adds a solve to the top of the ticker. A replayed event (same stream id after a reconnect)
 * is not shown twice.
 */
export function addSolve(items: TickerItem[], solve: SolveEvent, eventId: string): TickerItem[] {
  const key = eventId || `${solve.teamId}:${solve.challengeId}:${solve.taskId}`;
  if (items.some((item) => item.key === key)) return items;
  const item: TickerItem = {
    key,
    teamName: solve.teamName,
    challengeTitle: solve.challengeTitle,
    taskIndex: solve.taskIndex,
    firstSolve: solve.firstSolve,
    at: solve.at,
  };
  return [item, ...items].slice(0, MAX_TICKER);
}

/** Pins an announcement above the ticker; only the newest two stay. */
export function pinAnnouncement(list: Announcement[], announcement: Announcement): Announcement[] {
  if (list.some((a) => a.id === announcement.id)) return list;
  return [announcement, ...list].slice(0, MAX_PINNED);
}
