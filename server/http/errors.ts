import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isConnectionError } from '../db/errors.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import type { Logger } from '../logger.ts';

/** The one place that maps error codes (domain/errors.ts) to HTTP statuses. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  conflict: 409,
  name_taken: 409,
  team_full: 409,
  name_locked: 409,
  event_ended: 409,
  already_assigned: 409,
  already_in_team: 409,
  not_in_team: 409,
  clue_locked: 409,
  attempts_exhausted: 409,
  event_not_running: 409,
  invalid_transition: 409,
  invalid_extension: 400,
  not_solved: 409,
  locked: 403,
  payload_too_large: 413,
  invalid_challenges: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function statusFor(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: details ? { code, message, details } : { code, message } };
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
