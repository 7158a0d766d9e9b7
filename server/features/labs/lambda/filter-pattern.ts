/**
 * CloudWatch Logs filter patterns for unstructured log events, the forms a team uses on
 * REPORT lines: terms (`REPORT`), quoted phrases (`"Init Duration"`), all of which must
 * match; `?term` alternatives, any of which may; and `-term` exclusions. Terms are case
 * sensitive, as in CloudWatch Logs. JSON (`{ $.x = 1 }`) and space-delimited (`[a, b]`)
 * patterns are refused with the service's error: the lab's events are plain text.
 */
import { AwsError } from '../lab.ts';

export interface FilterPattern {
  all: string[];
  any: string[];
  none: string[];
}

export function parseFilterPattern(source: string): FilterPattern {
  const pattern: FilterPattern = { all: [], any: [], none: [] };
  const text = source.trim();
  if (text.startsWith('{') || text.startsWith('[') || text.startsWith('%')) {
    throw new AwsError(
      'InvalidParameterException',
      'Invalid filter pattern: the lab reads plain-text events; use terms, "quoted phrases", ?alternatives and -exclusions.',
    );
  }
  const tokens = text.matchAll(/([?-]?)(?:"((?:[^"\\]|\\.)*)"|(\S+))/g);
  for (const [, sign, quoted, bare] of tokens) {
    const term = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : (bare ?? '');
    if (term === '') continue;
    if (sign === '?') pattern.any.push(term);
    else if (sign === '-') pattern.none.push(term);
    else pattern.all.push(term);
  }
  return pattern;
}

export function matchesFilterPattern(pattern: FilterPattern, message: string): boolean {
  if (!pattern.all.every((term) => message.includes(term))) return false;
  if (pattern.any.length > 0 && !pattern.any.some((term) => message.includes(term))) return false;
  return !pattern.none.some((term) => message.includes(term));
}
