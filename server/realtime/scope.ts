import type { LoggedEvent } from './bus.ts';
import type { SolvePayload, TeamChangedPayload } from './events.ts';

/**
 * Who may see which logged event, as pure functions the hub applies per connection and per
 * replayed row. Anonymous viewers (the screen) get public events only; a player also gets
 * their team's events; admins get everything. After the freeze a solve reaches only admins
 * and the solving team: everyone else learns of it at the reveal, through the board.
 */
export type ViewerRole = 'public' | 'player' | 'admin';

export interface Viewer {
  role: ViewerRole;
  playerId: number | null;
  /** Kept current from `team` events while the stream is open. */
  teamId: number | null;
}

export type WireEventName =
  | 'hello'
  | 'reset'
  | 'scoreboard'
  | 'solve'
  | 'clue'
  | 'chat'
  | 'translation'
  | 'announcement'
  | 'clock'
  | 'challenges'
  | 'team'
  | 'submission'
  | 'support'
  | 'lab';

/** Outbox types relayed under the same wire name; `scores` only triggers a board push. */
const RELAYED = new Set<string>(['solve', 'clue', 'chat', 'translation', 'announcement', 'clock', 'challenges', 'team', 'submission', 'support', 'lab']);

/** Outbox types after which the scoreboard may read differently. */
export const BOARD_TRIGGERS = new Set<string>(['scores', 'clock', 'team']);

/** Whether the board as players see it is frozen at a moment (false once revealed). */
export type FreezeCheck = (at: Date) => boolean;

export function wireNameFor(event: LoggedEvent, viewer: Viewer, isFrozenAt: FreezeCheck): WireEventName | null {
  if (!RELAYED.has(event.type)) return null;
  if (viewer.role === 'admin') return event.type as WireEventName;
  if (event.scope === 'admin') return null;
  if (event.scope === 'team') {
    return viewer.teamId !== null && event.teamId === viewer.teamId ? (event.type as WireEventName) : null;
  }
  if (event.type === 'solve') {
    const solve = event.payload as SolvePayload;
    const at = typeof solve.at === 'string' ? new Date(solve.at) : event.at;
    if (isFrozenAt(at) && (viewer.teamId === null || viewer.teamId !== solve.teamId)) return null;
  }
  return event.type as WireEventName;
}

/**
 * How a `team` event moves players between teams, for the hub's player → team map:
 * `before` applies ahead of delivery (a joining player then sees the event), `after`
 * once it was delivered (a leaving player still sees it).
 */
export type TeamMove =
  | { when: 'before'; playerId: number; teamId: number }
  | { when: 'after'; playerId: number; teamId: null; fromTeamId: number }
  | { when: 'after'; playerId: null; teamId: null; fromTeamId: number };

export function teamMoveFor(event: LoggedEvent): TeamMove | null {
  if (event.type !== 'team') return null;
  const payload = event.payload as TeamChangedPayload;
  const playerId = typeof payload.playerId === 'number' ? payload.playerId : null;
  if (payload.reason === 'joined' && playerId !== null) return { when: 'before', playerId, teamId: payload.teamId };
  // `removed` names the member an admin took out, or (without a player) the whole team.
  if ((payload.reason === 'left' || payload.reason === 'removed') && playerId !== null)
    return { when: 'after', playerId, teamId: null, fromTeamId: payload.teamId };
  if (payload.reason === 'removed') return { when: 'after', playerId: null, teamId: null, fromTeamId: payload.teamId };
  return null;
}
