/**
 * Reading a numeric answer the way people type it. Pure, no I/O, and safe for the web client
 * to import: it is the one parser of typed numbers on both sides.
 *
 * Accepted (after NFKC, so full-width "１，０００" reads as "1,000" and "７倍" as "7倍"):
 * - an optional sign (`-`, `+`, or U+2212 MINUS SIGN),
 * - digits, either plain ("1000") or grouped by commas in threes ("1,000", "12,345,678"),
 * - an optional decimal fraction with a point ("3.5", ".5"),
 * - an optional trailing unit, case-insensitively, with or without a space before it: the
 *   task's unit in any of its languages ("7 times", "7倍", "128GB"), the singular of an
 *   English plural ("1 second" for "seconds"), "percent"/"パーセント" for "%", the other
 *   names of a currency ("dollars" and "ドル" for "USD"), and after a whole number the
 *   Japanese general counters つ and 個 ("3つ"), which Japanese uses to count anything;
 * - an optional leading currency symbol (`$`, `US$`, `¥`, `€`, full-width too), after the
 *   sign or before it, when the task's unit is that currency or the task has no unit:
 *   "$597.43" for a task in USD, "¥1,200" for one in 円.
 *
 * Rejected on purpose:
 * - spaces inside the number ("1 000"): ambiguous with two numbers;
 * - commas not in groups of three ("10,00"): that is a European decimal comma and would
 *   read a thousand times too large;
 * - another currency's symbol ("¥597" for a task in USD), or a symbol on a task whose unit is
 *   not a currency: the amount would be read in a currency the player did not mean;
 * - exponents, hexadecimal, "Infinity", and any other unit than the task's, including a
 *   near one ("128GB" for a task in GiB, 7% apart).
 */
import type { LocalizedText } from '../challenges/challenge.ts';
import { normalizeText } from './normalize.ts';

const NUMBER_SYNTAX = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/;

/** Counters Japanese puts after any count, whatever is counted. */
const GENERAL_COUNTERS = ['つ', '個'];
const PERCENT_SPELLINGS = ['%', 'percent', 'パーセント'];

/** Currencies by the symbols written before an amount and the names written after it (lower-cased, NFKC). */
const CURRENCIES: readonly { symbols: readonly string[]; names: readonly string[] }[] = [
  { symbols: ['us$', '$'], names: ['usd', 'dollar', 'dollars', 'us dollar', 'us dollars', 'ドル', '米ドル'] },
  { symbols: ['¥'], names: ['jpy', 'yen', '円'] },
  { symbols: ['€'], names: ['eur', 'euro', 'euros', 'ユーロ'] },
];

/** A currency symbol (longest first) before the amount, after an optional sign, or before the sign. */
const CURRENCY_PREFIX = /^([+-]?) ?(us\$|\$|¥|€) ?([+-]?)(.*)$/i;

/**
 * A task's unit: localised text, or a plain string as number answers stored before units had
 * languages (read as English).
 */
export type NumberUnit = LocalizedText | string;

/** Every spelling of `unit` a player may type after the number, lower-cased and normalised. */
export function unitSpellings(unit: NumberUnit | undefined): string[] {
  if (unit === undefined) return [];
  const written = typeof unit === 'string' ? [unit] : Object.values(unit).filter((value): value is string => typeof value === 'string');
  const spellings = new Set<string>();
  for (const value of written) {
    const key = normalizeText(value).toLowerCase();
    if (key === '') continue;
    spellings.add(key);
    // "seconds" → "second", "AZs" → "AZ": one of a plural unit is written in the singular.
    if (/^[a-z]{2,}s$/.test(key)) spellings.add(key.slice(0, -1));
    if (PERCENT_SPELLINGS.includes(key)) for (const spelling of PERCENT_SPELLINGS) spellings.add(spelling);
    for (const currency of CURRENCIES) if (currency.names.includes(key)) for (const name of currency.names) spellings.add(name);
  }
  return [...spellings];
}

/** Parses a typed number; `undefined` when the text is not a number in the accepted forms. */
export function parseNumberText(text: string, unit?: NumberUnit): number | undefined {
  return parseNumberWithUnits(text, unit === undefined ? undefined : unitSpellings(unit));
}

/**
 * `parseNumberText` given the unit's spellings (`unitSpellings`) instead of the unit: the
 * web client calls it with the spellings a number task's public answer carries, so the
 * client refuses exactly what the server would not read as a number.
 */
export function parseNumberWithUnits(text: string, spellings: readonly string[] | undefined): number | undefined {
  const body = normalizeText(text).replace(/\u2212/g, '-');
  const prefixed = CURRENCY_PREFIX.exec(body);
  if (!prefixed) return parseAfterCurrency(body, spellings);
  const [, before = '', symbol = '', after = '', amount = ''] = prefixed;
  const currency = CURRENCIES.find((c) => c.symbols.includes(symbol.toLowerCase()));
  // "$-5" and "-$5" read alike; "-$-5" is not a number.
  if (!currency || (before && after)) return undefined;
  if (spellings !== undefined && !spellings.some((spelling) => currency.names.includes(spelling))) return undefined;
  return parseAfterCurrency(`${before}${after}${amount}`, spellings);
}

/**
 * Whether `text` is a number followed by a unit or preceded by a currency symbol that the
 * task does not take ("128GB" for a task in GiB, "¥597" for one in USD, "5 ms" for one
 * without a unit): the player meant a number, so the page can say which unit it wants
 * instead of "enter a number".
 */
export function isNumberInOtherUnit(text: string): boolean {
  const body = normalizeText(text).replace(/\u2212/g, '-');
  const prefixed = CURRENCY_PREFIX.exec(body);
  const amount = prefixed ? `${prefixed[1] ?? ''}${prefixed[3] ?? ''}${prefixed[4] ?? ''}` : body;
  const bare = amount.replace(/ ?[^\d\s.,+-][^\d]*$/u, '');
  return parsePlainNumber(bare) !== undefined && (prefixed !== null || bare !== amount);
}

function parseAfterCurrency(body: string, spellings: readonly string[] | undefined): number | undefined {
  const plain = parsePlainNumber(body);
  if (plain !== undefined || spellings === undefined) return plain;
  const lowered = body.toLowerCase();
  // Longest first, so "seconds" is stripped whole rather than leaving "second" + "s".
  for (const spelling of [...spellings].sort((a, b) => b.length - a.length)) {
    if (!lowered.endsWith(spelling)) continue;
    const value = parsePlainNumber(body.slice(0, body.length - spelling.length).trimEnd());
    if (value !== undefined) return value;
  }
  for (const counter of GENERAL_COUNTERS) {
    if (!body.endsWith(counter)) continue;
    const value = parsePlainNumber(body.slice(0, -counter.length).trimEnd());
    if (value !== undefined && Number.isInteger(value)) return value;
  }
  return undefined;
}

function parsePlainNumber(body: string): number | undefined {
  const match = NUMBER_SYNTAX.exec(body);
  if (!match) return undefined;
  const [, sign = '', integer = '', fraction] = match;
  if (integer === '' && fraction === undefined) return undefined;
  const literal = `${sign}${integer.replaceAll(',', '') || '0'}${fraction === undefined ? '' : `.${fraction}`}`;
  const parsed = Number(literal);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** Reads a number answer given as a JSON number or as typed text. */
export function readNumberAnswer(input: number | string, unit?: NumberUnit): number | undefined {
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
