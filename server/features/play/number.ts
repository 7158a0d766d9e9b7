/**
 * Reading a numeric answer the way people type it. Pure, no I/O.
 *
 * Accepted (after NFKC, so full-width "１，０００" reads as "1,000"):
 * - an optional sign (`-`, `+`, or U+2212 MINUS SIGN),
 * - digits, either plain ("1000") or grouped by commas in threes ("1,000", "12,345,678"),
 * - an optional decimal fraction with a point ("3.5", ".5"),
 * - an optional trailing unit equal to the task's unit, case-insensitively, with or
 *   without a space before it ("7 times", "7times", "7 Times").
 *
 * Rejected on purpose:
 * - spaces inside the number ("1 000"): ambiguous with two numbers;
 * - commas not in groups of three ("10,00"): that is a European decimal comma and would
 *   read a thousand times too large;
 * - exponents, hexadecimal, "Infinity", and any other unit than the task's.
 */
import { normalizeText } from './normalize.ts';

const NUMBER_SYNTAX = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** Parses a typed number; `undefined` when the text is not a number in the accepted forms. */
export function parseNumberText(text: string, unit?: string): number | undefined {
  let body = normalizeText(text).replace(/\u2212/g, '-');
  const unitKey = unit ? normalizeText(unit).toLowerCase() : '';
  if (unitKey && body.toLowerCase().endsWith(unitKey)) {
    body = body.slice(0, body.length - unitKey.length).trimEnd();
  }
  const match = NUMBER_SYNTAX.exec(body);
  if (!match) return undefined;
  const [, sign = '', integer = '', fraction] = match;
  if (integer === '' && fraction === undefined) return undefined;
  const literal = `${sign}${integer.replaceAll(',', '') || '0'}${fraction === undefined ? '' : `.${fraction}`}`;
  const parsed = Number(literal);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Reads a number answer given as a JSON number or as typed text. */
export function readNumberAnswer(input: number | string, unit?: string): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  return parseNumberText(input, unit);
}

/**
 * `abs(actual − expected) ≤ tolerance`, forgiving only binary rounding: 1.0 is within 0.1
 * of 1.1 although the doubles differ by 0.10000000000000009.
 */
export function withinTolerance(actual: number, expected: number, tolerance: number): boolean {
  const rounding = 4 * Number.EPSILON * Math.max(1, Math.abs(actual), Math.abs(expected));
  return Math.abs(actual - expected) <= Math.max(0, tolerance) + rounding;
}
