/**
 * YAML parsing that keeps positions, so every problem found later (by the schema or the
 * linter, both of which see plain JS values) can be mapped back to `line:column`.
 */
import { isAlias, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

export type PathKey = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

/** What to point at: the value at a path, or the key naming it in its map. */
export type PositionTarget = 'value' | 'key';

export interface SyntaxError {
  position: SourcePosition;
  message: string;
}

export interface YamlSource {
  /** The document as plain JS values; `undefined` when the file has syntax errors. */
  value: unknown;
  syntaxErrors: SyntaxError[];
  /**
   * The position of the node at `path`. When the path stops early (a missing field), the
   * deepest node that exists is used: the map that should have held the field.
   */
  positionOf(path: readonly PathKey[], target?: PositionTarget): SourcePosition;
  /** Whether `path` names a node that exists in the file. */
  has(path: readonly PathKey[]): boolean;
}

export function parseYamlSource(text: string): YamlSource {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  const at = positionsIn(source);

  // Warnings (an unknown tag such as `!secret`) change what a value means: treat them as errors.
  const syntaxErrors = [...doc.errors, ...doc.warnings].map((error) => ({
    position: at(error.pos[0]),
    message:
      error.code === 'MULTIPLE_DOCS'
        ? 'YAML syntax error: a challenge file holds one document; remove the --- separator'
        : `YAML syntax error: ${firstLine(error.message)}`,
  }));
  let value: unknown;
  if (syntaxErrors.length === 0) {
    try {
      // Bounded so that a file of nested aliases (a "billion laughs") cannot exhaust memory.
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      syntaxErrors.push({ position: at(0), message: `YAML error: ${firstLine((error as Error).message)}` });
    }
  }

  return {
    value,
    syntaxErrors,
    positionOf(path, target = 'value') {
      const found = walk(doc, path);
      const node = target === 'key' && found.reached === path.length && found.keyNode ? found.keyNode : found.node;
      return at(node?.range?.[0] ?? 0);
    },
    has(path) {
      return walk(doc, path).reached === path.length;
    },
  };
}

interface WalkResult {
  node: Node | null;
  keyNode: Node | null;
  /** How many path segments were found. */
  reached: number;
}

function walk(doc: Document, path: readonly PathKey[]): WalkResult {
  let node = resolve(doc, doc.contents as Node | null);
  let keyNode: Node | null = null;
  let reached = 0;
  for (const segment of path) {
    if (isMap(node)) {
      // Compare as text: a zod path always holds strings for map keys, YAML may hold `1:`.
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      // A key with no value (`title:`) has no value node: point at the key instead.
      node = resolve(doc, (pair.value as Node | null) ?? keyNode);
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      keyNode = null;
      node = resolve(doc, node.items[segment] as Node | null);
    } else {
      break;
    }
    reached += 1;
  }
  return { node, keyNode, reached };
}

/**
 * Offset → line and column, counted on the text itself. yaml's `LineCounter` only hears of
 * the newlines the parser walks through: a block scalar met while recovering from a syntax
 * error is skipped whole, and every later problem was put lines too high, at a column past
 * the end of its line.
 */
function positionsIn(text: string): (offset: number) => SourcePosition {
  const lineStarts = [0];
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
}

function resolve(doc: Document, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? node) : node;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}
