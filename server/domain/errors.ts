/**
 * The errors a use case may refuse with, and the one list of their codes. Client-safe (no
 * imports): the web client matches on `ErrorCode` too. Domain errors carry no HTTP status;
 * `http/errors.ts` maps each code to one, and every error leaves as
 * `{ error: { code, message, details? } }`.
 */
export const ERROR_CODES = [
  'invalid_input',
  'invalid_json',
  'unauthenticated',
  'forbidden',
  'csrf',
  'not_found',
  'conflict',
  'name_taken',
  'team_full',
  'name_locked',
  'event_ended',
  'already_assigned',
  'already_in_team',
  'not_in_team',
  'clue_locked',
  'attempts_exhausted',
  'event_not_running',
  'invalid_transition',
  'invalid_extension',
  'not_solved',
  'locked',
  'payload_too_large',
  'invalid_challenges',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A request body, query or parameter that does not fit; `field` names the culprit. */
export class ValidationError extends DomainError {
  constructor(field: string, message: string) {
    super('invalid_input', `${field}: ${message}`, { field });
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message, { retryAfterSeconds });
  }
}

/** The database cannot be reached: the caller should try again shortly. */
export class UnavailableError extends DomainError {
  constructor(message = 'the database is unavailable; try again in a few seconds') {
    super('unavailable', message, { retryAfterSeconds: 2 });
  }
}
