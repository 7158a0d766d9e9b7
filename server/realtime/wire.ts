import type {
  AdjustmentPayload,
  AnnouncementPayload,
  ChallengesPayload,
  ChatPayload,
  CluePayload,
  ClueReleasePayload,
  LabActivityPayload,
  RestartPayload,
  SolvePayload,
  StaffPayload,
  SubmissionPayload,
  SupportPayload,
  TeamChangedPayload,
  TranslationPayload,
  WrongPayload,
} from './events.ts';
import type { ViewerRole } from './scope.ts';
import type { BoardPageDto } from '../features/scoreboard/scoreboard.service.ts';
import type { PublicEventView } from '../features/event/event.ts';

/**
 * What `GET /api/stream` sends, by SSE event name: the client's side of the contract
 * (type-only; safe to import from client/). Every event block carries `id:` (an event_log
 * id; the browser sends it back as Last-Event-ID) and one `data:` line of JSON. Blocks that
 * carry only `id:` (heartbeats) move the id forward without dispatching anything.
 */
export interface WireEventMap {
  /** First event of every connection: how the server sees the caller. */
  hello: { role: ViewerRole; playerId: number | null; teamId: number | null; replayed: number; serverNow: string };
  /** The missed events cannot be replayed (too many, too old or unknown id): refetch all state. */
  reset: { reason: 'too_many' | 'too_old' | 'unknown_id' };
  /** As `GET /api/scoreboard` (first page); admins get the live board even while frozen. */
  scoreboard: BoardPageDto;
  solve: SolvePayload;
  /** A teammate unlocked a clue, or (`released: true`, to everyone) a clue became free by time. */
  clue: CluePayload | ClueReleasePayload;
  /** The caller's team: a wrong attempt on a task with attempts or wrongPenalty. */
  wrong: WrongPayload;
  chat: ChatPayload;
  translation: TranslationPayload;
  announcement: AnnouncementPayload;
  /** The public event view, as `GET /api/event` (serverNow is the time of the change). */
  clock: PublicEventView;
  challenges: ChallengesPayload;
  team: TeamChangedPayload;
  /** The team's own score was adjusted by a facilitator (team-scoped). */
  adjustment: AdjustmentPayload;
  /** Admin stream only. */
  submission: SubmissionPayload;
  /** Admin stream only: a support thread's unread count, handled flag or assignee changed. */
  support: SupportPayload;
  /** Admin stream only: a staff member was added or revoked. */
  staff: StaffPayload;
  /** The event was reset: players return to the join page, screens start over. */
  restart: RestartPayload;
  /** The caller's team: a teammate restarted a lab or checked their progress. */
  lab: LabActivityPayload;
}

export type WireEventName = keyof WireEventMap;

/** Every SSE event name, once at run time (the client listens for each). */
export const WIRE_EVENT_NAMES = [
  'hello',
  'reset',
  'scoreboard',
  'solve',
  'clue',
  'wrong',
  'chat',
  'translation',
  'announcement',
  'clock',
  'challenges',
  'team',
  'adjustment',
  'submission',
  'support',
  'lab',
  'staff',
  'restart',
] as const satisfies readonly WireEventName[];

// A name added to WireEventMap but not to the list above fails to compile here.
type Unlisted = Exclude<WireEventName, (typeof WIRE_EVENT_NAMES)[number]>;
export const WIRE_EVENT_NAMES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

export type WireEvent = { [K in keyof WireEventMap]: { id: number; event: K; data: WireEventMap[K] } }[keyof WireEventMap];
