/**
 * The shapes a player may submit as `answer`, per answer type: a string, a number, option or
 * item ids, or left id → right id. The HTTP layer parses with these first, so a payload of the wrong JSON type is
 * a 400 that says what was expected, never a silently wrong attempt.
 */
import { z } from 'zod';
import type { AnswerType } from '../challenges/challenge.ts';

/** Longest free-text answer accepted at all. */
export const MAX_ANSWER_LENGTH = 1000;
/** Most ids in a choice/order answer or entries in a match answer. */
export const MAX_ANSWER_ITEMS = 50;
/** Longest id inside a list or match answer. */
export const MAX_ANSWER_ID_LENGTH = 100;

const answerText = z.string().max(MAX_ANSWER_LENGTH);
const answerId = z.string().max(MAX_ANSWER_ID_LENGTH);
const idList = z.array(answerId).max(MAX_ANSWER_ITEMS);

/** One zod schema per answer type. */
export const AnswerInputSchemas = {
  text: answerText,
  regex: answerText,
  lab: answerText,
  // Nothing to submit: a check task is answered from the team's lab state (POST .../check).
  check: z.never(),
  any: answerText,
  number: z.union([z.number(), answerText]),
  choice: idList,
  order: idList,
  match: z.record(answerId, answerId).refine((pairs) => Object.keys(pairs).length <= MAX_ANSWER_ITEMS, {
    message: `at most ${MAX_ANSWER_ITEMS} pairs`,
  }),
} satisfies Record<AnswerType, z.ZodType>;

/** The validated answer payload for each type. */
export type AnswerInputByType = { [T in AnswerType]: z.output<(typeof AnswerInputSchemas)[T]> };
export type AnswerInput = AnswerInputByType[AnswerType];

const EXPECTED: Record<AnswerType, string> = {
  text: `a string of at most ${MAX_ANSWER_LENGTH} characters`,
  regex: `a string of at most ${MAX_ANSWER_LENGTH} characters`,
  lab: `a string (the flag) of at most ${MAX_ANSWER_LENGTH} characters`,
  check: 'absent: this task is answered with "Check my progress" (POST .../check), not with an attempt',
  any: `a string of at most ${MAX_ANSWER_LENGTH} characters`,
  number: `a number, or a numeric string of at most ${MAX_ANSWER_LENGTH} characters`,
  choice: `an array of option ids (at most ${MAX_ANSWER_ITEMS}, each at most ${MAX_ANSWER_ID_LENGTH} characters)`,
  order: `an array of item ids (at most ${MAX_ANSWER_ITEMS}, each at most ${MAX_ANSWER_ID_LENGTH} characters)`,
  match: `an object mapping left ids to right ids (at most ${MAX_ANSWER_ITEMS} pairs, ids at most ${MAX_ANSWER_ID_LENGTH} characters)`,
};

export type ParsedAnswerInput<T extends AnswerType> = { ok: true; value: AnswerInputByType[T] } | { ok: false; message: string };

/**
 * Validates a raw `answer` payload for a task of type `type`. On failure the message names
 * the field and what was expected, e.g. "answer must be an array of option ids (...)".
 */
export function parseAnswerInput<T extends AnswerType>(type: T, raw: unknown): ParsedAnswerInput<T> {
  const result = AnswerInputSchemas[type].safeParse(raw);
  if (result.success) return { ok: true, value: result.data as AnswerInputByType[T] };
  return { ok: false, message: `answer must be ${EXPECTED[type]}` };
}
