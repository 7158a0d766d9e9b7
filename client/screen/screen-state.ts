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

/** Cuts a long name so the sentence around it still fits in two lines. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** How many rows of a given height fit in a height (both in px). */
export function rowsThatFit(available: number, rowHeight: number, gap: number): number {
  if (rowHeight <= 0) return 0;
  return Math.max(0, Math.floor((available + gap) / (rowHeight + gap)));
}

/**
 * Accepts only a self-contained `<svg>` without scripts, event handlers or foreign content.
 * The join panel's QR markup comes from our own server's QR library, never from user input;
 * this check is a second line of defence before it goes into the page unescaped.
 */
export function isPlainSvg(markup: string): boolean {
  return (
    /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(markup) &&
    !/<script|<foreignObject|<iframe|\son\w+\s*=|javascript:/i.test(markup)
  );
}

/**
 * The join address as people will type it: no scheme, no query (the event code is shown
 * on its own, and the QR code carries the full URL).
 */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}
