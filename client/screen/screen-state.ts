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

/** A task is solved once per team, so this names a solve whether it came over the stream or from a fetch. */
export function solveKey(solve: Pick<SolveEvent, 'teamId' | 'challengeId' | 'taskId'>): string {
  return `${solve.teamId}:${solve.challengeId}:${solve.taskId}`;
}

function toItem(solve: SolveEvent): TickerItem {
  return {
    key: solveKey(solve),
    teamName: solve.teamName,
    challengeTitle: solve.challengeTitle,
    taskTitle: solve.taskTitle,
    taskIndex: solve.taskIndex,
    firstSolve: solve.firstSolve,
    at: solve.at,
  };
}

/**
 * Adds a solve to the top of the ticker. A solve already shown (replayed after a reconnect,
 * or already loaded from `recent-solves`) is not shown twice.
 */
export function addSolve(items: TickerItem[], solve: SolveEvent): TickerItem[] {
  const key = solveKey(solve);
  if (items.some((item) => item.key === key)) return items;
  return [toItem(solve), ...items].slice(0, MAX_TICKER);
}

/**
 * The ticker after loading `GET /api/scoreboard/recent-solves`: what the server lists plus
 * anything newer that arrived meanwhile, newest first.
 */
export function mergeSolves(items: TickerItem[], solves: readonly SolveEvent[]): TickerItem[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const solve of solves) byKey.set(solveKey(solve), toItem(solve));
  return [...byKey.values()].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX_TICKER);
}

/** An announcement as the screen keeps it: from the stream, or from `GET /api/announcements` with `expiresAt`. */
export type PinnedAnnouncement = Announcement & { expiresAt?: string | null };

/** When a pinned announcement stops showing (ms), or null to keep it. */
export function expiresAt(announcement: PinnedAnnouncement): number | null {
  if (announcement.expiresAt) return Date.parse(announcement.expiresAt);
  if (announcement.dismissAfterSeconds) return Date.parse(announcement.at) + announcement.dismissAfterSeconds * 1000;
  return null;
}

/** Pins an announcement above the ticker; only the newest two stay. */
export function pinAnnouncement<T extends Announcement>(list: T[], announcement: T): T[] {
  if (list.some((a) => a.id === announcement.id)) return list;
  return [announcement, ...list].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, MAX_PINNED);
}

/** The pinned announcements still showing at `now`. */
export function unexpired<T extends PinnedAnnouncement>(list: readonly T[], now: number): T[] {
  return list.filter((a) => {
    const end = expiresAt(a);
    return end === null || end > now;
  });
}

/** Cuts a long name so the sentence around it still fits in two lines. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
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
  return /^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(markup) && !/<script|<foreignObject|<iframe|\son\w+\s*=|javascript:/i.test(markup);
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
