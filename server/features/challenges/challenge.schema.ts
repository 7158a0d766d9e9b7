/**
 * The zod schema of a `challenge.yaml` file as authors write it (see DESIGN.md, "Contract:
 * challenge files"). It checks structure only; rules that span fields (unique ids, clue
 * counts, penalty sums, regex safety, languages) live in `challenge.lint.ts` so that each is
 * reported once, with its own position, even when the structure has other problems.
 *
 * Objects are strict: an unknown key is an error, so a typo such as `caseSensitve` is caught
 * and pointed at instead of silently ignored.
 */
import { z } from 'zod';
import { DIFFICULTIES, LANGUAGES } from './challenge.ts';
import type { LocalizedText } from './challenge.ts';

export const ANSWER_TYPES = ['text', 'regex', 'number', 'choice', 'order', 'match', 'lab', 'check', 'any'] as const;

const ID_PATTERN = /^[a-z0-9-]+$/;

/** Challenge, task and lab names: they appear in URLs and database keys. */
const slugId = z
  .string({ error: 'expected an id made of a-z, 0-9 and -' })
  .max(80, { error: 'ids are at most 80 characters' })
  .regex(ID_PATTERN, { error: 'ids may contain only a-z, 0-9 and -' });

/** Option and item ids: authors often write `id: 1`, so whole numbers are accepted as text. */
const itemId = z.union([z.string().min(1), z.number().int()], { error: 'expected an id (text or a whole number)' }).transform((value) => String(value));

const nonEmptyString = (what: string) => z.string({ error: `expected ${what} as text` }).refine((s) => s.trim() !== '', { error: `${what} is empty` });

/**
 * A text value: a plain string, or a map of language → string with at least one language.
 * Written by hand rather than as a zod union so that each mistake (an unknown language key,
 * an empty value) gets its own message and path instead of one "invalid input".
 */
export const localizedText = z.unknown().transform((input, ctx): LocalizedText => {
  if (typeof input === 'string') {
    if (input.trim() === '') ctx.addIssue({ code: 'custom', message: 'text is empty', input });
    return { en: input };
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected text: a string or a map of ${LANGUAGES.join('/')} to strings, got ${describeValue(input)}`,
      input,
    });
    return {};
  }
  const text: LocalizedText = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(LANGUAGES as readonly string[]).includes(key)) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown language "${key}"; expected ${LANGUAGES.join(' or ')}`,
        path: [key],
        input: value,
        params: { target: 'key' },
      });
    } else if (typeof value !== 'string') {
      ctx.addIssue({ code: 'custom', message: `expected text, got ${describeValue(value)}`, path: [key], input: value });
    } else if (value.trim() === '') {
      ctx.addIssue({ code: 'custom', message: 'text is empty', path: [key], input: value });
    } else {
      text[key as keyof LocalizedText] = value;
    }
  }
  if (Object.keys(input).length === 0) {
    ctx.addIssue({ code: 'custom', message: `text needs at least one language (${LANGUAGES.join(', ')})`, input });
  }
  return text;
});

const labelled = z.strictObject({ id: itemId, label: localizedText });

const exact = z
  .boolean({ error: 'expected true or false' })
  .optional()
  .describe('Compare the input as typed, only trimmed: no full-width or whitespace folding (as CTFd compares flags)');

const textAnswer = z.strictObject({
  type: z.literal('text'),
  accept: z.array(nonEmptyString('an accepted answer')).min(1, { error: 'accept needs at least one value' }),
  caseSensitive: z.boolean({ error: 'expected true or false' }).default(false),
  exact,
});

const regexAnswer = z.strictObject({
  type: z.literal('regex'),
  pattern: nonEmptyString('a pattern'),
  // g and y make a RegExp stateful between calls; the match is always of the whole input.
  flags: z
    .string({ error: 'expected flags as text, e.g. "i"' })
    .regex(/^[dimsuv]*$/, { error: 'regex flags may only be d, i, m, s, u, v' })
    .default(''),
  exact,
  firstMatch: z
    .boolean({ error: 'expected true or false' })
    .optional()
    .describe("The first match from the start must be the whole input (Python's re.match, as CTFd checks regex flags)"),
});

const answerSchema = z.discriminatedUnion('type', [
  textAnswer,
  regexAnswer,
  z.strictObject({
    type: z.literal('number'),
    value: z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' }),
    tolerance: z.number({ error: 'expected a number' }).default(0),
    /** Shown beside the input in the reader's language; players may type it after the number. */
    unit: localizedText.optional(),
  }),
  z.strictObject({
    type: z.literal('choice'),
    options: z.array(labelled).min(2, { error: 'a choice needs at least two options' }),
    correct: z.array(itemId).min(1, { error: 'correct needs at least one option id' }),
  }),
  z.strictObject({
    type: z.literal('order'),
    items: z.array(labelled),
  }),
  z.strictObject({
    type: z.literal('match'),
    left: z.array(labelled).min(1, { error: 'left needs at least one item' }),
    right: z.array(labelled).min(1, { error: 'right needs at least one item' }),
    pairs: z.record(z.string(), itemId, { error: 'expected pairs as a map of left id to right id' }),
  }),
  z.strictObject({
    type: z.literal('lab'),
    lab: slugId,
  }),
  // Solved when the lab's validator passes on the team's lab state ("Check my progress").
  z.strictObject({
    type: z.literal('check'),
    lab: slugId,
    check: slugId,
  }),
  z.strictObject({
    type: z.literal('any'),
    of: z
      .array(z.discriminatedUnion('type', [textAnswer, regexAnswer], { error: 'expected a text or regex answer (type: text or type: regex)' }))
      .min(1, { error: 'of needs at least one text or regex answer' })
      .describe('Correct when any of these text or regex answers accepts the input'),
  }),
]);

const minutes = (what: string) =>
  z
    .number({ error: `expected ${what} as a number of minutes` })
    .int({ error: `${what} is a whole number of minutes` })
    .nonnegative({ error: `${what} cannot be negative` });

const clueSchema = z.strictObject({
  text: localizedText,
  penalty: z
    .number({ error: 'expected the penalty as a number' })
    .int({ error: 'a penalty is a whole number' })
    .nonnegative({ error: 'a penalty cannot be negative' }),
  releaseAfterMinutes: minutes('releaseAfterMinutes')
    .optional()
    .describe('Minutes of running event time (pauses excluded) after which every team gets this clue for free'),
});

const taskSchema = z.strictObject({
  id: slugId,
  title: localizedText,
  prompt: localizedText,
  points: z.number({ error: 'expected points as a number' }).int({ error: 'points are a whole number' }).positive({ error: 'points must be positive' }),
  answer: answerSchema,
  clues: z.array(clueSchema).default([]),
  debrief: localizedText.optional(),
  /** Where the key comes from (the session and the part of it): for reviewers. */
  reference: nonEmptyString('a reference').optional(),
  attempts: z
    .number({ error: 'expected attempts as a number' })
    .int({ error: 'attempts is a whole number' })
    .min(1, { error: 'attempts must be at least 1 (leave it out for no limit)' })
    .optional()
    .describe('At most this many wrong attempts per team; then the task is closed for that team'),
  wrongPenalty: z
    .number({ error: 'expected wrongPenalty as a number' })
    .int({ error: 'wrongPenalty is a whole number' })
    .nonnegative({ error: 'wrongPenalty cannot be negative' })
    .optional()
    .describe("Points taken off this task's award for each wrong attempt, once it is solved"),
});

const unlockSchema = z
  .strictObject({
    after: z
      .array(slugId)
      .min(1, { error: 'after needs at least one challenge id' })
      .optional()
      .describe('Challenge ids the team must have solved completely first'),
    atMinute: minutes('atMinute').optional().describe('Minutes of running event time (pauses excluded) before it opens'),
  })
  .refine((rule) => rule.after !== undefined || rule.atMinute !== undefined, { error: 'unlock needs after, atMinute or both' });

export const challengeFileSchema = z.strictObject({
  id: slugId,
  title: localizedText,
  category: nonEmptyString('a category'),
  difficulty: z.enum(DIFFICULTIES, { error: `expected one of ${DIFFICULTIES.join(', ')}` }),
  source: nonEmptyString('the source session'),
  summary: localizedText,
  /** Alternative to `briefing.<lang>.md` files beside the YAML file. */
  briefing: localizedText.optional(),
  tags: z.array(nonEmptyString('a tag')).default([]),
  tasks: z.array(taskSchema).min(1, { error: 'a challenge needs at least one task' }),
  order: z
    .number({ error: 'expected order as a number' })
    .int({ error: 'order is a whole number' })
    .optional()
    .describe('Place on the board: lower first; challenges without it follow, by id. Categories appear in the order of their first challenge'),
  hidden: z.boolean({ error: 'expected true or false' }).optional().describe('Loaded and linted, but not in play until an admin puts it in play'),
  unlock: unlockSchema.optional().describe('Listed but locked until the team solved the listed challenges and the running time reached atMinute'),
});

export type ChallengeFile = z.output<typeof challengeFileSchema>;
export type TaskFile = ChallengeFile['tasks'][number];
export type AnswerFile = TaskFile['answer'];

/** Short description of a YAML value for messages: `string "ten"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}
