/**
 * The value schemas every part of a challenge file uses: ids, non-empty text, localised text.
 * See challenge.schema.ts for the file as a whole.
 */
import { z } from 'zod';
import { LANGUAGES } from './challenge.ts';
import type { LocalizedText } from './challenge.ts';

const ID_PATTERN = /^[a-z0-9-]+$/;

/** Challenge, task and lab names: they appear in URLs and database keys. */
export const slugId = z
  .string({ error: 'expected an id made of a-z, 0-9 and -' })
  .max(80, { error: 'ids are at most 80 characters' })
  .regex(ID_PATTERN, { error: 'ids may contain only a-z, 0-9 and -' });

/** Option and item ids: authors often write `id: 1`, so whole numbers are accepted as text. */
export const itemId = z.union([z.string().min(1), z.number().int()], { error: 'expected an id (text or a whole number)' }).transform((value) => String(value));

// A pattern rather than a refinement, so that JSON Schema says it too.
export const nonEmptyString = (what: string) => z.string({ error: `expected ${what} as text` }).regex(/\S/, { error: `${what} is empty` });

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

/**
 * How a parser that works by transform looks to JSON Schema (see challenge.json-schema.ts).
 * `localizedText` parses by hand for its messages; its shape says the same in zod's types,
 * and a test checks that both agree on every fixture file.
 */
export const jsonShapes = new WeakMap<object, z.ZodType>();

// One definition in the JSON Schema (`#/definitions/text`) instead of a copy at every use.
z.globalRegistry.add(localizedText, { id: 'text' });

const textValue = z.string().regex(/\S/);
jsonShapes.set(
  localizedText,
  z
    .union([textValue, z.strictObject({ en: textValue, ja: textValue.optional() }), z.strictObject({ en: textValue.optional(), ja: textValue })])
    .describe(`Text: a string (English, shown to every reader), or a map of ${LANGUAGES.join('/')} to strings`),
);

/** Short description of a YAML value for messages: `string "ten"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}
