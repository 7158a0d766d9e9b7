/**
 * Translates a Python `re` pattern (as CTFd's regex flags are written) into a JavaScript one
 * with the same meaning, or refuses it naming the construct that has none. Pure, no I/O.
 *
 * Python reads some text differently from JavaScript's strict (`u`) syntax: a lone `{` or `}`
 * is a literal (`BZHCTF{(.*)}`), any punctuation may be escaped (`\_`, `\-`), `{,n}` means
 * `{0,n}`, a `]` first in a class is a literal, global flags sit inline at the start (`(?i)`).
 * Classes mean Unicode in Python 3 (`\d` is any decimal digit, `\w` any letter or digit), so
 * they become Unicode property classes; `.` never matches a newline, in either language, but
 * JavaScript also stops at `\r`, so it becomes `[^\n]`. The result is checked by regexpp.
 *
 * Matching itself keeps CTFd's rule through the answer's `firstMatch` and `exact` settings
 * (play/answers.ts): the first match `re.match` finds must be the whole, trimmed input.
 */
import { RegExpParser } from '@eslint-community/regexpp';

export class RegexTranslationError extends Error {}

export interface TranslatedRegex {
  pattern: string;
  /** `i` when the pattern or the flag asked for case-insensitivity. */
  flags: string;
  /** What was rewritten, for the import notes; empty when the text is unchanged. */
  rewrites: string[];
}

const WORD = '\\p{L}\\p{N}_';
const SPACE = '\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const ASCII_WORD = 'A-Za-z0-9_';
const ASCII_SPACE = '\\t-\\r ';
/** Characters that must stay escaped in JavaScript's strict syntax. */
const SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
const UNSUPPORTED_GROUPS: Array<[RegExp, string]> = [
  [/^\(\?>/, 'an atomic group (?>...)'],
  [/^\(\?\(/, 'a conditional group (?(...)...)'],
  [/^\(\?[aiLmsux-]+:/, 'scoped inline flags (?flags:...)'],
];
const LATE_FLAGS = /^\(\?[aiLmsux]+\)/;

interface Modes {
  ascii: boolean;
  dotAll: boolean;
  multiline: boolean;
}

export function translatePythonRegex(source: string, caseInsensitive: boolean): TranslatedRegex {
  const rewrites = new Set<string>();
  let body = source;
  let flags = caseInsensitive ? 'i' : '';
  const modes: Modes = { ascii: false, dotAll: false, multiline: false };
  const leading = /^\(\?([aiLmsux]+)\)/.exec(body);
  if (leading) {
    for (const flag of leading[1]!) {
      if (flag === 'x') throw new RegexTranslationError('verbose mode (?x) has no JavaScript counterpart; write the pattern without it');
      if (flag === 'L') throw new RegexTranslationError('the locale flag (?L) has no JavaScript counterpart');
      if (flag === 'i' && !flags.includes('i')) flags += 'i';
      if (flag === 'a') modes.ascii = true;
      if (flag === 's') modes.dotAll = true;
      if (flag === 'm') modes.multiline = true;
    }
    body = body.slice(leading[0].length);
    rewrites.add(`the inline flags (?${leading[1]}) became ${leading[1]!.includes('i') ? 'the i flag' : 'the classes they mean'}`);
  }
  const pattern = new Translator(body, modes, rewrites).run();
  try {
    new RegExpParser({ ecmaVersion: 2022 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch (error) {
    throw new RegexTranslationError(`the translated pattern ${pattern} is not valid JavaScript: ${(error as Error).message}`);
  }
  return { pattern, flags, rewrites: [...rewrites] };
}

class Translator {
  private i = 0;
  private out = '';
  /** Whether the last thing written can take a quantifier. */
  private atom = false;

  constructor(
    private readonly src: string,
    private readonly modes: Modes,
    private readonly rewrites: Set<string>,
  ) {}

  run(): string {
    while (this.i < this.src.length) this.step();
    return this.out;
  }

  private emit(text: string, atom: boolean): void {
    this.out += text;
    this.atom = atom;
  }

  private step(): void {
    const { src } = this;
    const ch = src[this.i]!;
    const rest = src.slice(this.i);
    if (ch === '\\') return this.escape();
    if (ch === '[') return this.charClass();
    if (ch === '(') return this.group(rest);
    if (ch === ')' || ch === '|') {
      this.i += 1;
      return this.emit(ch, ch === ')');
    }
    if (ch === '{') return this.brace(rest);
    if (ch === '}') {
      this.i += 1;
      this.rewrites.add('lone braces escaped');
      return this.emit('\\}', true);
    }
    if (ch === '*' || ch === '+' || ch === '?') return this.quantifier(ch);
    this.i += 1;
    if (ch === '.') {
      this.rewrites.add(this.modes.dotAll ? '. written as [\\s\\S]' : ". written as [^\\n] (Python's dot stops only at a newline)");
      return this.emit(this.modes.dotAll ? '[\\s\\S]' : '[^\\n]', true);
    }
    if (ch === '^') return this.emit(this.modes.multiline ? '(?<![^\\n])' : '^', false);
    if (ch === '$') return this.emit(this.modes.multiline ? '(?![^\\n])' : '$', false);
    return this.emit(ch === '/' ? '\\/' : ch, true);
  }

  private quantifier(symbol: string): void {
    if (!this.atom) throw new RegexTranslationError(`"${symbol}" at position ${this.i} has nothing to repeat`);
    this.i += 1;
    this.emit(symbol + this.lazyOrRefusePossessive(symbol), false);
  }

  /** `{m}`, `{m,}`, `{,n}`, `{m,n}` repeat; any other `{` is a literal, as Python reads it. */
  private brace(rest: string): void {
    const match = /^\{(\d*)(?:(,)(\d*))?\}/.exec(rest);
    if (!match || (match[1] === '' && match[2] === undefined)) {
      this.i += 1;
      this.rewrites.add('lone braces escaped');
      return this.emit('\\{', true);
    }
    const [, low = '', comma, high = ''] = match;
    if (!this.atom) throw new RegexTranslationError(`"${match[0]}" at position ${this.i} has nothing to repeat`);
    if (low === '') this.rewrites.add('{,n} written as {0,n}');
    this.i += match[0].length;
    this.emit(`{${low || '0'}${comma ? `,${high}` : ''}}${this.lazyOrRefusePossessive(match[0])}`, false);
  }

  /** A quantifier may be followed by `?` (lazy, same in both); `+` (possessive) has no counterpart. */
  private lazyOrRefusePossessive(quantifier: string): string {
    if (this.src[this.i] === '?') {
      this.i += 1;
      return '?';
    }
    if (this.src[this.i] === '+') throw new RegexTranslationError(`the possessive quantifier "${quantifier}+" has no JavaScript counterpart`);
    return '';
  }

  private group(rest: string): void {
    if (LATE_FLAGS.test(rest))
      throw new RegexTranslationError(`inline flags ${LATE_FLAGS.exec(rest)![0]} must come first in the pattern (Python 3.11 refuses them elsewhere)`);
    for (const [prefix, name] of UNSUPPORTED_GROUPS) {
      if (prefix.test(rest)) throw new RegexTranslationError(`${name} has no JavaScript counterpart`);
    }
    const comment = /^\(\?#[^)]*\)/.exec(rest);
    if (comment) {
      this.i += comment[0].length;
      this.rewrites.add('comments (?#...) dropped');
      return;
    }
    const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    const reference = /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
    if (reference) {
      this.i += reference[0].length;
      this.rewrites.add('Python named groups (?P<...>) written as (?<...>)');
      return this.emit(`\\k<${reference[1]}>`, true);
    }
    if (named) {
      this.i += named[0].length;
      this.rewrites.add('Python named groups (?P<...>) written as (?<...>)');
      return this.emit(`(?<${named[1]}>`, false);
    }
    const opener = /^\((?:\?(?::|=|!|<=|<!))?/.exec(rest)![0];
    if (opener === '(' && rest.startsWith('(?')) throw new RegexTranslationError(`the group "${rest.slice(0, 4)}" is not one JavaScript knows`);
    this.i += opener.length;
    this.emit(opener, false);
  }

  private escape(): void {
    const { text, atom } = this.escapeText(false);
    this.emit(text, atom);
  }

  /** One escape at `this.i`, as text for JavaScript, inside a class or not. */
  private escapeText(inClass: boolean): { text: string; atom: boolean; single: boolean } {
    const next = this.src[this.i + 1];
    if (next === undefined) throw new RegexTranslationError('the pattern ends with a lone backslash');
    const rest = this.src.slice(this.i + 1);
    const take = (length: number) => {
      this.i += 1 + length;
    };
    const classes: Record<string, string> = {
      d: this.modes.ascii ? '0-9' : '\\p{Nd}',
      w: this.modes.ascii ? ASCII_WORD : WORD,
      s: this.modes.ascii ? ASCII_SPACE : SPACE,
    };
    const lower = next.toLowerCase();
    if (lower in classes && 'dDwWsS'.includes(next)) {
      take(1);
      this.rewrites.add(`\\${next} written as the class Python means (${this.modes.ascii ? 'ASCII' : 'Unicode'})`);
      const negated = next !== lower;
      if (inClass) {
        if (negated && lower !== 'd')
          throw new RegexTranslationError(`\\${next} inside a character class has no exact JavaScript counterpart; rewrite the class`);
        return { text: negated ? '\\P{Nd}' : classes[lower]!, atom: true, single: false };
      }
      return { text: `[${negated ? '^' : ''}${classes[lower]}]`, atom: true, single: false };
    }
    if ((next === 'b' || next === 'B') && !inClass) {
      take(1);
      this.rewrites.add(`\\${next} written with lookarounds on the word class Python means`);
      const word = `[${classes.w}]`;
      const boundary = `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
      return { text: next === 'b' ? boundary : `(?!${boundary})`, atom: false, single: false };
    }
    if (next === 'A' && !inClass) return (take(1), { text: '^', atom: false, single: false });
    if (next === 'Z' && !inClass) return (take(1), { text: '$', atom: false, single: false });
    const simple: Record<string, string> = { a: '\\x07', f: '\\f', n: '\\n', r: '\\r', t: '\\t', v: '\\v', b: '\\x08' };
    if (next in simple && (next !== 'b' || inClass)) return (take(1), { text: simple[next]!, atom: true, single: true });
    const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(rest);
    if (hex) {
      take(hex[0].length);
      return { text: codePoint(Number.parseInt((hex[1] ?? hex[2] ?? hex[3])!, 16), inClass), atom: true, single: true };
    }
    if (next === 'N') throw new RegexTranslationError('the named character escape \\N{...} has no JavaScript counterpart; write the character itself');
    const octal = /^(?:0[0-7]{0,2}|[0-7]{3})/.exec(rest);
    if (octal) {
      take(octal[0].length);
      return { text: codePoint(Number.parseInt(octal[0], 8), inClass), atom: true, single: true };
    }
    const backreference = /^[1-9][0-9]?/.exec(rest);
    if (backreference && !inClass) return (take(backreference[0].length), { text: `\\${backreference[0]}`, atom: true, single: false });
    if (/[A-Za-z0-9]/.test(next)) throw new RegexTranslationError(`the escape \\${next} is not one Python knows`);
    take(1);
    if (SYNTAX.has(next) || (inClass && next === '-')) return { text: `\\${next}`, atom: true, single: true };
    this.rewrites.add(`needless escapes such as \\${next} written as the character itself`);
    return { text: next, atom: true, single: true };
  }

  private charClass(): void {
    const { src } = this;
    this.i += 1;
    let text = '[';
    if (src[this.i] === '^') {
      text += '^';
      this.i += 1;
    }
    let first = true;
    while (this.i < src.length && (src[this.i] !== ']' || first)) {
      const ch = src[this.i]!;
      first = false;
      if (ch === '\\') {
        text += this.escapeText(true).text;
      } else if (ch === '[' || ch === ']' || ch === '{' || ch === '}' || ch === '/' || ch === '|' || ch === '(' || ch === ')') {
        text += `\\${ch}`;
        this.i += 1;
      } else {
        text += ch;
        this.i += 1;
      }
    }
    if (src[this.i] !== ']') throw new RegexTranslationError('a character class "[" is never closed');
    this.i += 1;
    this.emit(`${text}]`, true);
  }
}

/** A character given by number: itself when printable ASCII and not syntax, else `\u{...}`. */
function codePoint(code: number, inClass: boolean): string {
  const ch = String.fromCodePoint(code);
  if (code >= 0x20 && code < 0x7f && /[A-Za-z0-9 _]/.test(ch)) return ch;
  if (code >= 0x20 && code < 0x7f && (SYNTAX.has(ch) || (inClass && ch === '-'))) return `\\${ch}`;
  return `\\u{${code.toString(16)}}`;
}
