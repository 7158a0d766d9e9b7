import type { Database } from '../../db/database.ts';

/**
 * Every table, sorted into what one event's play writes (a reset empties it) and what an
 * organisation keeps from event to event. A test compares the two lists with the schema,
 * so a new table cannot be added without deciding which side it is on.
 *
 * Order matters for the reset: children before the rows they point at.
 */
export const PER_EVENT_TABLES = [
  'chat_translation',
  'chat_message',
  'support_thread',
  'announcement',
  'rating',
  'clue_unlock',
  // Releases by time belong to the run that made them: the live event tells teams afresh.
  'clue_release',
  'first_solve',
  'solve',
  'attempt',
  'score_adjustment',
  'lab_request',
  'lab_state',
  'event_log',
  'team',
  'player',
] as const satisfies readonly (keyof Database)[];

/**
 * Kept through a reset: the challenge set, staff, settings (the `event` row goes back to
 * draft with its settings), secrets, the audit trail and the archive itself. `auth_session`
 * stays for staff; players' sessions go with their player rows.
 */
export const KEPT_TABLES = [
  'app_secret',
  'event',
  'challenge',
  'task',
  'clue',
  'staff',
  'auth_session',
  'audit_log',
  'event_archive',
] as const satisfies readonly (keyof Database)[];

export type PerEventTable = (typeof PER_EVENT_TABLES)[number];
