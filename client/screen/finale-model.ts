/**
 * The results sequence after the reveal, paced by the MC: a title, 3rd place, 2nd, 1st, the
 * race of the top ten, then the final podium, which stays. The MC moves it on with a key on the
 * screen's computer (or a presenter remote) or from the admin console; if nobody does, it moves
 * on by itself after a while, so an unattended screen still gets there.
 */
export const FINALE_STEPS = ['title', 'third', 'second', 'first', 'race', 'final'] as const;
export type FinaleStep = (typeof FINALE_STEPS)[number];
export const LAST_STEP = FINALE_STEPS.length - 1;
export const RACE_STEP = FINALE_STEPS.indexOf('race');

/** Seconds each step shows when nobody paces the screen (`?auto=`); 0 waits for the MC. */
export const DEFAULT_AUTO_SECONDS = 10;

export function clampStep(step: number): number {
  return Math.max(0, Math.min(LAST_STEP, Math.round(step)));
}

/** How many podium places are shown at a step: none on the title, then 3rd, 2nd and 1st. */
export function placesShown(step: number): number {
  return Math.max(0, Math.min(3, step));
}

/** Whether the rest of the top ten is listed under the podium (only on the final one). */
export function restShown(step: number): boolean {
  return step >= LAST_STEP;
}

/** `?auto=` as seconds per step: a whole number from 0 to 600, else the default. */
export function parseAuto(value: string | null): number {
  if (value === null || !/^\d+$/.test(value.trim())) return DEFAULT_AUTO_SECONDS;
  return Math.min(600, Number(value));
}

/**
 * How long a step shows before the fallback moves on, or null when it waits (the final step,
 * or `?auto=0`). The race gets longer: its lines grow for `drawMs` and then need reading.
 */
export function autoDelayMs(step: number, autoSeconds: number, drawMs: number): number | null {
  if (autoSeconds <= 0 || step >= LAST_STEP) return null;
  const ms = autoSeconds * 1000;
  return step === RACE_STEP ? drawMs + Math.max(ms, 4000) : ms;
}

/** Keys that move the sequence: presenter remotes send PageDown/PageUp (or the arrows). */
export function stepForKey(key: string, step: number): number | null {
  switch (key) {
    case ' ':
    case 'Enter':
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'n':
      return clampStep(step + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
    case 'p':
      return clampStep(step - 1);
    case 'Home':
      return 0;
    case 'End':
      return LAST_STEP;
    default:
      return null;
  }
}
