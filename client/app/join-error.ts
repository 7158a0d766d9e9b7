import { ApiError } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';

/** Which message explains a failed join to the player. */
export function joinErrorKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'common.error';
  if (error.status === 0) return 'common.networkError';
  if (error.code === 'event_ended') return 'join.error.ended';
  if (error.status === 401 || error.status === 403 || error.status === 404) return 'join.error.badCode';
  if (error.status === 400 && /code/i.test(`${error.code} ${error.message}`)) return 'join.error.badCode';
  return 'common.error';
}
