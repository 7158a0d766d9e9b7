import type { EventState, TaskView } from '../api-types.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

/** A message to show: a key and its parameters, worded by the caller's LocalizeController. */
export interface Line {
  key: MessageKey;
  params: Params;
}

/**
 * What a task's fair-play rules say before the player answers (docs/challenge-format.md,
 * "Fair-play rules"): the attempts left, the price of a wrong answer, and what wrong answers
 * cost so far. A check task words them as checks. Empty for a task without rules; a closed
 * task keeps only what its wrong answers cost (its closed note says the rest).
 */
export function rulesLines(task: Pick<TaskView, 'rules' | 'attemptsLeft' | 'wrong' | 'answer' | 'solved' | 'closed'>): Line[] {
  if (task.solved) return [];
  const check = task.answer.type === 'check';
  const lines: Line[] = [];
  if (task.rules.attempts !== null && task.attemptsLeft !== null && !task.closed) {
    lines.push({ key: check ? 'rules.checks' : 'rules.attempts', params: { left: task.attemptsLeft, max: task.rules.attempts } });
  }
  if (task.rules.wrongPenalty > 0 && !task.closed)
    lines.push({ key: check ? 'rules.checkPenalty' : 'rules.wrongPenalty', params: { penalty: task.rules.wrongPenalty } });
  if (task.wrong.penalty > 0)
    lines.push({ key: check ? 'rules.checksFailedSoFar' : 'rules.wrongSoFar', params: { count: task.wrong.count, penalty: task.wrong.penalty } });
  return lines;
}

/** The closed state's sentence: the team used every wrong attempt the task allows. */
export function closedLine(task: Pick<TaskView, 'rules' | 'answer'>): Line {
  return { key: task.answer.type === 'check' ? 'rules.closedCheck' : 'rules.closed', params: { max: task.rules.attempts ?? 0 } };
}

/** What a wrong answer says: how many attempts are left, if the task limits them. */
export function wrongFeedback(attemptsLeft: number | undefined, check: boolean): Line | null {
  if (attemptsLeft === undefined) return null;
  if (attemptsLeft === 0) return { key: check ? 'feedback.checkLast' : 'feedback.wrongLast', params: {} };
  return { key: check ? 'feedback.checkLeft' : 'feedback.wrongLeft', params: { left: attemptsLeft } };
}

/** "100 − 20 clue − 10 wrong = 70": the points, the penalties there were, the award. */
export interface Breakdown {
  points: number;
  parts: Line[];
  awarded: number;
  /** The penalties passed the points: the award stopped at 0. */
  floored: boolean;
}

/** The award's breakdown to show under a solved task; null when nothing was taken off. */
export function breakdownOf(breakdown: TaskView['breakdown'], check: boolean): Breakdown | null {
  if (!breakdown || breakdown.clues + breakdown.wrong === 0) return null;
  const parts: Line[] = [];
  if (breakdown.clues > 0) parts.push({ key: 'breakdown.clues', params: { penalty: breakdown.clues } });
  if (breakdown.wrong > 0) parts.push({ key: check ? 'breakdown.checks' : 'breakdown.wrong', params: { penalty: breakdown.wrong } });
  return { points: breakdown.points, parts, awarded: breakdown.awarded, floored: breakdown.clues + breakdown.wrong > breakdown.points };
}

/**
 * When a clue turns free, as the button says it: whole minutes, rounded up, counted from when
 * the task was fetched while the event runs; standing still while it is paused. Null when the
 * clue has no release ahead.
 */
export function releaseLine(releaseInMs: number | null, fetchedAt: number, now: number, state: EventState): Line | null {
  if (releaseInMs === null || (state !== 'running' && state !== 'paused')) return null;
  const left = state === 'running' ? releaseInMs - (now - fetchedAt) : releaseInMs;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return { key: state === 'paused' ? 'clue.freeInPaused' : 'clue.freeIn', params: { minutes } };
}

/** Whether a release the card counted down to has come due, so the card should ask the server again. */
export function releaseDue(releaseInMs: number | null, fetchedAt: number, now: number, state: EventState): boolean {
  return state === 'running' && releaseInMs !== null && now - fetchedAt >= releaseInMs;
}
