/**
 * Answer checking and the player's view of an answer. Pure, no I/O.
 *
 * `checkAnswer` never throws for player input: anything malformed is simply incorrect.
 * The HTTP layer calls `parseAnswerInput` first so that a payload of the wrong JSON type
 * becomes a 400 rather than a wrong attempt.
 */
import type { AnswerSpec, Labelled, RegexAnswerSpec, TextAnswerSpec } from '../challenges/challenge.ts';
import { AnswerInputSchemas } from './answer-input.ts';
import { foldCase, normalizeText, textKey } from './normalize.ts';
import { readNumberAnswer, withinTolerance } from './number.ts';

export { parseAnswerInput, AnswerInputSchemas } from './answer-input.ts';
export type { AnswerInput, AnswerInputByType, ParsedAnswerInput } from './answer-input.ts';
export { publicAnswer } from './public-answer.ts';
export type { PublicAnswer, PublicLabelled } from './public-answer.ts';

/**
 * Longest input a regex answer is matched against. Patterns are vetted by the linter, and
 * the cap bounds the work even a vetted pattern can do on hostile input.
 */
export const MAX_REGEX_INPUT_LENGTH = 500;

export interface CheckContext {
  /** The flag the task's lab derived for this team; lab answers are incorrect without it. */
  labFlag?: string | undefined;
  /** The lab validator's verdict on the team's lab state, for a check task. */
  checkPassed?: boolean | undefined;
}

export interface CheckResult {
  correct: boolean;
}

/**
 * Builds the whole-input matcher for a regex answer: `^(?:pattern)$` with the spec's
 * flags plus `u`. Stateful flags (`g`, `y`) and `d` are dropped since they do not change
 * whether the whole input matches. Throws `SyntaxError` for an invalid pattern or flag;
 * the linter calls this so that a pattern accepted there compiles here.
 */
export function compileAnswerPattern(pattern: string, flags: string): RegExp {
  const kept = new Set([...flags].filter((flag) => !'gyd'.includes(flag)));
  if (!kept.has('v')) kept.add('u');
  return new RegExp(`^(?:${pattern})$`, [...kept].join(''));
}

/** Decides whether `input` answers `spec`. `input` is untrusted and may be of any shape. */
export function checkAnswer(spec: AnswerSpec, input: unknown, ctx: CheckContext = {}): CheckResult {
  // A check carries no player input: only the validator's verdict counts.
  if (spec.type === 'check') return { correct: ctx.checkPassed === true };
  const parsed = AnswerInputSchemas[spec.type].safeParse(input);
  if (!parsed.success) return { correct: false };
  return { correct: isCorrect(spec, parsed.data, ctx) };
}

function isCorrect(spec: AnswerSpec, input: unknown, ctx: CheckContext): boolean {
  switch (spec.type) {
    case 'text':
      return checkText(spec, input as string);
    case 'regex':
      return checkRegex(spec, input as string);
    case 'any':
      return spec.of.some((answer) => (answer.type === 'text' ? checkText(answer, input as string) : checkRegex(answer, input as string)));
    case 'number': {
      const value = readNumberAnswer(input as number | string, spec.unit);
      return value !== undefined && withinTolerance(value, spec.value, spec.tolerance);
    }
    case 'choice':
      return sameSet(input as string[], spec.correct);
    case 'order':
      return sameSequence(input as string[], ids(spec.items));
    case 'match':
      return sameMapping(input as Record<string, string>, spec.pairs);
    case 'lab':
      return ctx.labFlag !== undefined && ctx.labFlag !== '' && (input as string).trim() === ctx.labFlag;
    case 'check':
      return ctx.checkPassed === true;
  }
}

function checkText({ accept, caseSensitive, exact }: TextAnswerSpec, input: string): boolean {
  if (exact) {
    // CTFd's comparison: the submission trimmed, the flag as written.
    const given = foldCase(input.trim(), caseSensitive);
    return accept.some((accepted) => foldCase(accepted, caseSensitive) === given);
  }
  const key = textKey(input, caseSensitive);
  return accept.some((accepted) => textKey(accepted, caseSensitive) === key);
}

function checkRegex({ pattern, flags, exact, firstMatch }: RegexAnswerSpec, input: string): boolean {
  if (input.length > MAX_REGEX_INPUT_LENGTH) return false;
  const subject = exact ? input.trim() : normalizeText(input);
  if (subject.length > MAX_REGEX_INPUT_LENGTH) return false;
  if (!firstMatch) return compileAnswerPattern(pattern, flags).test(subject);
  // Python's re.match: the first match the engine finds at position 0 (sticky), which must
  // then be the whole input. `a|ab` does not accept "ab" this way, as in CTFd.
  const match = compileFirstMatchPattern(pattern, flags).exec(subject);
  return match !== null && match[0].length === subject.length;
}

/** The sticky matcher of a `firstMatch` regex answer: the engine tries position 0 only. */
export function compileFirstMatchPattern(pattern: string, flags: string): RegExp {
  const kept = new Set([...flags].filter((flag) => !'gyd'.includes(flag)));
  if (!kept.has('v')) kept.add('u');
  kept.add('y');
  return new RegExp(pattern, [...kept].join(''));
}

function ids(items: readonly Labelled[]): string[] {
  return items.map((item) => item.id);
}

/** Equal as sets: duplicates ignored, any id outside `expected` makes it unequal. */
function sameSet(given: readonly string[], expected: readonly string[]): boolean {
  const chosen = new Set(given);
  const wanted = new Set(expected);
  return chosen.size === wanted.size && [...chosen].every((id) => wanted.has(id));
}

function sameSequence(given: readonly string[], expected: readonly string[]): boolean {
  return given.length === expected.length && given.every((id, index) => id === expected[index]);
}

/** Every pair present with its right id, and no key that is not a pair. */
function sameMapping(given: Record<string, string>, expected: Record<string, string>): boolean {
  const givenEntries = Object.entries(given);
  const expectedEntries = new Map(Object.entries(expected));
  return givenEntries.length === expectedEntries.size && givenEntries.every(([left, right]) => expectedEntries.get(left) === right);
}
