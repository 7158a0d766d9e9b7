import { ApiError } from '../api.ts';
import type { MessageKey } from '../i18n/index.ts';

/** Which message explains a failed create, join or match. */
export function lobbyErrorKey(error: unknown, action: 'create' | 'join' | 'match'): MessageKey {
  if (!(error instanceof ApiError)) return 'common.error';
  if (error.status === 0) return 'common.networkError';
  if (error.code === 'name_taken') return 'lobby.create.taken';
  if (action === 'create' && error.code === 'invalid_input') return 'lobby.create.invalid';
  if (error.code === 'team_full') return 'lobby.join.full';
  if (action === 'join' && (error.code === 'not_found' || error.code === 'invalid_input')) return 'lobby.join.notFound';
  if (error.code === 'already_in_team') return 'lobby.alreadyInTeam';
  if (error.code === 'event_ended') return 'lobby.ended';
  return 'common.error';
}
