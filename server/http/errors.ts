import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../logger.ts';

/**
 * Domain errors carry a literal code and no HTTP status; the table below is the one place
 * that maps codes to statuses. Every error leaves as `{ error: { code, message, details? } }`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
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

const STATUS: Record<string, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  name_taken: 409,
  team_full: 409,
  already_in_team: 409,
  not_in_team: 409,
  clue_locked: 409,
  event_not_running: 409,
  invalid_transition: 409,
  invalid_extension: 400,
  not_solved: 409,
  locked: 403,
  payload_too_large: 413,
  invalid_challenges: 422,
  rate_limited: 429,
  unavailable: 503,
};

export function statusFor(code: string): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** True for errors that mean "the database went away", as opposed to a bug. */
export function isConnectionError(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|terminating connection/i.test(
    message,
  );
}

/** The app's onError: domain errors by table, lost database → 503, anything else → logged 500. */
export function handleError(error: Error, c: Context, logger: Logger): Response {
  if (error instanceof DomainError) {
    const status = statusFor(error.code);
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    return c.json(errorBody(error.code, error.message, error.details), status);
  }
  if (isConnectionError(error)) {
    logger.warn('database unavailable', { requestId: c.get('requestId' as never), error: error.message });
    c.header('Retry-After', '2');
    return c.json(errorBody('unavailable', 'the database is unavailable; try again in a few seconds'), 503);
  }
  const status = (error as { status?: unknown }).status;
  if (status === 413) return c.json(errorBody('payload_too_large', 'request body too large'), 413);
  logger.error('unhandled error', { requestId: c.get('requestId' as never), error: error.message, stack: error.stack });
  return c.json(errorBody('internal', 'internal error'), 500);
}
