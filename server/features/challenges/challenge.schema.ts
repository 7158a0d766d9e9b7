/**
 * The zod schema of a `challenge.yaml` file as authors write it (docs/challenge-format.md).
 * It checks structure only; rules that span fields (unique ids, clue counts, penalty sums,
 * regex safety, languages, prerequisites) live in the linters (`challenge.lint.ts`,
 * `fair-play.lint.ts`) so that each is reported once, with its own position, even when the
 * structure has other problems. The JSON Schema editors use is generated from this one
 * (challenge.json-schema.ts), so every `.describe()` here is a hover text in the editor.
 *
 * Objects are strict: an unknown key is an error, so a typo such as `caseSensitve` is caught
 * and pointed at instead of silently ignored.
 */
import { z } from 'zod';
import { answerSchema } from './answer.schema.ts';
import { DIFFICULTIES } from './challenge.ts';
import { localizedText, nonEmptyString, slugId } from './schema-values.ts';

export { describeValue, jsonShapes, localizedText } from './schema-values.ts';

export const ANSWER_TYPES = ['text', 'regex', 'number', 'choice', 'order', 'match', 'lab', 'check', 'any'] as const;

const minutes = (what: string) =>
  z
    .number({ error: `expected ${what} as a number of minutes` })
    .int({ error: `${what} is a whole number of minutes` })
    .nonnegative({ error: `${what} cannot be negative` });

const points = (what: string) =>
  z
    .number({ error: `expected ${what} as a number` })
    .int({ error: `${what} is a whole number` })
    .nonnegative({ error: `${what} cannot be negative` });

// Texts (localizedText) carry no `.describe()`: that would copy them and lose their JSON Schema shape.
const clueSchema = z
  .strictObject({
    text: localizedText,
    penalty: points('the penalty').describe("Points taken off this task's award when the team unlocked this clue"),
    releaseAfterMinutes: minutes('releaseAfterMinutes')
      .optional()
      .describe('Minutes of running event time (pauses excluded) after which every team gets this clue for free'),
  })
  .describe('A clue: unlocked in order, at the cost of its penalty');

const taskSchema = z
  .strictObject({
    id: slugId.describe('Unique within the challenge; a-z, 0-9 and -'),
    title: localizedText,
    prompt: localizedText,
    points: z
      .number({ error: 'expected points as a number' })
      .int({ error: 'points are a whole number' })
      .positive({ error: 'points must be positive' })
      .describe('What solving the task is worth before penalties'),
    answer: answerSchema,
    clues: z.array(clueSchema).default([]).describe('Up to 3 clues, unlocked strictly in order'),
    debrief: localizedText.optional(),
    reference: nonEmptyString('a reference')
      .optional()
      .describe('Where the key comes from (the session and the part of it); for reviewers, never shown to players'),
    attempts: z
      .number({ error: 'expected attempts as a number' })
      .int({ error: 'attempts is a whole number' })
      .min(1, { error: 'attempts must be at least 1 (leave it out for no limit)' })
      .optional()
      .describe('At most this many wrong attempts per team; then the task is closed for that team'),
    wrongPenalty: points('wrongPenalty').optional().describe("Points taken off this task's award for each wrong attempt, once it is solved"),
  })
  .describe('A task: one question with its answer, clues and debrief');

// That a rule names at least one condition is checked by the linter (fair-play.lint.ts).
const unlockSchema = z.strictObject({
  after: z
    .array(slugId)
    .min(1, { error: 'after needs at least one challenge id' })
    .optional()
    .describe('Challenge ids the team must have solved completely first'),
  atMinute: minutes('atMinute').optional().describe('Minutes of running event time (pauses excluded) before it opens'),
});

export const challengeFileSchema = z.strictObject({
  id: slugId.describe('Unique across the tree and equal to the folder name; a-z, 0-9 and -'),
  title: localizedText,
  category: nonEmptyString('a category').describe('The board groups challenges by category'),
  difficulty: z.enum(DIFFICULTIES, { error: `expected one of ${DIFFICULTIES.join(', ')}` }).describe('Shown as a badge on the card'),
  source: nonEmptyString('the source session').describe('The conference session the challenge teaches, e.g. "re:Invent 2023 CON405"'),
  summary: localizedText,
  // The alternative to `briefing.<lang>.md` files beside the YAML file.
  briefing: localizedText.optional(),
  tags: z.array(nonEmptyString('a tag')).default([]).describe('Free labels, carried from imports or authored'),
  tasks: z.array(taskSchema).min(1, { error: 'a challenge needs at least one task' }).describe('At least one task, shown in this order'),
  order: z
    .number({ error: 'expected order as a number' })
    .int({ error: 'order is a whole number' })
    .optional()
    .describe('Place on the board: lower first; challenges without it follow, by folder name. Categories appear in the order of their first challenge'),
  hidden: z.boolean({ error: 'expected true or false' }).optional().describe('Loaded and linted, but not in play until an admin puts it in play'),
  unlock: unlockSchema.optional().describe('Listed but locked until the team solved the listed challenges and the running time reached atMinute'),
});

export type ChallengeFile = z.output<typeof challengeFileSchema>;
export type TaskFile = ChallengeFile['tasks'][number];
export type AnswerFile = TaskFile['answer'];
