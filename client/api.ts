import type {
  AnnouncementInfo,
  AnswerPayload,
  AttemptResult,
  CheckResult,
  ChallengeDetail,
  ChallengeSummary,
  ChatChannel,
  ChatHistory,
  ChatMessage,
  ClueUnlocked,
  ErrorBody,
  ErrorCode,
  EventInfo,
  JoinInfo,
  Lang,
  Me,
  Player,
  Rating,
  Scoreboard,
  ScoreHistory,
  SolveEvent,
  Team,
} from './api-types.ts';

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

export interface RequestOptions {
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is a result rather than an error (e.g. 422 for a lint report). */
  acceptStatus?: readonly number[];
  /** `omit` sends no session cookie: the screen reads the public board even in a facilitator's browser. */
  credentials?: RequestCredentials;
}

/** One JSON request; the helpers below and `admin/admin-api.ts` build on it. */
export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: options.credentials ?? 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: options.signal ?? null,
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
  if (!response.ok && !options.acceptStatus?.includes(response.status)) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
    if (isErrorBody(data)) throw new ApiError(response.status, data.error.code, data.error.message, retryAfter);
    throw new ApiError(response.status, `http_${response.status}`, response.statusText || 'request failed', retryAfter);
  }
  return data as T;
}

const get = <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options);
const post = <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options);
const patch = <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options);
const enc = encodeURIComponent;

function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}

// ---- Public ----
export const getEvent = (o?: RequestOptions) => get<EventInfo>('/api/event', o);
export const getJoinInfo = (o?: RequestOptions) => get<JoinInfo>('/api/event/join-info', o);
export const getScoreboard = (page: { offset?: number; limit?: number } = {}, o?: RequestOptions) => get<Scoreboard>(`/api/scoreboard${query(page)}`, o);

// ---- Player ----
export const join = (body: { eventCode: string; displayName: string; language: Lang }) => post<{ player: Player }>('/api/join', body);
export const getMe = (o?: RequestOptions) => get<Me>('/api/me', o);
export const updateMe = (body: { displayName?: string; language?: Lang }) => patch<{ player: Player }>('/api/me', body);
export const logout = () => post<{ ok: true }>('/api/logout');
export const createTeam = (name: string) => post<{ team: Team }>('/api/teams', { name });
export const joinTeam = (joinCode: string) => post<{ team: Team }>('/api/teams/join', { joinCode });
export const matchTeam = (body: { skill: number; goal: 'learn' | 'win' }) => post<{ team: Team }>('/api/teams/match', body);
export const leaveTeam = () => post<{ ok: true }>('/api/team/leave');
export const renameTeam = (name: string) => patch<{ team: Team }>('/api/team', { name });
export const rotateLabToken = () => post<{ team: Team }>('/api/team/lab-token/rotate');
export const getChallenges = (o?: RequestOptions) => get<{ challenges: ChallengeSummary[] }>('/api/challenges', o);
export const getChallenge = (id: string, o?: RequestOptions) => get<ChallengeDetail>(`/api/challenges/${enc(id)}`, o);
export const submitAttempt = (challengeId: string, taskId: string, answer: AnswerPayload) =>
  post<AttemptResult>(`/api/challenges/${enc(challengeId)}/tasks/${enc(taskId)}/attempts`, { answer });
/** "Check my progress": an attempt whose verdict comes from the team's lab state. */
export const checkTask = (challengeId: string, taskId: string) => post<CheckResult>(`/api/challenges/${enc(challengeId)}/tasks/${enc(taskId)}/check`);
export const resetLab = (challengeId: string, taskId: string) =>
  post<{ lab: string; resets: number }>(`/api/challenges/${enc(challengeId)}/tasks/${enc(taskId)}/lab/reset`);
export const unlockClue = (challengeId: string, taskId: string, index: number) =>
  post<ClueUnlocked>(`/api/challenges/${enc(challengeId)}/tasks/${enc(taskId)}/clues/${index}`);
export const rateChallenge = (challengeId: string, stars: number, comment?: string) =>
  post<{ rating: Rating }>(`/api/challenges/${enc(challengeId)}/rating`, comment ? { stars, comment } : { stars });
/** Team chat (`team`) or the support thread with the facilitators (`support`), oldest first per page. */
const chatPath = (channel: ChatChannel) => (channel === 'team' ? '/api/team/chat' : '/api/team/support');
export const getChat = (channel: ChatChannel, page: { before?: number; limit?: number } = {}, o?: RequestOptions) =>
  get<ChatHistory>(`${chatPath(channel)}${query(page)}`, o);
export const sendChat = (channel: ChatChannel, text: string) => post<{ message: ChatMessage }>(chatPath(channel), { text });
export const getAnnouncements = (o?: RequestOptions) => get<{ announcements: AnnouncementInfo[] }>('/api/announcements', o);
export const getScoreHistory = (top = 10, o?: RequestOptions) => get<ScoreHistory>(`/api/scoreboard/history${query({ top })}`, o);
export const getRecentSolves = (limit = 20, o?: RequestOptions) => get<{ solves: SolveEvent[] }>(`/api/scoreboard/recent-solves${query({ limit })}`, o);

// The admin console's calls live in admin/admin-api.ts, outside the player bundle.
