import type { LocalizedJson } from '../db/database.ts';
import type { PublicEventView } from '../features/event/event.ts';

/**
 * What services publish (the outbox rows, realtime/outbox.ts), separate from what goes over
 * the wire (wire.ts). Every event type is declared once, in `OutboxEvent` below; `scope`
 * decides who may receive an event: everyone, one team (and admins), or admins only.
 */
export interface SolvePayload {
  teamId: number;
  teamName: string;
  challengeId: string;
  challengeTitle: LocalizedJson;
  taskId: string;
  taskTitle: LocalizedJson;
  /** 1-based position of the task in its challenge. */
  taskIndex: number;
  awarded: number;
  firstSolve: boolean;
  at: string;
}

export interface CluePayload {
  teamId: number;
  challengeId: string;
  taskId: string;
  index: number;
  penalty: number;
  playerId: number | null;
  playerName: string;
  at: string;
}

/**
 * A clue released to every team by time (`releaseAfterMinutes`): from now on it is free for
 * all. Published once, by whichever instance records the release first.
 */
export interface ClueReleasePayload {
  released: true;
  challengeId: string;
  challengeTitle: LocalizedJson;
  taskId: string;
  taskTitle: LocalizedJson;
  /** 1-based position of the task in its challenge. */
  taskIndex: number;
  index: number;
  at: string;
}

/**
 * A wrong attempt on a task with fair-play rules (`attempts`, `wrongPenalty`), for the team:
 * every member's card shows the attempts left and the price so far without a reload.
 */
export interface WrongPayload {
  teamId: number;
  challengeId: string;
  taskId: string;
  playerId: number;
  playerName: string;
  /** What this attempt takes off the award. */
  penalty: number;
  /** Wrong attempts the team may still make; null without a limit. */
  attemptsLeft: number | null;
  /**
   * A "Check my progress" that found the lab not done yet, not a typed answer: the team hears
   * of it as a check (with the `lab` event that follows), never as "a wrong answer".
   */
  check: boolean;
  at: string;
}

export interface ChatPayload {
  id: number;
  teamId: number;
  channel: 'team' | 'support';
  authorPlayerId: number | null;
  authorName: string;
  authorAdmin: boolean;
  language: 'en' | 'ja';
  text: string;
  /** Support messages: the challenge the player was on when they wrote. */
  challengeId?: string | null;
  at: string;
}

export interface TranslationPayload {
  messageId: number;
  teamId: number;
  channel: 'team' | 'support';
  language: 'en' | 'ja';
  text: string;
}

export interface AnnouncementPayload {
  id: number;
  text: string;
  /** The text per language (may be empty): readers take theirs, else English, else `text`. */
  texts: LocalizedJson;
  level: 'info' | 'warning';
  teamId: number | null;
  dismissAfterSeconds: number | null;
  at: string;
}

export interface SubmissionPayload {
  id: number;
  teamId: number;
  teamName: string;
  playerName: string | null;
  challengeId: string;
  taskId: string;
  answer: unknown;
  correct: boolean;
  flags: string[];
  /** What a wrong attempt takes off its task's award (`wrongPenalty`); 0 otherwise. */
  penalty: number;
  at: string;
}

/** A teammate restarted a lab or checked their progress on a check task. */
export interface LabActivityPayload {
  teamId: number;
  challengeId: string;
  taskId: string;
  lab: string;
  action: 'reset' | 'check';
  playerId: number | null;
  playerName: string;
  /** reset: how many resets the team has used on this lab. */
  resets?: number;
  /** check: whether it passed, and how many progress items are done. */
  passed?: boolean;
  done?: number;
  total?: number;
  at: string;
}

/** A facilitator changed the team's score by hand: the team sees how much and why. */
export interface AdjustmentPayload {
  id: number;
  teamId: number;
  points: number;
  reason: string;
  at: string;
}

export interface TeamChangedPayload {
  teamId: number;
  reason: 'joined' | 'left' | 'renamed' | 'removed' | 'disqualified' | 'reinstated' | 'name-locked' | 'name-unlocked';
  playerId?: number;
  /** Who joined or left, so the team can be told by name. */
  playerName?: string;
  /** How a player was placed: by matching, a facilitator's assignment, or a move. */
  via?: 'match' | 'assign' | 'move';
}

/** A support thread changed: unread count, handled flag, assignee, or a handover. */
export interface SupportPayload {
  teamId: number;
  unread: number;
  handled: boolean;
  assigneeId?: number | null;
  /** Set when a thread was handed to someone: they are told who and why. */
  handover?: { fromId: number; fromName: string; toId: number; toName: string; teamName: string; note: string | null };
}

/** Staff accounts changed; a revoked person's streams close on every instance. */
export interface StaffPayload {
  staffId: number;
  reason: 'created' | 'revoked';
}

/** The event was reset (rehearsal over): players' sessions are gone, everyone starts over. */
export interface RestartPayload {
  at: string;
  eventName: string;
}

/**
 * Scores changed: instances rebuild their scoreboard snapshot. `asOf` is the time the
 * change counts from (a solve's, an unlock's or an adjustment's time): a board frozen
 * before it is unaffected, one frozen after it is rebuilt even when the change committed
 * late. Without `asOf` (renames, reloads, clock changes) every board is rebuilt.
 */
export interface ScoresPayload {
  teamIds: number[];
  reason: string;
  asOf?: string;
}

export interface ChallengesPayload {
  reason: 'reload' | 'settings' | 'release' | 'open';
  at: string;
}

export type OutboxEvent =
  | { type: 'solve'; scope: 'public'; teamId: number; payload: SolvePayload }
  | { type: 'scores'; scope: 'public'; teamId?: number | null; payload: ScoresPayload }
  | { type: 'clue'; scope: 'team'; teamId: number; payload: CluePayload }
  | { type: 'clue'; scope: 'public'; teamId?: null; payload: ClueReleasePayload }
  | { type: 'wrong'; scope: 'team'; teamId: number; payload: WrongPayload }
  | { type: 'chat'; scope: 'team'; teamId: number; payload: ChatPayload }
  | { type: 'translation'; scope: 'team'; teamId: number; payload: TranslationPayload }
  | { type: 'announcement'; scope: 'public'; teamId?: null; payload: AnnouncementPayload }
  | { type: 'announcement'; scope: 'team'; teamId: number; payload: AnnouncementPayload }
  /** The clock or event settings changed: payload is the public event view at the change. */
  | { type: 'clock'; scope: 'public'; teamId?: null; payload: PublicEventView }
  | { type: 'challenges'; scope: 'public'; teamId?: null; payload: ChallengesPayload }
  // Not written to the log any more (features/admin/submission-feed.ts reads the attempt log);
  // kept for the hub's rules and for rows logged before.
  | { type: 'submission'; scope: 'admin'; teamId?: number | null; payload: SubmissionPayload }
  | { type: 'support'; scope: 'admin'; teamId?: number | null; payload: SupportPayload }
  | { type: 'team'; scope: 'team'; teamId: number; payload: TeamChangedPayload }
  | { type: 'staff'; scope: 'admin'; teamId?: null; payload: StaffPayload }
  | { type: 'restart'; scope: 'public'; teamId?: null; payload: RestartPayload }
  | { type: 'lab'; scope: 'team'; teamId: number; payload: LabActivityPayload }
  | { type: 'adjustment'; scope: 'team'; teamId: number; payload: AdjustmentPayload };

export type OutboxEventType = OutboxEvent['type'];
export type EventScope = OutboxEvent['scope'];

type Logged<E> = E extends OutboxEvent ? Omit<E, 'teamId'> & { id: number; teamId: number | null; at: Date } : never;

/**
 * An outbox row as every instance reads it back (realtime/bus.ts): the same union, so
 * `event.type === 'solve'` narrows `payload` to a SolvePayload without a cast.
 */
export type LoggedEvent = Logged<OutboxEvent>;
