/**
 * What a player may see of a task's answer spec: the controls to answer with, never the
 * key. Pure, no I/O.
 *
 * Choice options keep their authored order (the key is the `correct` list, which is not
 * sent). Order items and the right column of a match are shuffled by the team's seed, as
 * their authored order IS the key.
 */
import { resolveText } from '../challenges/challenge.ts';
import type { AnswerSpec, Labelled, Language } from '../challenges/challenge.ts';
import { type NumberUnit, unitSpellings } from './number.ts';
import { stableShuffle } from './shuffle.ts';

/** An option, item or match column entry with its label in the reader's language. */
export interface PublicLabelled {
  id: string;
  label: string;
}

export type PublicAnswer =
  | { type: 'text' }
  | { type: 'regex' }
  /** `unitSpellings`: every unit the server reads after the number (number.ts), for the client's check. */
  | { type: 'number'; unit?: string; unitSpellings?: string[] }
  | { type: 'choice'; options: PublicLabelled[]; multiple: boolean }
  | { type: 'order'; items: PublicLabelled[] }
  | { type: 'match'; left: PublicLabelled[]; right: PublicLabelled[] }
  | { type: 'lab'; lab: string }
  | { type: 'check'; lab: string; check: string };

/** A unit in the reader's language; a plain string is a unit stored before units had languages. */
function unitLabel(unit: NumberUnit, language: Language): string {
  return typeof unit === 'string' ? unit : resolveText(unit, language);
}

function labels(items: readonly Labelled[], language: Language): PublicLabelled[] {
  return items.map((item) => ({ id: item.id, label: resolveText(item.label, language) }));
}

/**
 * The public part of `spec` for a reader of `language`. `seed` fixes the shuffle, see
 * `shuffleSeed(teamId, challengeId, taskId)`. The lab route adds `endpoint` and `token`.
 */
export function publicAnswer(spec: AnswerSpec, language: Language, seed: string): PublicAnswer {
  switch (spec.type) {
    case 'text':
    case 'regex':
      return { type: spec.type };
    // Several accepted answers are still one text box; which kinds they are is part of the key.
    case 'any':
      return { type: 'text' };
    case 'number':
      return spec.unit === undefined ? { type: 'number' } : { type: 'number', unit: unitLabel(spec.unit, language), unitSpellings: unitSpellings(spec.unit) };
    case 'choice':
      return { type: 'choice', options: labels(spec.options, language), multiple: spec.correct.length > 1 };
    case 'order':
      return { type: 'order', items: labels(stableShuffle(spec.items, seed), language) };
    case 'match':
      return {
        type: 'match',
        left: labels(spec.left, language),
        right: labels(stableShuffle(spec.right, `${seed}:right`), language),
      };
    case 'lab':
      return { type: 'lab', lab: spec.lab };
    case 'check':
      return { type: 'check', lab: spec.lab, check: spec.check };
  }
}
