/**
 * Checks a `regex` answer: does it compile, and could it hang the server? JavaScript's regex
 * engine backtracks, so a pattern such as `(a+)+$` takes exponential time on a crafted input
 * (ReDoS), and answers come from players. The detector is deliberately conservative: it flags
 * any repeated group that contains another repetition, and any repeated group whose
 * alternatives can start with the same character. A safe pattern it flags can always be
 * rewritten without the ambiguity.
 */
import { intersects, parseRegex, union } from './regex-parse.ts';
import type { CharSet, RegexNode } from './regex-parse.ts';

/** The flags the pattern is compiled with: the author's, plus `u` for strict syntax. */
export function effectiveFlags(flags: string): string {
  return flags.includes('u') || flags.includes('v') ? flags : `${flags}u`;
}

/** A problem with the pattern, in words, or `undefined` when it is fine. */
export function checkRegex(pattern: string, flags: string): string | undefined {
  const compiled = effectiveFlags(flags);
  try {
    new RegExp(pattern, compiled);
    // The checker anchors the pattern; a stray `)` can compile on its own and not anchored.
    new RegExp(`^(?:${pattern})$`, compiled);
  } catch (error) {
    return `regex does not compile with flags "${compiled}": ${(error as Error).message}`;
  }
  const risk = findBacktrackingRisk(parseRegex(pattern, compiled));
  return risk && `regex is prone to catastrophic backtracking: ${risk}`;
}

function findBacktrackingRisk(nodes: RegexNode[]): string | undefined {
  for (const node of nodes) {
    const risk = nodeRisk(node);
    if (risk) return risk;
  }
  return undefined;
}

function nodeRisk(node: RegexNode): string | undefined {
  if (node.kind === 'group') {
    for (const alternative of node.alternatives) {
      const risk = findBacktrackingRisk(alternative);
      if (risk) return risk;
    }
    return undefined;
  }
  if (node.kind !== 'repeat') return undefined;
  if (node.max > 1 && consumes(node.body)) {
    const inner = innerRepeat(node.body);
    if (inner) {
      return (
        `"${inner.source}" repeats inside the repeated "${node.source}" (nested quantifiers), so a ` +
        'failing input can be split between them in exponentially many ways; repeat one unambiguous unit instead'
      );
    }
    const overlap = overlappingAlternatives(node.body);
    if (overlap) {
      return (
        `the alternatives "${overlap[0]}" and "${overlap[1]}" inside the repeated "${node.source}" can match the ` +
        'same text, so it can be matched in exponentially many ways; make the alternatives mutually exclusive'
      );
    }
  }
  return nodeRisk(node.body);
}

/** A repetition of more than one step, somewhere inside `node`, that consumes characters. */
function innerRepeat(node: RegexNode): Extract<RegexNode, { kind: 'repeat' }> | undefined {
  if (node.kind === 'repeat') {
    // A fixed count such as `a{3}` offers the engine no choice, so it cannot be ambiguous.
    if (node.max > 1 && node.max > node.min && consumes(node.body)) return node;
    return innerRepeat(node.body);
  }
  if (node.kind === 'group') {
    for (const alternative of node.alternatives) {
      for (const child of alternative) {
        const found = innerRepeat(child);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** Two alternatives of a group inside `node` that can begin with the same character. */
function overlappingAlternatives(node: RegexNode): [string, string] | undefined {
  if (node.kind === 'repeat') return overlappingAlternatives(node.body);
  if (node.kind !== 'group') return undefined;
  const firsts = node.alternatives.map(firstOfSequence);
  for (let i = 0; i < firsts.length; i += 1) {
    for (let j = i + 1; j < firsts.length; j += 1) {
      if (intersects(firsts[i]!, firsts[j]!)) return [node.sources[i]!, node.sources[j]!];
    }
  }
  for (const alternative of node.alternatives) {
    for (const child of alternative) {
      const found = overlappingAlternatives(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** Whether `node` can match at least one character. */
function consumes(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
    case 'backreference':
      return true;
    case 'assertion':
      return false;
    case 'repeat':
      return node.max > 0 && consumes(node.body);
    case 'group':
      return !node.lookaround && node.alternatives.some((alternative) => alternative.some(consumes));
  }
}

/** Whether `node` can match the empty string. */
function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'assertion':
    case 'backreference':
      return true;
    case 'repeat':
      return node.min === 0 || nullable(node.body);
    case 'group':
      return node.lookaround || node.alternatives.some((alternative) => alternative.every(nullable));
  }
}

/** The characters a match of `node` can start with. */
function first(node: RegexNode): CharSet {
  switch (node.kind) {
    case 'chars':
      return node.set;
    case 'assertion':
      return [];
    case 'backreference':
      return [[0, 0x10ffff]];
    case 'repeat':
      return node.max > 0 ? first(node.body) : [];
    case 'group':
      return node.lookaround ? [] : node.alternatives.map(firstOfSequence).reduce(union, []);
  }
}

function firstOfSequence(sequence: RegexNode[]): CharSet {
  let set: CharSet = [];
  for (const node of sequence) {
    set = union(set, first(node));
    if (!nullable(node)) break;
  }
  return set;
}
