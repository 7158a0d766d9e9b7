import type { StaffRole } from '../db/database.ts';
import type { PublicEventView } from '../features/event/event.ts';
import type { LoggedEvent, OutboxEventType } from './events.ts';
import type { WireEventName } from './wire.ts';

export type { WireEventName } from './wire.ts';

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
  /** The staff member of an admin stream (closed when they are revoked). */
  staffId?: number | null;
  /** Their role: support staff see no submissions (answers are facilitators' business). */
  staffRole?: StaffRole | null;
  /** Kept current from `team` events while the stream is open. */
  teamId: number | null;
}

/**
 * What decides whether a solve is hidden from players: the freeze cutoff in force and the
 * reveal. The hub takes it from the `clock` events it relays, in log order, so a solve is
 * judged by the clock as it stood when that solve was logged, never by a state that an
 * instance is still reloading.
 */
export interface FreezeState {
  cutoff: Date | null;
  revealed: boolean;
}

export function freezeStateOf(view: Pick<PublicEventView, 'freezeAt' | 'revealed'>): FreezeState {
  return { cutoff: view.freezeAt === null ? null : new Date(view.freezeAt), revealed: view.revealed };
}

/** A solve made at `at` is on the frozen side of the board: hidden from players until the reveal. */
export function hiddenByFreeze(freeze: FreezeState, at: Date): boolean {
  return !freeze.revealed && freeze.cutoff !== null && at.getTime() >= freeze.cutoff.getTime();
}

/** Whether each outbox type is relayed under its own wire name; `scores` only triggers a board push. */
const RELAYED: Record<OutboxEventType, boolean> = {
  solve: true,
  scores: false,
  clue: true,
  wrong: true,
  chat: true,
  translation: true,
  announcement: true,
  clock: true,
  challenges: true,
  submission: true,
  support: true,
  team: true,
  adjustment: true,
  lab: true,
  staff: true,
  restart: true,
};

/** Outbox types after which the scoreboard may read differently. */
export const BOARD_TRIGGERS: ReadonlySet<OutboxEventType> = new Set<OutboxEventType>(['scores', 'clock', 'team', 'restart']);

export function wireNameFor(event: LoggedEvent, viewer: Viewer, freeze: FreezeState): WireEventName | null {
  if (!RELAYED[event.type]) return null;
  const name = event.type as Exclude<OutboxEventType, 'scores'>;
  // Answers are facilitators' business: support staff do not get the submissions feed.
  if (viewer.role === 'admin') return name === 'submission' && viewer.staffRole === 'support' ? null : name;
  if (event.scope === 'admin') return null;
  if (event.scope === 'team') return viewer.teamId !== null && event.teamId === viewer.teamId ? name : null;
  if (event.type === 'solve') {
    const at = typeof event.payload.at === 'string' ? new Date(event.payload.at) : event.at;
    if (hiddenByFreeze(freeze, at) && (viewer.teamId === null || viewer.teamId !== event.payload.teamId)) return null;
  }
  return name;
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
  const payload = event.payload;
  const playerId = typeof payload.playerId === 'number' ? payload.playerId : null;
  if (payload.reason === 'joined' && playerId !== null) return { when: 'before', playerId, teamId: payload.teamId };
  // `removed` names the member an admin took out, or (without a player) the whole team.
  if ((payload.reason === 'left' || payload.reason === 'removed') && playerId !== null)
    return { when: 'after', playerId, teamId: null, fromTeamId: payload.teamId };
  if (payload.reason === 'removed') return { when: 'after', playerId: null, teamId: null, fromTeamId: payload.teamId };
  return null;
}
