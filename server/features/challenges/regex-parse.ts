/**
 * A small parser for JavaScript regular expressions, precise enough for the backtracking
 * analysis in `regex-safety.ts`: which parts repeat, which alternatives exist and which
 * characters each can start with. Parse only patterns that `new RegExp` already accepted;
 * wherever the syntax is too rich to model (`v`-mode classes, `\p{...}`), the parser widens
 * to "any character", which can only make the analysis more cautious.
 */

/** Sorted, disjoint, non-adjacent inclusive code point ranges. */
export type CharSet = ReadonlyArray<readonly [number, number]>;

export type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'group'; alternatives: RegexNode[][]; sources: string[]; lookaround: boolean }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number; source: string }
  | { kind: 'assertion' }
  | { kind: 'backreference' };

const MAX_CODE_POINT = 0x10ffff;
export const ANY: CharSet = [[0, MAX_CODE_POINT]];
const DIGIT: CharSet = [[48, 57]];
const WORD: CharSet = [
  [48, 57],
  [65, 90],
  [95, 95],
  [97, 122],
];
const SPACE: CharSet = normalize([
  [9, 13],
  [32, 32],
  [160, 160],
  [5760, 5760],
  [8192, 8202],
  [8232, 8233],
  [8239, 8239],
  [8287, 8287],
  [12288, 12288],
  [65279, 65279],
]);
const LINE_TERMINATORS: CharSet = [
  [10, 10],
  [13, 13],
  [8232, 8233],
];

export function normalize(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

export function union(a: CharSet, b: CharSet): CharSet {
  return normalize([...a, ...b]);
}

export function complement(set: CharSet): CharSet {
  const result: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) result.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aLo, aHi] = a[i]!;
    const [bLo, bHi] = b[j]!;
    if (aLo <= bHi && bLo <= aHi) return true;
    if (aHi < bHi) i += 1;
    else j += 1;
  }
  return false;
}

/** Parses `pattern` (already known to compile with `flags`) into a sequence of nodes. */
export function parseRegex(pattern: string, flags: string): RegexNode[] {
  return new RegexParser(pattern, flags).parse();
}

class RegexParser {
  private index = 0;
  private readonly ignoreCase: boolean;
  private readonly dotAll: boolean;
  private readonly setMode: boolean;

  constructor(
    private readonly pattern: string,
    flags: string,
  ) {
    this.ignoreCase = flags.includes('i');
    this.dotAll = flags.includes('s');
    this.setMode = flags.includes('v');
  }

  parse(): RegexNode[] {
    const { alternatives, sources } = this.alternatives();
    return alternatives.length === 1 ? alternatives[0]! : [{ kind: 'group', alternatives, sources, lookaround: false }];
  }

  private peek(offset = 0): string | undefined {
    return this.pattern[this.index + offset];
  }

  private alternatives(): { alternatives: RegexNode[][]; sources: string[] } {
    const alternatives: RegexNode[][] = [];
    const sources: string[] = [];
    for (;;) {
      const start = this.index;
      alternatives.push(this.sequence());
      sources.push(this.pattern.slice(start, this.index));
      if (this.peek() !== '|') break;
      this.index += 1;
    }
    return { alternatives, sources };
  }

  private sequence(): RegexNode[] {
    const nodes: RegexNode[] = [];
    while (this.index < this.pattern.length && this.peek() !== '|' && this.peek() !== ')') {
      const start = this.index;
      const atom = this.atom();
      nodes.push(this.quantified(atom, start));
    }
    return nodes;
  }

  private quantified(atom: RegexNode, start: number): RegexNode {
    let min: number;
    let max: number;
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?') {
      [min, max] = next === '*' ? [0, Infinity] : next === '+' ? [1, Infinity] : [0, 1];
      this.index += 1;
    } else {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.pattern.slice(this.index));
      if (!braces) return atom;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
      this.index += braces[0].length;
    }
    if (this.peek() === '?') this.index += 1;
    return { kind: 'repeat', body: atom, min, max, source: this.pattern.slice(start, this.index) };
  }

  private atom(): RegexNode {
    const char = this.peek()!;
    switch (char) {
      case '(':
        return this.group();
      case '[':
        return { kind: 'chars', set: this.characterClass() };
      case '.':
        this.index += 1;
        return { kind: 'chars', set: this.dotAll ? ANY : complement(LINE_TERMINATORS) };
      case '^':
      case '$':
        this.index += 1;
        return { kind: 'assertion' };
      case '\\':
        return this.escape();
      default:
        return { kind: 'chars', set: this.caseVariants(this.literal()) };
    }
  }

  private group(): RegexNode {
    this.index += 1;
    const rest = this.pattern.slice(this.index);
    const prefix = /^\?(?:[=!]|<[=!])/.exec(rest);
    const lookaround = prefix !== null;
    if (prefix) this.index += prefix[0].length;
    else this.index += /^\?(?::|<[^>]+>|[ims]*(?:-[ims]*)?:)/.exec(rest)?.[0].length ?? 0;
    const { alternatives, sources } = this.alternatives();
    this.index += 1; // ')'
    return { kind: 'group', alternatives, sources, lookaround };
  }

  private escape(): RegexNode {
    const next = this.pattern[this.index + 1] ?? '';
    if (next === 'b' || next === 'B') {
      this.index += 2;
      return { kind: 'assertion' };
    }
    if (/[1-9]/.test(next) || (next === 'k' && this.pattern[this.index + 2] === '<')) {
      if (next === 'k') this.index = this.pattern.indexOf('>', this.index) + 1;
      else this.index += 1 + (/^\d+/.exec(this.pattern.slice(this.index + 1))?.[0].length ?? 1);
      return { kind: 'backreference' };
    }
    return { kind: 'chars', set: this.escapedSet() };
  }

  /** An escape inside or outside a class, as a set; leaves the index after it. */
  private escapedSet(): CharSet {
    this.index += 1;
    const letter = this.pattern[this.index] ?? '';
    this.index += 1;
    const classes: Record<string, CharSet> = {
      d: DIGIT,
      D: complement(DIGIT),
      w: WORD,
      W: complement(WORD),
      s: SPACE,
      S: complement(SPACE),
    };
    if (classes[letter]) return classes[letter];
    if (letter === 'p' || letter === 'P' || letter === 'q') {
      this.index = this.pattern.indexOf('}', this.index) + 1;
      return ANY;
    }
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, b: 8, 0: 0 };
    if (letter in controls) return [[controls[letter]!, controls[letter]!]];
    const hex = /^(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4}))/.exec(this.pattern.slice(this.index - 1));
    if (hex) {
      this.index += hex[0].length - 1;
      const code = parseInt(hex[1] ?? hex[2] ?? hex[3]!, 16);
      return this.caseVariants([[code, code]]);
    }
    if (letter === 'c') {
      const code = (this.pattern.charCodeAt(this.index) ?? 0) % 32;
      this.index += 1;
      return [[code, code]];
    }
    this.index -= 1;
    return this.caseVariants(this.literal());
  }

  private literal(): CharSet {
    const code = this.pattern.codePointAt(this.index)!;
    this.index += code > 0xffff ? 2 : 1;
    return [[code, code]];
  }

  private characterClass(): CharSet {
    if (this.setMode) {
      // `v`-mode classes nest and support set operations; widen to any character.
      let depth = 0;
      do {
        const char = this.peek();
        if (char === '\\') this.index += 1;
        else if (char === '[') depth += 1;
        else if (char === ']') depth -= 1;
        this.index += 1;
      } while (depth > 0 && this.index < this.pattern.length);
      return ANY;
    }
    this.index += 1;
    const negated = this.peek() === '^';
    if (negated) this.index += 1;
    let set: CharSet = [];
    while (this.index < this.pattern.length && this.peek() !== ']') {
      const from = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.index += 1;
        const to = this.classAtom();
        const [lo, hi] = [from[0]?.[0] ?? 0, to[0]?.[1] ?? 0];
        set = union(set, this.caseVariants([[Math.min(lo, hi), Math.max(lo, hi)]]));
      } else {
        set = union(set, from);
      }
    }
    this.index += 1; // ']'
    return negated ? complement(set) : set;
  }

  private classAtom(): CharSet {
    return this.peek() === '\\' ? this.escapedSet() : this.caseVariants(this.literal());
  }

  /** Under `i`, a letter also stands for its other case. Wide ranges are left as they are. */
  private caseVariants(set: CharSet): CharSet {
    if (!this.ignoreCase) return set;
    const extra: Array<[number, number]> = [];
    for (const [lo, hi] of set) {
      if (hi - lo > 512) continue;
      for (let code = lo; code <= hi; code += 1) {
        for (const variant of [String.fromCodePoint(code).toLowerCase(), String.fromCodePoint(code).toUpperCase()]) {
          const other = variant.codePointAt(0)!;
          if ([...variant].length === 1 && other !== code) extra.push([other, other]);
        }
      }
    }
    return union(set, extra);
  }
}
