import { ApiError } from '../api.ts';
import type { AdminEvent } from './admin-api.ts';
import { errorText } from './admin-format.ts';

/**
 * How admin views talk to the console shell: a notice becomes a toast and is read out
 * through the live region; a 401 anywhere sends the facilitator back to sign-in; a new
 * event view (after an action or a settings change) updates the event bar.
 */
export interface AdminNotice {
  message: string;
  variant: 'success' | 'info' | 'warning';
  /** The session is gone: show the sign-in form. */
  signedOut?: boolean;
}

export function notify(host: EventTarget, message: string, variant: AdminNotice['variant'] = 'success'): void {
  host.dispatchEvent(new CustomEvent<AdminNotice>('jam-admin-notice', { detail: { message, variant }, bubbles: true, composed: true }));
}

/** Reports a failed call with the server's message and returns that message for inline use. */
export function notifyError(host: EventTarget, error: unknown): string {
  const message = errorText(error);
  const signedOut = error instanceof ApiError && error.status === 401;
  host.dispatchEvent(new CustomEvent<AdminNotice>('jam-admin-notice', { detail: { message, variant: 'warning', signedOut }, bubbles: true, composed: true }));
  return message;
}

export function eventChanged(host: EventTarget, event: AdminEvent): void {
  host.dispatchEvent(new CustomEvent<AdminEvent>('jam-admin-event', { detail: event, bubbles: true, composed: true }));
}

/** A section failed to load: only a lost session needs the shell (the section shows the rest). */
export function signedOutCheck(host: EventTarget, error: unknown): void {
  if (error instanceof ApiError && error.status === 401) notifyError(host, error);
}

declare global {
  interface GlobalEventHandlersEventMap {
    'jam-admin-notice': CustomEvent<AdminNotice>;
    'jam-admin-event': CustomEvent<AdminEvent>;
  }
}
