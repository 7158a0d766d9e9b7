/**
 * The admin console's API calls and shapes. Types come from the server with `import type`
 * (erased from the bundle), so the server's DTOs stay the one source of truth.
 */
import type { z } from 'zod';
import type { AdjustmentDto, AdminTeamDto, ClueUsageDto, LabRequestDto, RatingSummaryDto, SubmissionDto } from '../../server/features/admin/admin.schema.ts';
import type { AnnouncementDto } from '../../server/features/announcements/announcement.service.ts';
import type { ChallengePreview as ServerChallengePreview } from '../../server/features/challenges/challenge.preview.ts';
import type { ReloadReport as ServerReloadReport } from '../../server/features/challenges/challenge.service.ts';
import type { ChatPage } from '../../server/features/chat/chat.service.ts';
import type { SupportThreadDto, SupportThreadStateDto } from '../../server/features/chat/support.service.ts';
import type { toAdminEventView } from '../../server/features/event/event.ts';
import type { EventActionParamSchema, EventSettingsPatch } from '../../server/features/event/event.schema.ts';
import type { StaffSessionDto } from '../../server/features/staff/staff.schema.ts';
import type { JoinInfoDto } from '../../server/features/event/event.routes.ts';
import type { TeamDto } from '../../server/features/teams/teams.schema.ts';
import { request, type RequestOptions } from '../api.ts';
import type { LocalizedText } from '../api-types.ts';

export type AdminEvent = ReturnType<typeof toAdminEventView>;
export type EventAction = z.infer<typeof EventActionParamSchema>['action'];
export type SettingsPatch = EventSettingsPatch;
export type AdminTeam = AdminTeamDto;
export type Adjustment = AdjustmentDto;
export type Submission = SubmissionDto;
export type ClueUsage = ClueUsageDto;
export type RatingSummary = RatingSummaryDto;
export type ReloadReport = ServerReloadReport;
export type LintProblem = ReloadReport['problems'][number];
export type SupportThread = SupportThreadDto;
export type SupportThreadPage = ChatPage & { team: { id: number; name: string }; thread: SupportThreadStateDto };
export type AdminAnnouncement = AnnouncementDto;
/** `GET /api/admin/event/setup`: the join panel (address, event code, QR) and what the room should know. */
export type RoomSetup = JoinInfoDto & { publicUrlSet: boolean; translation: { provider: 'none' | 'libretranslate' | 'aws' } };

/** `GET /api/admin/challenges`: the whole tree in both languages, hidden ones too. */
export interface AdminChallenge {
  id: string;
  title: LocalizedText;
  category: string;
  difficulty: 'easy' | 'medium' | 'hard' | 'expert';
  source: string;
  /** Gone from the files (kept for the record). */
  hidden: boolean;
  /** The file says `hidden: true` and no admin has put it in play yet. */
  held: boolean;
  inPlay: boolean;
  /** The file's unlock rule; null when it is open from the start. */
  unlock: { after?: string[]; atMinute?: number } | null;
  /** When an admin opened it for every team. */
  openedAt: string | null;
  contentHash: string;
  tasks: Array<{
    id: string;
    index: number;
    title: LocalizedText;
    points: number;
    type: string;
    attempts: number | null;
    wrongPenalty: number;
    clues: Array<{ index: number; penalty: number; releaseAfterMinutes: number | null }>;
  }>;
}

/** A call to a lab (`GET /api/admin/labs/requests`). */
export type LabCall = LabRequestDto;

export interface LabCallFilter {
  teamId?: number;
  service?: string;
  operation?: string;
  errors?: boolean;
  after?: number;
  before?: number;
  limit?: number;
}
/** `GET /api/admin/challenges/:id/preview`: the player's view in one language, with the keys. */
export type ChallengePreview = ReturnType<ServerChallengePreview['view']>;

export interface SubmissionFilter {
  teamId?: number;
  challengeId?: string;
  correct?: boolean;
  flagged?: boolean;
  before?: number;
  limit?: number;
}

function query(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}

const get = <T>(path: string, o?: RequestOptions) => request<T>('GET', path, undefined, o);
const send = <T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, o?: RequestOptions) =>
  request<T>(method, path, body ?? (method === 'DELETE' ? undefined : {}), o);

/**
 * The admin console's stream: `view=admin` asks for the admin events (submissions, support,
 * the live board while frozen). Every admin view uses this URL, so they share one connection.
 */
export const ADMIN_STREAM = '/api/stream?view=admin';

// ---- Session ----
export const adminSession = (o?: RequestOptions) => get<{ admin: boolean; staff: StaffSessionDto | null }>('/api/admin/session', o);
export const adminLogin = (token: string) => send<{ ok: true; staff: StaffSessionDto }>('POST', '/api/admin/login', { token });
export const adminLogout = () => send<{ ok: true }>('POST', '/api/admin/logout');

// ---- Event ----
export const getAdminEvent = (o?: RequestOptions) => get<AdminEvent>('/api/admin/event', o);
export const getRoomSetup = (o?: RequestOptions) => get<RoomSetup>('/api/admin/event/setup', o);
export const updateSettings = (patch: SettingsPatch) => send<AdminEvent>('PATCH', '/api/admin/event', patch);
/** The screens' language and the step of the results: facilitators may set these, not only the owner. */
export const updateScreen = (patch: Pick<SettingsPatch, 'screenLanguage' | 'finaleStep'>) => send<AdminEvent>('PATCH', '/api/admin/event/screen', patch);
export const eventAction = (action: EventAction, minutes?: number) =>
  send<AdminEvent>('POST', `/api/admin/event/${action}`, action === 'extend' ? { minutes } : {});

// ---- Teams and adjustments ----
export const getTeams = (o?: RequestOptions) => get<{ teams: AdminTeam[]; totalTasks: number }>('/api/admin/teams', o);
export const renameTeam = (teamId: number, name: string) => send<{ team: TeamDto }>('PATCH', `/api/admin/teams/${teamId}`, { name });
export const removeMember = (teamId: number, playerId: number) => send<{ team: TeamDto }>('DELETE', `/api/admin/teams/${teamId}/members/${playerId}`);
/** A reason is required to disqualify and optional to reinstate (an empty one is left out). */
export const setDisqualified = (teamId: number, disqualified: boolean, reason: string) =>
  send<{ team: TeamDto; changed: boolean }>('POST', `/api/admin/teams/${teamId}/${disqualified ? 'disqualify' : 'reinstate'}`, reason ? { reason } : {});
export const adjustScore = (teamId: number, points: number, reason: string) =>
  send<{ adjustment: Adjustment; team: { id: number; score: number } }>('POST', `/api/admin/teams/${teamId}/adjustments`, { points, reason });
export const getAdjustments = (o?: RequestOptions) => get<{ adjustments: Adjustment[] }>('/api/admin/adjustments', o);

// ---- Insight ----
export const getLabCalls = (filter: LabCallFilter = {}, o?: RequestOptions) =>
  get<{ requests: LabCall[]; nextBefore: number | null }>(`/api/admin/labs/requests${query(filter)}`, o);
export const getSubmissions = (filter: SubmissionFilter = {}, o?: RequestOptions) =>
  get<{ submissions: Submission[]; nextBefore: number | null }>(`/api/admin/submissions${query(filter)}`, o);
export const getClueUsage = (o?: RequestOptions) => get<{ tasks: ClueUsage[] }>('/api/admin/clue-usage', o);
export const getRatings = (o?: RequestOptions) => get<{ challenges: RatingSummary[] }>('/api/admin/ratings', o);

// ---- Support ----
export const getSupportInbox = (o?: RequestOptions) => get<{ threads: SupportThread[] }>('/api/admin/support', o);
/** Opening a thread also marks it read. */
export const openSupportThread = (teamId: number, page: { before?: number } = {}, o?: RequestOptions) =>
  get<SupportThreadPage>(`/api/admin/support/${teamId}${query(page)}`, o);
export const replySupport = (teamId: number, text: string, language: 'en' | 'ja') =>
  send<{ message: SupportThreadPage['messages'][number] }>('POST', `/api/admin/support/${teamId}`, { text, language });
export const setSupportHandled = (teamId: number, handled: boolean) =>
  send<{ thread: { teamId: number; handled: boolean; unread: number } }>('POST', `/api/admin/support/${teamId}/handled`, { handled });

// ---- Announcements ----
export const getAdminAnnouncements = (o?: RequestOptions) => get<{ announcements: AdminAnnouncement[] }>('/api/admin/announcements', o);
export const sendAnnouncement = (body: {
  text?: string;
  texts?: { en?: string; ja?: string };
  level: 'info' | 'warning';
  teamId?: number;
  dismissAfterSeconds?: number;
}) => send<{ announcement: AdminAnnouncement }>('POST', '/api/admin/announcements', body);

// ---- Challenges ----
export const getAdminChallenges = (o?: RequestOptions) => get<{ challenges: AdminChallenge[] }>('/api/admin/challenges', o);
let sharedChallenges: { at: number; value: Promise<{ challenges: AdminChallenge[] }> } | undefined;
const SHARED_MS = 30_000;

/**
 * The challenge list for views that only need titles (teams, submissions, stuck): they refresh
 * often under live updates, while the list changes only on a reload or an in-play switch.
 */
export function getChallengeTitles(): Promise<{ challenges: AdminChallenge[] }> {
  if (!sharedChallenges || Date.now() - sharedChallenges.at > SHARED_MS) {
    const value = getAdminChallenges();
    sharedChallenges = { at: Date.now(), value };
    value.catch(() => (sharedChallenges = undefined));
  }
  return sharedChallenges.value;
}

/** After a reload or an in-play switch: the next title lookup fetches again. */
export function forgetChallengeTitles(): void {
  sharedChallenges = undefined;
}

/** Puts a challenge held back by `hidden: true` in play. */
export const releaseChallenge = (id: string) => send<{ ok: true }>('POST', `/api/admin/challenges/${encodeURIComponent(id)}/release`);
/** Opens a challenge with an unlock rule for every team. */
export const openChallenge = (id: string) => send<{ ok: true }>('POST', `/api/admin/challenges/${encodeURIComponent(id)}/open`);
export const getPreview = (id: string, language: 'en' | 'ja', o?: RequestOptions) =>
  get<ChallengePreview>(`/api/admin/challenges/${encodeURIComponent(id)}/preview?language=${language}`, o);
/** Checks an answer against the key; records nothing. */
export const tryPreviewAnswer = (id: string, taskId: string, answer: unknown) =>
  send<{ correct: boolean }>('POST', `/api/admin/challenges/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/try`, { answer });

/** 200 with the report when the tree is valid; 422 with the same report listing every problem. */
export const reloadChallenges = () => send<ReloadReport>('POST', '/api/admin/challenges/reload', {}, { acceptStatus: [422] });

// ---- Export: downloads, so views link to these rather than fetching them ----
export const exportUrl = (format: 'csv' | 'json') => (format === 'csv' ? '/api/admin/export' : '/api/admin/export?format=json');
