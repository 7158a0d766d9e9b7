import { html, nothing } from 'lit';
import type { ClueState, EventState, TaskView } from '../api-types.ts';
import type { LocalizeController } from '../i18n/index.ts';
import { breakdownOf, closedLine, type Line, releaseLine, rulesLines } from './task-rules.ts';

/**
 * The parts of a task card that say its fair-play rules (task-rules.ts decides, these word
 * them): the rules line before answering, the closed state, the award's breakdown, and when
 * a clue turns free.
 */

const say = (i18n: LocalizeController, line: Line) => i18n.t(line.key, line.params);

/** "Attempts left: 2 of 3 · Each wrong answer: −25 points", and when wrong answers count. */
export function renderRules(i18n: LocalizeController, task: TaskView, penaltyMode: 'on-solve' | 'immediate') {
  const lines = rulesLines(task);
  if (lines.length === 0) return nothing;
  const when = task.rules.wrongPenalty > 0 && !task.closed ? i18n.t(penaltyMode === 'immediate' ? 'rules.penaltyImmediate' : 'rules.penaltyOnSolve') : '';
  return html`<p class="rules tabular" aria-label=${i18n.t('rules.label')}>
    ${lines.map((line, i) => html`${i > 0 ? html`<span aria-hidden="true"> · </span>` : nothing}<span class="rule" data-rule=${line.key}>${say(i18n, line)}</span>`)}
    ${when ? html`<span class="when">${when}</span>` : nothing}
  </p>`;
}

/** The closed state: no form, a sentence that says why. */
export function renderClosed(i18n: LocalizeController, task: TaskView) {
  return html`<p class="closed-note notice warning" role="status" tabindex="-1">${say(i18n, closedLine(task))}</p>`;
}

/** "100 − 20 clue − 10 wrong = 70" under a solved task, when anything was taken off. */
export function renderBreakdown(i18n: LocalizeController, task: TaskView) {
  const b = breakdownOf(task.breakdown, task.answer.type === 'check');
  if (!b) return nothing;
  return html`<p class="breakdown tabular" aria-label=${i18n.t('breakdown.label')}>
    ${i18n.number(b.points)} ${b.parts.map((line) => html`<span>${say(i18n, line)}</span> `)}= ${i18n.number(b.awarded)}
    ${b.floored ? html`<span class="muted">${i18n.t('breakdown.floor')}</span>` : nothing}
  </p>`;
}

/** "free in 12 min" beside a clue's button; nothing when no release is ahead. */
export function renderRelease(i18n: LocalizeController, clue: ClueState, fetchedAt: number, now: number, state: EventState) {
  const line = releaseLine(clue.releaseInMs, fetchedAt, now, state);
  return line ? html`<span class="free-in" id="free-in-${clue.index}" data-clue=${clue.index}>${say(i18n, line)}</span>` : nothing;
}

/** In the clue's confirmation: waiting costs nothing, so say when it turns free. */
export function renderReleaseNote(i18n: LocalizeController, clue: ClueState, fetchedAt: number, now: number, state: EventState) {
  const line = releaseLine(clue.releaseInMs, fetchedAt, now, state);
  if (!line) return nothing;
  const minutes = line.params.minutes as number;
  return html`<p class="release-note">${i18n.t(state === 'paused' ? 'clue.confirm.freeAfterPlay' : 'clue.confirm.freeSoon', { minutes })}</p>`;
}

/** A clue's heading suffix: its price, or "free for every team" when released and not paid for. */
export function renderCluePrice(i18n: LocalizeController, clue: ClueState) {
  if (clue.released && !clue.paid) return html`<span class="free">(${i18n.t('clue.free')})</span>`;
  return html`<span class="muted">(−${i18n.number(clue.penalty)})</span>`;
}
