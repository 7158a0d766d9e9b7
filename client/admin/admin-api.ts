/**
 * The admin console's API calls and shapes. Types come from the server with `import type`
 * (erased from the bundle), so the server's DTOs stay the one source of truth.
 */
import { api, call, type JsonBody, type RequestOptions } from '../api.ts';
import type { Ok, StreamEventMap } from '../api-types.ts';

const admin = api.admin;

export type AdminEvent = Ok<(typeof admin.event)['$get']>;
export type EventAction = Parameters<(typeof admin.event)[':action']['$post']>[0]['param']['action'];
export type SettingsPatch = JsonBody<(typeof admin.event)['$patch']>;
export type AdminTeam = Ok<(typeof admin.teams)['$get']>['teams'][number];
export type Adjustment = Ok<(typeof admin.adjustments)['$get']>['adjustments'][number];
/** An attempt as the log lists it and as the `submission` stream event brings it (`answer` is any JSON). */
export type Submission = StreamEventMap['submission'];
export type ClueUsage = Ok<(typeof admin)['clue-usage']['$get']>['tasks'][number];
export type RatingSummary = Ok<(typeof admin.ratings)['$get']>['challenges'][number];
/** `POST /api/admin/challenges/reload`: 200 with the report when the tree is valid, 422 with every problem. */
export type ReloadReport = Awaited<ReturnType<typeof reloadChallenges>>;
export type LintProblem = ReloadReport['problems'][number];
export type SupportThread = Ok<(typeof admin.support)['$get']>['threads'][number];
export type SupportThreadPage = Ok<(typeof admin.support)[':teamId']['$get']>;
export type AdminAnnouncement = Ok<(typeof admin.announcements)['$get']>['announcements'][number];
/** `GET /api/admin/event/setup`: the join panel (address, event code, QR) and what the room should know. */
export type RoomSetup = Ok<(typeof admin.event)['setup']['$get']>;
/** `GET /api/admin/challenges`: the whole tree in both languages, hidden ones too. */
export type AdminChallenge = Ok<(typeof admin.challenges)['$get']>['challenges'][number];

/** A call to a lab (`GET /api/admin/labs/requests`). */
export type LabCall = Ok<(typeof admin.labs.requests)['$get']>['requests'][number];

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
export type ChallengePreview = Ok<(typeof admin.challenges)[':id']['preview']['$get']>;

export interface SubmissionFilter {
  teamId?: number;
  challengeId?: string;
  correct?: boolean;
  flagged?: boolean;
  before?: number;
  limit?: number;
}

type Query<T> = { [K in keyof T]?: NonNullable<T[K]> extends boolean ? 'true' | 'false' : string };

/** A filter as query parameters: empty values left out, the rest as the search string carries them. */
export function toQuery<T extends object>(params: T): Query<T> {
  const query: Query<T> = {};
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query[key as keyof T] = String(value) as Query<T>[keyof T];
  return query;
}

/**
 * The admin console's stream: `view=admin` asks for the admin events (submissions, support,
 * the live board while frozen). Every admin view uses this URL, so they share one connection.
 */
export const ADMIN_STREAM = '/api/stream?view=admin';

// ---- Session ----
export const adminSession = (o?: RequestOptions) => call((init) => admin.session.$get({}, init), o);
export const adminLogin = (token: string) => call((init) => admin.login.$post({ json: { token } }, init));
export const adminLogout = () => call((init) => admin.logout.$post({}, init));

// ---- Event ----
export const getAdminEvent = (o?: RequestOptions) => call((init) => admin.event.$get({}, init), o);
export const getRoomSetup = (o?: RequestOptions) => call((init) => admin.event.setup.$get({}, init), o);
export const updateSettings = (patch: SettingsPatch) => call((init) => admin.event.$patch({ json: patch }, init));
/** The screens' language and the step of the results: facilitators may set these, not only the owner. */
export const updateScreen = (patch: JsonBody<typeof admin.event.screen.$patch>) => call((init) => admin.event.screen.$patch({ json: patch }, init));
export const eventAction = (action: EventAction, minutes?: number) =>
  call((init) => admin.event[':action'].$post({ param: { action }, json: action === 'extend' ? { minutes } : {} }, init));

// ---- Teams and adjustments ----
const team = admin.teams[':id'];
export const getTeams = (o?: RequestOptions) => call((init) => admin.teams.$get({}, init), o);
export const renameTeam = (teamId: number, name: string) => call((init) => team.$patch({ param: { id: String(teamId) }, json: { name } }, init));
export const removeMember = (teamId: number, playerId: number) =>
  call((init) => team.members[':playerId'].$delete({ param: { id: String(teamId), playerId: String(playerId) } }, init));
/** A reason is required to disqualify and optional to reinstate (an empty one is left out). */
export const setDisqualified = (teamId: number, disqualified: boolean, reason: string) => {
  const param = { id: String(teamId) };
  return disqualified
    ? call((init) => team.disqualify.$post({ param, json: { reason } }, init))
    : call((init) => team.reinstate.$post({ param, json: reason ? { reason } : {} }, init));
};
export const adjustScore = (teamId: number, points: number, reason: string) =>
  call((init) => team.adjustments.$post({ param: { id: String(teamId) }, json: { points, reason } }, init));
export const getAdjustments = (o?: RequestOptions) => call((init) => admin.adjustments.$get({}, init), o);

// ---- Insight ----
export const getLabCalls = (filter: LabCallFilter = {}, o?: RequestOptions) => call((init) => admin.labs.requests.$get({ query: toQuery(filter) }, init), o);
export const getSubmissions = (filter: SubmissionFilter = {}, o?: RequestOptions) =>
  call((init) => admin.submissions.$get({ query: toQuery(filter) }, init), o);
export const getClueUsage = (o?: RequestOptions) => call((init) => admin['clue-usage'].$get({}, init), o);
export const getRatings = (o?: RequestOptions) => call((init) => admin.ratings.$get({}, init), o);

// ---- Support ----
const thread = admin.support[':teamId'];
export const getSupportInbox = (o?: RequestOptions) => call((init) => admin.support.$get({}, init), o);
/** Opening a thread also marks it read. */
export const openSupportThread = (teamId: number, page: { before?: number } = {}, o?: RequestOptions) =>
  call((init) => thread.$get({ param: { teamId: String(teamId) }, query: toQuery(page) }, init), o);
export const replySupport = (teamId: number, text: string, language: 'en' | 'ja') =>
  call((init) => thread.$post({ param: { teamId: String(teamId) }, json: { text, language } }, init));
export const setSupportHandled = (teamId: number, handled: boolean) =>
  call((init) => thread.handled.$post({ param: { teamId: String(teamId) }, json: { handled } }, init));

// ---- Announcements ----
export const getAdminAnnouncements = (o?: RequestOptions) => call((init) => admin.announcements.$get({}, init), o);
export const sendAnnouncement = (body: JsonBody<typeof admin.announcements.$post>) => call((init) => admin.announcements.$post({ json: body }, init));

// ---- Challenges ----
const challenge = admin.challenges[':id'];
export const getAdminChallenges = (o?: RequestOptions) => call((init) => admin.challenges.$get({}, init), o);
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
export const releaseChallenge = (id: string) => call((init) => challenge.release.$post({ param: { id: encodeURIComponent(id) } }, init));
/** Opens a challenge with an unlock rule for every team. */
export const openChallenge = (id: string) => call((init) => challenge.open.$post({ param: { id: encodeURIComponent(id) } }, init));
export const getPreview = (id: string, language: 'en' | 'ja', o?: RequestOptions) =>
  call((init) => challenge.preview.$get({ param: { id: encodeURIComponent(id) }, query: { language } }, init), o);
/** Checks an answer against the key; records nothing. */
export const tryPreviewAnswer = (id: string, taskId: string, answer: unknown) =>
  call((init) => challenge.tasks[':taskId'].try.$post({ param: { id: encodeURIComponent(id), taskId: encodeURIComponent(taskId) }, json: { answer } }, init));

/** 200 with the report when the tree is valid; 422 with the same report listing every problem. */
export const reloadChallenges = () => call((init) => admin.challenges.reload.$post({}, init), { acceptStatus: [422] });

// ---- Export: downloads, so views link to these rather than fetching them ----
export const exportUrl = (format: 'csv' | 'json') => (format === 'csv' ? '/api/admin/export' : '/api/admin/export?format=json');
