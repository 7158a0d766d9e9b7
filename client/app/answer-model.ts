import { isNumberInOtherUnit, parseNumberWithUnits } from '../../server/features/play/number.ts';
import type { AnswerPayload, Option, PublicAnswer } from '../api-types.ts';
import type { MessageKey, Params } from '../i18n/index.ts';

/** A copy of `list` with the item at `from` moved to `to` (indexes clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1);
  next.splice(target, 0, item as T);
  return next;
}

/**
 * The player's arrangement of an order task after the task was fetched again: kept when the
 * items are the same set (a teammate's clue unlock refetches the challenge), replaced otherwise.
 */
export function reconcileOrder(current: readonly Option[], incoming: readonly Option[]): Option[] {
  const ids = new Set(incoming.map((i) => i.id));
  const same = current.length === incoming.length && current.every((i) => ids.has(i.id));
  if (!same) return [...incoming];
  const byId = new Map(incoming.map((i) => [i.id, i]));
  // Labels follow the incoming set: a language switch refetches with new labels.
  return current.map((i) => byId.get(i.id) ?? i);
}

/** What the player entered, per answer type, before it becomes a payload. */
export type AnswerDraft =
  | { type: 'text' | 'regex' | 'lab' | 'number'; text: string }
  | { type: 'choice'; selected: string[] }
  | { type: 'order'; ids: string[] }
  | { type: 'match'; pairs: Record<string, string> };

export type PayloadResult = { ok: true; payload: AnswerPayload } | { ok: false; problem: MessageKey; params?: Params };

/**
 * The payload to submit, or the reason it cannot be submitted yet. Numbers go as the text
 * typed, checked with the server's own parser (number.ts) and the unit spellings the task
 * carries: what the server reads as a number ("7 times", "50%", "−5", "１，０００", "$597.43")
 * goes, what it would not ("1 000", "1e3") is refused here instead of costing an attempt. A
 * number in another unit ("128GB" for a task in GiB) is told which unit the task wants.
 */
export function toPayload(answer: PublicAnswer, draft: AnswerDraft): PayloadResult {
  switch (draft.type) {
    case 'text':
    case 'regex':
    case 'lab':
      return draft.text.trim() ? { ok: true, payload: draft.text } : { ok: false, problem: 'answer.empty' };
    case 'number': {
      const text = draft.text.trim();
      if (!text) return { ok: false, problem: 'answer.empty' };
      const units = answer.type === 'number' ? answer.unitSpellings : undefined;
      if (parseNumberWithUnits(text, units) !== undefined) return { ok: true, payload: text };
      if (!isNumberInOtherUnit(text)) return { ok: false, problem: 'answer.number.invalid' };
      const unit = answer.type === 'number' ? answer.unit : undefined;
      return unit ? { ok: false, problem: 'answer.number.otherUnit', params: { unit } } : { ok: false, problem: 'answer.number.noUnit' };
    }
    case 'choice':
      return draft.selected.length > 0 ? { ok: true, payload: draft.selected } : { ok: false, problem: 'answer.choice.empty' };
    case 'order':
      return { ok: true, payload: draft.ids };
    case 'match': {
      if (answer.type !== 'match') return { ok: false, problem: 'feedback.invalid' };
      const complete = answer.left.every((l) => Boolean(draft.pairs[l.id]));
      return complete ? { ok: true, payload: { ...draft.pairs } } : { ok: false, problem: 'answer.match.incomplete' };
    }
  }
}

/** Seconds left of a rate-limit wait that started at `since` (ms) for `seconds`. */
export function secondsLeft(since: number, seconds: number, now: number): number {
  return Math.max(0, Math.ceil((since + seconds * 1000 - now) / 1000));
}
