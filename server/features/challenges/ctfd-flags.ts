/**
 * ctfcli flags → answers that accept exactly what CTFd accepted. CTFd strips the submission
 * and compares a static flag as written (`exact`), and accepts a regex flag when `re.match`
 * succeeds and its match is the whole submission (`exact` + `firstMatch`). Pure.
 */
import { ConversionError } from './ctfd-error.ts';
import { RegexTranslationError, translatePythonRegex } from './python-regex.ts';

export interface Flag {
  kind: 'static' | 'regex';
  content: string;
  caseInsensitive: boolean;
}

type Answer = Record<string, unknown>;

/** `flags:` as a list, a single scalar, or `flag:` (singular): every shape seen in the wild. */
export function flagsOf(input: Record<string, unknown>): Flag[] {
  const raw = [...listOf(input.flags), ...listOf(input.flag)];
  if (raw.length === 0) throw new ConversionError('flags: none given; a task needs an answer');
  return raw.map((flag, index) => {
    if (typeof flag === 'string' || typeof flag === 'boolean') return { kind: 'static', content: String(flag), caseInsensitive: false };
    const entry = (flag ?? {}) as Record<string, unknown>;
    const kind = entry.type ?? 'static';
    if (kind !== 'static' && kind !== 'regex') {
      throw new ConversionError(`flags[${index}]: flag type "${String(kind)}" is not supported; expected static or regex`);
    }
    if (typeof entry.content !== 'string' || entry.content === '') throw new ConversionError(`flags[${index}]: expected content as text`);
    return { kind, content: entry.content, caseInsensitive: entry.data === 'case_insensitive' };
  });
}

function listOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** One answer accepting any of `flags` (ctfcli's default logic, `any`). */
export function anyFlagAnswer(flags: readonly Flag[], notes: string[]): Answer {
  const members: Answer[] = [];
  for (const caseInsensitive of [false, true]) {
    const accept = flags.filter((f) => f.kind === 'static' && f.caseInsensitive === caseInsensitive).map((f) => f.content);
    if (accept.length > 0) members.push(textAnswer(accept, caseInsensitive));
  }
  flags.forEach((flag, index) => {
    if (flag.kind === 'regex') members.push(regexAnswer(flag, `flags[${index}]`, notes));
  });
  return members.length === 1 ? members[0]! : { type: 'any', of: members };
}

/** The answer of one flag alone (`logic: all` makes a task of each). */
export function flagAnswer(flag: Flag, where: string, notes: string[]): Answer {
  return flag.kind === 'static' ? textAnswer([flag.content], flag.caseInsensitive) : regexAnswer(flag, where, notes);
}

function textAnswer(accept: string[], caseInsensitive: boolean): Answer {
  return { type: 'text', accept, caseSensitive: !caseInsensitive, exact: true };
}

function regexAnswer(flag: Flag, where: string, notes: string[]): Answer {
  try {
    const translated = translatePythonRegex(flag.content, flag.caseInsensitive);
    if (translated.rewrites.length > 0)
      notes.push(`${where}: Python regex ${flag.content} written for JavaScript as ${translated.pattern} (${translated.rewrites.join('; ')})`);
    return { type: 'regex', pattern: translated.pattern, ...(translated.flags && { flags: translated.flags }), exact: true, firstMatch: true };
  } catch (error) {
    if (error instanceof RegexTranslationError) throw new ConversionError(`${where}: the regex ${flag.content} cannot be kept: ${error.message}`);
    throw error;
  }
}
