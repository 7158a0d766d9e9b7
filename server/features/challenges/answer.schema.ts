/**
 * The answer of a task, by type (docs/challenge-format.md, "Answer types"). What a player
 * sees of it is `publicAnswer` in play/; the key never leaves the server. Each `.describe()`
 * is the hover text an editor shows from the generated JSON Schema.
 */
import { z } from 'zod';
import { itemId, localizedText, nonEmptyString, slugId } from './schema-values.ts';

const labelled = z.strictObject({
  id: itemId.describe('Id the answer refers to: text or a whole number'),
  // Never `.describe()` a text: that makes a copy, which loses its JSON Schema shape.
  label: localizedText,
});

const flag = (what: string) => z.boolean({ error: 'expected true or false' }).optional().describe(what);
const exact = flag('Compare the input as typed, only trimmed: no full-width or whitespace folding (as CTFd compares flags)');

const textAnswer = z
  .strictObject({
    type: z.literal('text'),
    accept: z
      .array(nonEmptyString('an accepted answer'))
      .min(1, { error: 'accept needs at least one value' })
      .describe('Accepted answers; the input is trimmed, spaces folded and full-width characters read as ASCII before comparing'),
    caseSensitive: z.boolean({ error: 'expected true or false' }).default(false).describe('Compare letter case too (default false)'),
    exact,
  })
  .describe('Free text: correct when it equals one accepted value');

const regexAnswer = z
  .strictObject({
    type: z.literal('regex'),
    pattern: nonEmptyString('a pattern').describe('A JavaScript regular expression (compiled with the u flag) that must match the whole input'),
    // g and y make a RegExp stateful between calls; the match is always of the whole input.
    flags: z
      .string({ error: 'expected flags as text, e.g. "i"' })
      .regex(/^[dimsuv]*$/, { error: 'regex flags may only be d, i, m, s, u, v' })
      .default('')
      .describe('Regular expression flags, e.g. "i" for any letter case'),
    exact,
    firstMatch: flag("The first match from the start must be the whole input (Python's re.match, as CTFd checks regex flags)"),
  })
  .describe('Free text: correct when the pattern matches the whole input');

export const answerSchema = z
  .discriminatedUnion('type', [
    textAnswer,
    regexAnswer,
    z
      .strictObject({
        type: z.literal('number'),
        value: z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' }).describe('The correct number'),
        tolerance: z.number({ error: 'expected a number' }).default(0).describe('Largest accepted difference from value (default 0)'),
        // Shown beside the input in the reader's language; players may type it after the number.
        unit: localizedText.optional(),
      })
      .describe('A number: correct when abs(input - value) <= tolerance'),
    z
      .strictObject({
        type: z.literal('choice'),
        options: z.array(labelled).min(2, { error: 'a choice needs at least two options' }).describe('The options, shown in this order'),
        correct: z
          .array(itemId)
          .min(1, { error: 'correct needs at least one option id' })
          .describe('Ids of the correct options; more than one makes it a multiple choice'),
      })
      .describe('Options: correct when the chosen set equals correct'),
    z
      .strictObject({
        type: z.literal('order'),
        items: z.array(labelled).describe('The items in the correct order; players see them shuffled'),
      })
      .describe('Put items in order: correct when the sequence equals items'),
    z
      .strictObject({
        type: z.literal('match'),
        left: z.array(labelled).min(1, { error: 'left needs at least one item' }).describe('Items to match, shown in this order'),
        right: z.array(labelled).min(1, { error: 'right needs at least one item' }).describe('What they match to, shown shuffled'),
        pairs: z.record(z.string(), itemId, { error: 'expected pairs as a map of left id to right id' }).describe('The key: left id to right id'),
      })
      .describe('Match pairs: correct when every left item is paired with its right item'),
    z
      .strictObject({
        type: z.literal('lab'),
        lab: slugId.describe('The lab that derives a flag for each team, e.g. ecr'),
        flag: slugId
          .optional()
          .describe("Which of the lab's flags, for a lab that hides more than one (ecr-registry: pull, arm64); the lab's first when omitted"),
      })
      .describe("A hands-on lab's flag: correct when it is the flag the lab derived for this team"),
    z
      .strictObject({
        type: z.literal('check'),
        lab: slugId.describe('The lab whose state is checked'),
        check: slugId.describe("The lab's check, e.g. hot-shard-fixed"),
      })
      .describe('Solved when the lab\'s check passes on the team\'s lab state ("Check my progress")'),
    z
      .strictObject({
        type: z.literal('any'),
        of: z
          .array(z.discriminatedUnion('type', [textAnswer, regexAnswer], { error: 'expected a text or regex answer (type: text or type: regex)' }))
          .min(1, { error: 'of needs at least one text or regex answer' })
          .describe('Text or regex answers, each with its own settings'),
      })
      .describe('Several accepted answers: correct when any of them accepts the input'),
  ])
  .describe('How the answer is checked; type decides the other fields');
