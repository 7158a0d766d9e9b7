/**
 * After the reveal the screen alternates, forever, between the podium and the race (the top
 * ten's score over time). Timing is a pure function of the time since the reveal was seen,
 * so it survives any number of re-renders and is the same on every tick.
 */

export type FinaleView = 'podium' | 'race';

export interface FinaleTiming {
  /** How long the podium shows each time: about 8 s rising (3rd, 2nd, 1st, the rest), then held. */
  podiumMs: number;
  /** How long the race shows each time. */
  raceMs: number;
  /** How long the lines take to grow from the start to the end; 0 draws them at once. */
  drawMs: number;
}

export const DEFAULT_CYCLE_SECONDS = 20;
const MAX_CYCLE_SECONDS = 600;
const DRAW_MS = 8000;
/** The lines finish growing with time to spare for reading the final positions. */
const DRAW_SHARE = 0.4;

/** `?cycle=` as seconds per view: a whole number from 1 to 600, else 20. Tests use small values. */
export function parseCycle(value: string | null): number {
  if (value === null || !/^\d+$/.test(value.trim())) return DEFAULT_CYCLE_SECONDS;
  const n = Number(value);
  return n >= 1 ? Math.min(MAX_CYCLE_SECONDS, n) : DEFAULT_CYCLE_SECONDS;
}

/** The timing for a number of seconds per view; under reduced motion the lines are drawn at once. */
export function finaleTiming(cycleSeconds: number, reducedMotion: boolean): FinaleTiming {
  const ms = cycleSeconds * 1000;
  return { podiumMs: ms, raceMs: ms, drawMs: reducedMotion ? 0 : Math.min(DRAW_MS, Math.round(ms * DRAW_SHARE)) };
}

export interface FinaleMoment {
  view: FinaleView;
  /** Counts the views shown so far (0 is the first podium), so each showing can start afresh. */
  round: number;
  /** Time until the next view. */
  nextInMs: number;
}

/** Which view shows `elapsedMs` after the reveal: the podium first, then the race, and so on. */
export function finaleAt(elapsedMs: number, timing: Pick<FinaleTiming, 'podiumMs' | 'raceMs'>): FinaleMoment {
  const elapsed = Math.max(0, elapsedMs);
  const period = timing.podiumMs + timing.raceMs;
  const cycles = Math.floor(elapsed / period);
  const within = elapsed - cycles * period;
  return within < timing.podiumMs
    ? { view: 'podium', round: cycles * 2, nextInMs: timing.podiumMs - within }
    : { view: 'race', round: cycles * 2 + 1, nextInMs: period - within };
}

/** How far the lines have grown (0 to 1) `elapsedMs` after the race view began. */
export function drawProgress(elapsedMs: number, drawMs: number): number {
  if (drawMs <= 0) return 1;
  return Math.min(1, Math.max(0, elapsedMs / drawMs));
}

/**
 * Line colours by place, as design tokens: the medal colours for the top three (as on the
 * podium just before), then the category hues, the tenth dashed to tell it from the silver.
 * All of them meet 4.5:1 on the screen background, as they colour the labels too.
 */
export const RACE_COLOURS: ReadonlyArray<{ token: string; dashed: boolean }> = [
  '--jam-color-gold',
  '--jam-color-silver',
  '--jam-color-bronze',
  '--jam-color-category-1',
  '--jam-color-category-2',
  '--jam-color-category-4',
  '--jam-color-category-5',
  '--jam-color-category-6',
  '--jam-color-category-7',
  '--jam-color-category-8',
].map((token, i) => ({ token, dashed: i === 9 }));

/** The colour of the line at a place in the list (0-based); beyond ten the colours repeat dashed. */
export function raceColour(index: number): { token: string; dashed: boolean } {
  const colour = RACE_COLOURS[index % RACE_COLOURS.length]!;
  return { token: colour.token, dashed: colour.dashed || index >= RACE_COLOURS.length };
}
