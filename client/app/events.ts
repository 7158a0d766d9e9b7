/**
 * Events the player views send up to the game shell, which owns the live region, the
 * toasts and the data every view shares.
 */

/** A status change for screen readers (through the shell's `aria-live` region). */
export function announce(from: HTMLElement, message: string): void {
  from.dispatchEvent(new CustomEvent('jam-announce', { detail: { message }, bubbles: true, composed: true }));
}

/**
 * Something to refetch: the player and team (`me`), the board list, the open challenge
 * (its view handles that one), or everything.
 */
export type RefreshTarget = 'me' | 'challenges' | 'challenge' | 'all';

export function requestRefresh(from: HTMLElement, what: RefreshTarget): void {
  from.dispatchEvent(new CustomEvent('jam-refresh', { detail: { what }, bubbles: true, composed: true }));
}

const OWN_WINDOW_MS = 15_000;
const ownAttempts = new Map<string, number>();

/**
 * Marks a task this tab is submitting, so the shell can tell the player's own solve from a
 * teammate's when the `solve` event arrives (it may come before or after the HTTP reply).
 */
export function markOwnAttempt(challengeId: string, taskId: string, now = Date.now()): void {
  ownAttempts.set(`${challengeId}/${taskId}`, now);
}

export function isOwnAttempt(challengeId: string, taskId: string, now = Date.now()): boolean {
  const at = ownAttempts.get(`${challengeId}/${taskId}`);
  return at !== undefined && now - at < OWN_WINDOW_MS;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jam-announce': CustomEvent<{ message: string }>;
    'jam-refresh': CustomEvent<{ what: RefreshTarget }>;
  }
}
