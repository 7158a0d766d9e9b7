import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The typed schema (snake_case, as in migrations/). Rows never leave the repositories:
 * services map them to camelCase DTOs.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (pg would turn JS arrays into SQL arrays). */
type Json<T> = ColumnType<T, string, string>;
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
type Identity = ColumnType<number, never, never>;

export type LocalizedJson = Partial<Record<'en' | 'ja', string>>;

export interface AppSecretTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}

export interface EventTable {
  id: Generated<number>;
  name: Generated<string>;
  state: Generated<'draft' | 'running' | 'paused' | 'ended'>;
  started_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  paused_at: NullableTimestamp;
  duration_minutes: Generated<number>;
  freeze_minutes: Generated<number>;
  frozen_at: NullableTimestamp;
  revealed: Generated<boolean>;
  max_team_size: Generated<number>;
  attempts_per_minute: Generated<number>;
  penalty_mode: Generated<'on-solve' | 'immediate'>;
  settings: JsonWithDefault<EventSettingsJson>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface EventSettingsJson {
  /** Challenge ids in play; absent means every visible challenge. */
  inPlay?: string[];
  /** Challenge ids unlocked first; the rest open once each of these has a solve. */
  warmUp?: string[];
  /** The screen's language unless its URL says `?lang=`; `both` shows English and Japanese. */
  screenLanguage?: 'en' | 'ja' | 'both';
  /** The step of the results sequence the MC moved the screens to; absent: the screens pace themselves. */
  finaleStep?: number;
}

export type Goal = 'learn' | 'win';
export type StaffRole = 'owner' | 'facilitator' | 'support';

export interface PlayerTable {
  id: Identity;
  display_name: string;
  language: 'en' | 'ja';
  team_id: number | null;
  /** Stated when asking to be matched to a team (1–5). */
  skill: ColumnType<number | null, number | null | undefined, number | null>;
  goal: ColumnType<Goal | null, Goal | null | undefined, Goal | null>;
  created_at: Timestamp;
}

export interface TeamTable {
  id: Identity;
  name: string;
  join_code: string;
  lab_token: string;
  owner_player_id: number | null;
  score: Generated<number>;
  solved_tasks: Generated<number>;
  score_at: NullableTimestamp;
  last_solve_at: NullableTimestamp;
  disqualified: Generated<boolean>;
  /** Set for teams formed by matching or assignment; those take matched players. */
  goal: ColumnType<Goal | null, Goal | null | undefined, Goal | null>;
  /** Players cannot rename a team whose name a facilitator locked. */
  name_locked: Generated<boolean>;
  /** Members and their stated skills (3 when unstated), kept by a trigger on player. */
  members: ColumnType<number, never, never>;
  skill_total: ColumnType<number, never, never>;
  created_at: Timestamp;
}

export interface AuthSessionTable {
  id_hash: string;
  player_id: number | null;
  is_admin: Generated<boolean>;
  /** The staff member of an admin session (is_admin exactly when set). */
  staff_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface StaffTable {
  /** Taken from its sequence before the insert (the personal token embeds it). */
  id: ColumnType<number, number | undefined, never>;
  name: string;
  role: StaffRole;
  token_hash: string | null;
  builtin: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_seen_at: NullableTimestamp;
}

export interface EventArchiveTable {
  id: Identity;
  event_name: string;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  archived_at: Timestamp;
  archived_by: string;
  teams: number;
  players: number;
  results: Json<unknown>;
  results_csv: string;
  submissions_csv: string;
}

export interface ChallengeTable {
  id: string;
  position: Generated<number>;
  title: Json<LocalizedJson>;
  category: string;
  difficulty: 'easy' | 'medium' | 'hard' | 'expert';
  source: string;
  summary: Json<LocalizedJson>;
  briefing: JsonWithDefault<LocalizedJson>;
  tags: JsonWithDefault<string[]>;
  content_hash: string;
  /** Gone from the files: kept for the record, never in play. */
  hidden: Generated<boolean>;
  /** The file says `hidden: true`: not in play until an admin releases it. */
  held: Generated<boolean>;
  released_at: NullableTimestamp;
  /** The file's `unlock` rule (`{ after?, atMinute? }`), or null. */
  unlock: ColumnType<UnlockJson | null, string | null | undefined, string | null>;
  /** An admin opened it for every team, whatever its unlock rule says. */
  opened_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface UnlockJson {
  after?: string[];
  atMinute?: number;
}

export interface TaskTable {
  challenge_id: string;
  id: string;
  position: number;
  title: Json<LocalizedJson>;
  prompt: Json<LocalizedJson>;
  points: number;
  /** The answer key (an AnswerSpec): server-only. */
  answer: Json<unknown>;
  debrief: JsonWithDefault<LocalizedJson>;
  hidden: Generated<boolean>;
  attempts: number | null;
  wrong_penalty: Generated<number>;
}

export interface ClueTable {
  challenge_id: string;
  task_id: string;
  idx: number;
  text: Json<LocalizedJson>;
  penalty: number;
  release_after_minutes: number | null;
}

export interface AttemptTable {
  id: Identity;
  team_id: number;
  player_id: number | null;
  challenge_id: string;
  task_id: string;
  answer: Json<unknown>;
  correct: boolean;
  flags: JsonWithDefault<string[]>;
  created_at: Timestamp;
  /** Points this wrong attempt takes off its task's award (0 for a correct one, or one after the solve). */
  penalty: Generated<number>;
}

export interface SolveTable {
  team_id: number;
  challenge_id: string;
  task_id: string;
  player_id: number | null;
  attempt_id: number | null;
  points: number;
  /** points − awarded: what the solve lost, after the floor at 0. */
  penalty: number;
  awarded: number;
  solved_at: Timestamp;
  /** Clue penalties counted at the solve, before the floor at 0. */
  clue_penalty: Generated<number>;
  /** Wrong-attempt penalties counted at the solve, before the floor at 0. */
  wrong_penalty: Generated<number>;
}

/** A clue released to every team by `releaseAfterMinutes`; the key makes its publication happen once. */
export interface ClueReleaseTable {
  challenge_id: string;
  task_id: string;
  idx: number;
  released_at: Timestamp;
}

export interface FirstSolveTable {
  challenge_id: string;
  task_id: string;
  team_id: number;
  solved_at: Timestamp;
}

export interface ClueUnlockTable {
  team_id: number;
  challenge_id: string;
  task_id: string;
  idx: number;
  player_id: number | null;
  penalty: number;
  unlocked_at: Timestamp;
}

export interface ScoreAdjustmentTable {
  id: Identity;
  team_id: number;
  points: number;
  reason: string;
  created_by: Generated<string>;
  created_at: Timestamp;
}

export interface ChatMessageTable {
  id: Identity;
  team_id: number;
  channel: 'team' | 'support';
  author_player_id: number | null;
  author_name: string;
  author_admin: Generated<boolean>;
  author_staff_id: ColumnType<number | null, number | null | undefined, number | null>;
  language: 'en' | 'ja';
  text: string;
  /** The challenge the player was on when they wrote (support messages). */
  challenge_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
}

export interface ChatTranslationTable {
  message_id: number;
  language: 'en' | 'ja';
  text: string | null;
  status: Generated<'pending' | 'done' | 'failed'>;
  tries: Generated<number>;
  updated_at: Timestamp;
}

export interface SupportThreadTable {
  team_id: number;
  handled: Generated<boolean>;
  unread_admin: Generated<number>;
  last_message_at: Timestamp;
  assignee_id: ColumnType<number | null, number | null | undefined, number | null>;
  assigned_at: NullableTimestamp;
  waiting_since: NullableTimestamp;
  challenge_id: ColumnType<string | null, string | null | undefined, string | null>;
  handover_note: ColumnType<string | null, string | null | undefined, string | null>;
  handover_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AnnouncementTable {
  id: Identity;
  text: string;
  /** The text per language; null when only `text` was given. */
  texts: ColumnType<LocalizedJson | null, string | null, string | null>;
  level: 'info' | 'warning';
  team_id: number | null;
  dismiss_after_seconds: number | null;
  created_at: Timestamp;
}

export interface RatingTable {
  challenge_id: string;
  player_id: number;
  team_id: number;
  stars: number;
  comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventLogTable {
  id: Identity;
  type: string;
  scope: 'public' | 'team' | 'admin';
  team_id: number | null;
  payload: Json<unknown>;
  created_at: Timestamp;
}

export interface AuditLogTable {
  id: Identity;
  /** The staff member's name at the time (or `system`, `test`). */
  actor: string;
  actor_id: ColumnType<number | null, number | null | undefined, number | null>;
  action: string;
  target: string | null;
  details: JsonWithDefault<unknown>;
  created_at: Timestamp;
}

export interface LabRequestTable {
  id: Identity;
  team_id: number | null;
  lab: string;
  method: string;
  path: string;
  status: number;
  /** AWS labs: the signing service, the operation and the error code answered, if any. */
  service: string | null;
  operation: string | null;
  error_code: string | null;
  created_at: Timestamp;
}

export interface LabStateTable {
  team_id: number;
  lab: string;
  /** The lab's own state (see the lab module's schema): server-only. */
  state: Json<unknown>;
  version: Generated<number>;
  resets: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Database {
  app_secret: AppSecretTable;
  event: EventTable;
  player: PlayerTable;
  team: TeamTable;
  auth_session: AuthSessionTable;
  challenge: ChallengeTable;
  task: TaskTable;
  clue: ClueTable;
  attempt: AttemptTable;
  solve: SolveTable;
  first_solve: FirstSolveTable;
  clue_unlock: ClueUnlockTable;
  clue_release: ClueReleaseTable;
  score_adjustment: ScoreAdjustmentTable;
  chat_message: ChatMessageTable;
  chat_translation: ChatTranslationTable;
  support_thread: SupportThreadTable;
  announcement: AnnouncementTable;
  rating: RatingTable;
  event_log: EventLogTable;
  audit_log: AuditLogTable;
  lab_request: LabRequestTable;
  lab_state: LabStateTable;
  staff: StaffTable;
  event_archive: EventArchiveTable;
}

export type EventRow = Selectable<EventTable>;
export type TeamRow = Selectable<TeamTable>;
export type PlayerRow = Selectable<PlayerTable>;
export type ChallengeRow = Selectable<ChallengeTable>;
export type TaskRow = Selectable<TaskTable>;
export type ClueRow = Selectable<ClueTable>;
export type EventLogRow = Selectable<EventLogTable>;
export type NewEventLog = Insertable<EventLogTable>;
export type EventUpdate = Updateable<EventTable>;
