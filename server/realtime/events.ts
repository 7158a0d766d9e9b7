import type { LocalizedJson } from '../db/database.ts';

/**
 * What services publish (the outbox rows), separate from what goes over the wire. `scope`
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

export interface ChatPayload {
  id: number;
  teamId: number;
  channel: 'team' | 'support';
  authorPlayerId: number | null;
  authorName: string;
  authorAdmin: boolean;
  language: 'en' | 'ja';
  text: string;
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

export interface TeamChangedPayload {
  teamId: number;
  reason: 'joined' | 'left' | 'renamed' | 'removed' | 'disqualified' | 'reinstated';
  playerId?: number;
}

export type OutboxEvent =
  | { type: 'solve'; scope: 'public'; teamId: number; payload: SolvePayload }
  /** Scores changed: instances rebuild their scoreboard snapshot. */
  | { type: 'scores'; scope: 'public'; teamId?: number | null; payload: { teamIds: number[]; reason: string } }
  | { type: 'clue'; scope: 'team'; teamId: number; payload: CluePayload }
  | { type: 'chat'; scope: 'team'; teamId: number; payload: ChatPayload }
  | { type: 'translation'; scope: 'team'; teamId: number; payload: TranslationPayload }
  | { type: 'announcement'; scope: 'public'; teamId?: null; payload: AnnouncementPayload }
  | { type: 'announcement'; scope: 'team'; teamId: number; payload: AnnouncementPayload }
  /** The clock or event settings changed: payload is the public event view. */
  | { type: 'clock'; scope: 'public'; teamId?: null; payload: Record<string, unknown> }
  | { type: 'challenges'; scope: 'public'; teamId?: null; payload: { reason: 'reload' | 'settings' | 'release' | 'open'; at: string } }
  | { type: 'submission'; scope: 'admin'; teamId?: number | null; payload: SubmissionPayload }
  | { type: 'support'; scope: 'admin'; teamId?: number | null; payload: { teamId: number; unread: number; handled: boolean } }
  | { type: 'team'; scope: 'team'; teamId: number; payload: TeamChangedPayload }
  | { type: 'lab'; scope: 'team'; teamId: number; payload: LabActivityPayload };

export type OutboxEventType = OutboxEvent['type'];
