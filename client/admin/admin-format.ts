import { ApiError } from '../api.ts';
import { formatTime, t } from '../i18n/index.ts';
import type { AdminChallenge, AdminEvent, ClueUsage, EventAction, LintProblem, SettingsPatch, Submission, SubmissionFilter } from './admin-api.ts';

/**
 * Pure helpers of the admin console: what a failure says, how an answer or a lint problem
 * reads, which event actions apply now, and which settings a form changed.
 */

/** The server's own message for a failed call; a plain sentence when the network failed. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? t('common.networkError') : error.message;
  return t('common.error');
}

/** `file:line:column message`, as `npm run jam -- lint` prints it. */
export function problemLine(problem: LintProblem): string {
  return problem.text || `${problem.file}:${problem.line}:${problem.column} ${problem.message}`;
}

/**
 * Tasks where teams struggle first: lowest solve rate, then the most wrong answers. Tasks no
 * team has tried yet say nothing about difficulty, so they go last.
 */
export function sortByStuck(tasks: readonly ClueUsage[]): ClueUsage[] {
  return tasks
    .map((task, order) => ({ task, order }))
    .sort((a, b) => {
      const ra = a.task.solveRate;
      const rb = b.task.solveRate;
      if (ra === null || rb === null) return ra === rb ? a.order - b.order : ra === null ? 1 : -1;
      return ra - rb || b.task.wrongAttempts - a.task.wrongAttempts || a.order - b.order;
    })
    .map(({ task }) => task);
}

/** A submitted answer in one line: text as typed, ids joined, pairs as `left → right`. */
export function answerText(answer: unknown): string {
  if (typeof answer === 'string') return answer;
  if (typeof answer === 'number' || typeof answer === 'boolean') return String(answer);
  if (Array.isArray(answer)) return answer.map((item) => answerText(item)).join(', ');
  if (answer && typeof answer === 'object') {
    return Object.entries(answer as Record<string, unknown>)
      .map(([left, right]) => `${left} → ${answerText(right)}`)
      .join('; ');
  }
  return answer === null || answer === undefined ? '' : JSON.stringify(answer);
}

/** The team whose lab flag was submitted (`flag-of-team:12`), if the flags name one. */
export function flagOwner(flags: readonly string[]): number | null {
  for (const flag of flags) {
    const match = /^flag-of-team:(\d+)$/.exec(flag);
    if (match) return Number(match[1]);
  }
  return null;
}

/** Whether a live submission belongs in the list under the current filter. */
export function matchesFilter(submission: Submission, filter: SubmissionFilter): boolean {
  if (filter.teamId !== undefined && submission.teamId !== filter.teamId) return false;
  if (filter.challengeId !== undefined && submission.challengeId !== filter.challengeId) return false;
  if (filter.correct !== undefined && submission.correct !== filter.correct) return false;
  if (filter.flagged === true && submission.flags.length === 0) return false;
  return true;
}

/** The actions the event bar offers, each enabled only when the server would accept it. */
export function availableActions(event: AdminEvent): Record<EventAction, boolean> {
  const live = event.state === 'running' || event.state === 'paused';
  return {
    start: event.state === 'draft',
    pause: event.state === 'running',
    resume: event.state === 'paused',
    extend: event.state !== 'ended',
    freeze: live && !event.frozen,
    unfreeze: live && event.frozen,
    end: live,
    reveal: event.state === 'ended' && !event.revealed,
  };
}

/** `1:05:09` or `12:30` for a span of milliseconds (the resume dialog's time left). */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}

export interface SettingsForm {
  name: string;
  durationMinutes: number;
  freezeMinutes: number;
  maxTeamSize: number;
  attemptsPerMinute: number;
  penaltyMode: 'on-solve' | 'immediate';
}

/**
 * Only the settings the form changed, so saving a running event does not resend the
 * duration (which the server refuses once started).
 */
export function settingsChanges(current: AdminEvent, form: SettingsForm): SettingsPatch | null {
  const patch: SettingsPatch = {};
  if (form.name.trim() !== current.name) patch.name = form.name.trim();
  if (form.durationMinutes !== current.durationMinutes) patch.durationMinutes = form.durationMinutes;
  if (form.freezeMinutes !== current.freezeMinutes) patch.freezeMinutes = form.freezeMinutes;
  if (form.maxTeamSize !== current.maxTeamSize) patch.maxTeamSize = form.maxTeamSize;
  if (form.attemptsPerMinute !== current.attemptsPerMinute) patch.attemptsPerMinute = form.attemptsPerMinute;
  if (form.penaltyMode !== current.penaltyMode) patch.penaltyMode = form.penaltyMode;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Challenges that can be in play at all: shown in their files and holding tasks. */
export function playable(challenge: AdminChallenge): boolean {
  return !challenge.hidden && !challenge.held && challenge.tasks.length > 0;
}

/** The `inPlay` list after switching one challenge on or off. */
export function toggledInPlay(challenges: readonly AdminChallenge[], id: string, on: boolean): string[] {
  return challenges.filter((c) => playable(c) && (c.id === id ? on : c.inPlay)).map((c) => c.id);
}

/** A whole number within bounds, or null (form fields arrive as strings). */
export function wholeNumber(value: unknown, min: number, max: number): number | null {
  const text = String(value ?? '').trim();
  if (!/^[-+]?\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** `{ from: "Kumo", name: "Kumo Blue" }` as `from: Kumo · name: Kumo Blue`, for one table cell. */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object') return String(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
}

/**
 * The freeze as one sentence, for the event bar and the settings alike, so the two never
 * disagree: frozen (by hand or on schedule) since when, or when it will freeze, or not at all.
 */
export function freezeStatus(event: AdminEvent): string {
  const minutes = event.freezeMinutes;
  if (event.revealed) return t('admin.freeze.revealed');
  if (event.frozen && event.freezeAt) {
    return t(event.frozenByHand ? 'admin.freeze.byHand' : 'admin.freeze.scheduledNow', { time: formatTime(event.freezeAt), minutes });
  }
  if (event.state === 'ended') return t('admin.freeze.endedUnfrozen');
  if (minutes <= 0) return t('admin.freeze.none');
  if (event.state === 'draft' || !event.freezeAt) return t('admin.freeze.planned', { minutes });
  return t('admin.freeze.at', { time: formatTime(event.freezeAt), minutes });
}
