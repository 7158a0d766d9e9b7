/**
 * Text normalisation shared by the answer checkers. Pure functions, no I/O.
 *
 * Players type on Japanese keyboards that produce full-width letters, digits and the
 * ideographic space (U+3000); NFKC folds those to their ASCII forms, so "ＨＴＴＰ　３０７"
 * and "HTTP 307" compare equal.
 */

// `\s` with the `u` flag covers every Unicode space separator, including U+3000 and U+00A0.
const WHITESPACE_RUN = /\s+/gu;

/** NFKC-normalises, trims, and folds every run of whitespace into one ASCII space. */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim().replace(WHITESPACE_RUN, ' ');
}

/** Lower-cases for case-insensitive comparison; the identity when `caseSensitive`. */
export function foldCase(value: string, caseSensitive: boolean): string {
  return caseSensitive ? value : value.toLowerCase();
}

/** The comparison key of a free-text answer: normalised, then case-folded as asked. */
export function textKey(value: string, caseSensitive: boolean): string {
  return foldCase(normalizeText(value), caseSensitive);
}
