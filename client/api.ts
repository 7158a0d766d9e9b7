import { type ClientRequestOptions, type ClientResponse, hc, type InferRequestType } from 'hono/client';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AppType } from '../server/app.ts';
import type { AnswerPayload, ChatChannel, ErrorBody, ErrorCode } from './api-types.ts';

/**
 * The API's routes as typed calls, from the server's route types (`import type`, erased from
 * the bundle): a path, a parameter, a request body or a response that changes on the server
 * fails `tsc` here. `call()` turns a response into its JSON or an `ApiError`.
 */
export const api = hc<AppType>('/').api;

/** A failed request's code: the server's, `network` (no answer) or `http_<status>` (no envelope). */
export type ApiErrorCode = ErrorCode | 'network' | `http_${number}`;

/** A failed request: the server's error envelope, or a network failure (`status` 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    /** Seconds to wait, from `Retry-After` on 429/503. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as ErrorBody | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string';
}

export interface RequestOptions<Accept extends number = never> {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is a result rather than an error (e.g. 422 for a lint report). */
  acceptStatus?: readonly Accept[];
  /** `omit` sends no session cookie: the screen reads the public board even in a facilitator's browser. */
  credentials?: RequestCredentials;
}

/** The JSON body of a route's responses with one of the statuses `S`, as its handler's `c.json()` declares it. */
export type JsonOf<R, S extends number = SuccessStatusCode> =
  R extends ClientResponse<infer T, infer U, infer F> ? (U extends S ? (F extends 'json' ? T : never) : never) : never;
/** The JSON body a route takes (`validate('json', Schema)`), as its schema's input. */
export type JsonBody<F> = InferRequestType<F> extends { json: infer J } ? J : never;

/**
 * One request through `api`: `send` gets hc's options (cookies, abort signal, JSON accept
 * header) to pass on. Resolves to the JSON of a 2xx answer (or of a status in
 * `acceptStatus`); anything else throws an `ApiError`, an unreachable server with status 0.
 */
export async function call<R extends ClientResponse<unknown, number>, Accept extends number = never>(
  send: (init: ClientRequestOptions) => Promise<R>,
  options: RequestOptions<Accept> = {},
): Promise<JsonOf<R, SuccessStatusCode | Accept>> {
  let response: R;
  try {
    response = await send({
      headers: { accept: 'application/json' },
      init: { credentials: options.credentials ?? 'same-origin', signal: options.signal ?? null },
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', (cause as Error)?.message ?? 'network error');
  }
  const text = await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok && !(options.acceptStatus as readonly number[] | undefined)?.includes(response.status)) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, retryAfter);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || 'request failed', retryAfter);
  }
  // The one place the parsed body takes the route's type: the server's handler declared it.
  return data as JsonOf<R, SuccessStatusCode | Accept>;
}

/** Path parameters are sent as given: hc does not encode them. */
const enc = encodeURIComponent;
/** Query values as the search string carries them; hc leaves out `undefined`. */
const q = (value: number | string | undefined) => (value === undefined ? undefined : String(value));

// ---- Public ----
export const getEvent = (o?: RequestOptions) => call((init) => api.event.$get({}, init), o);
export const getJoinInfo = (o?: RequestOptions) => call((init) => api.event['join-info'].$get({}, init), o);
export const getScoreboard = (page: { offset?: number; limit?: number } = {}, o?: RequestOptions) =>
  call((init) => api.scoreboard.$get({ query: { offset: q(page.offset), limit: q(page.limit) } }, init), o);

// ---- Player ----
export const join = (body: JsonBody<typeof api.join.$post>) => call((init) => api.join.$post({ json: body }, init));
export const getMe = (o?: RequestOptions) => call((init) => api.me.$get({}, init), o);
export const updateMe = (body: JsonBody<typeof api.me.$patch>) => call((init) => api.me.$patch({ json: body }, init));
export const logout = () => call((init) => api.logout.$post({}, init));
export const createTeam = (name: string) => call((init) => api.teams.$post({ json: { name } }, init));
export const joinTeam = (joinCode: string) => call((init) => api.teams.join.$post({ json: { joinCode } }, init));
export const matchTeam = (body: JsonBody<typeof api.teams.match.$post>) => call((init) => api.teams.match.$post({ json: body }, init));
export const leaveTeam = () => call((init) => api.team.leave.$post({}, init));
export const renameTeam = (name: string) => call((init) => api.team.$patch({ json: { name } }, init));
export const rotateLabToken = () => call((init) => api.team['lab-token'].rotate.$post({}, init));
export const getChallenges = (o?: RequestOptions) => call((init) => api.challenges.$get({}, init), o);
export const getChallenge = (id: string, o?: RequestOptions) => call((init) => api.challenges[':id'].$get({ param: { id: enc(id) } }, init), o);
const task = api.challenges[':id'].tasks[':taskId'];
export const submitAttempt = (challengeId: string, taskId: string, answer: AnswerPayload) =>
  call((init) => task.attempts.$post({ param: { id: enc(challengeId), taskId: enc(taskId) }, json: { answer } }, init));
/** "Check my progress": an attempt whose verdict comes from the team's lab state. */
export const checkTask = (challengeId: string, taskId: string) =>
  call((init) => task.check.$post({ param: { id: enc(challengeId), taskId: enc(taskId) } }, init));
export const resetLab = (challengeId: string, taskId: string) =>
  call((init) => task.lab.reset.$post({ param: { id: enc(challengeId), taskId: enc(taskId) } }, init));
export const unlockClue = (challengeId: string, taskId: string, index: number) =>
  call((init) => task.clues[':index'].$post({ param: { id: enc(challengeId), taskId: enc(taskId), index: String(index) } }, init));
export const rateChallenge = (challengeId: string, stars: number, comment?: string) =>
  call((init) => api.challenges[':id'].rating.$post({ param: { id: enc(challengeId) }, json: comment ? { stars, comment } : { stars } }, init));
/** Team chat (`team`) or the support thread with the facilitators (`support`), oldest first per page. */
export const getChat = (channel: ChatChannel, page: { before?: number; limit?: number } = {}, o?: RequestOptions) => {
  const query = { before: q(page.before), limit: q(page.limit) };
  return channel === 'team' ? call((init) => api.team.chat.$get({ query }, init), o) : call((init) => api.team.support.$get({ query }, init), o);
};
export const sendChat = (channel: ChatChannel, text: string) =>
  channel === 'team' ? call((init) => api.team.chat.$post({ json: { text } }, init)) : call((init) => api.team.support.$post({ json: { text } }, init));
export const getAnnouncements = (o?: RequestOptions) => call((init) => api.announcements.$get({ query: {} }, init), o);
export const getScoreHistory = (top = 10, o?: RequestOptions) => call((init) => api.scoreboard.history.$get({ query: { top: q(top) } }, init), o);
export const getRecentSolves = (limit = 20, o?: RequestOptions) =>
  call((init) => api.scoreboard['recent-solves'].$get({ query: { limit: q(limit) } }, init), o);

// The admin console's calls live in admin/admin-api.ts, outside the player bundle.
