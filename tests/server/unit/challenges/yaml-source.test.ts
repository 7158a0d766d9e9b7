import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../../server/features/challenges/yaml-source.ts';

const text = ['id: demo', 'tasks:', '  - id: t1', '    answer: { type: text, accept: [x] }', '    pairs:', '      1: a', ''].join('\n');

describe('parseYamlSource', () => {
  it('maps a path to the line and column of its value, or of its key', () => {
    const source = parseYamlSource(text);
    expect(source.positionOf(['id'])).toEqual({ line: 1, column: 5 });
    expect(source.positionOf(['tasks', 0, 'answer', 'type'])).toEqual({ line: 4, column: 21 });
    expect(source.positionOf(['tasks', 0, 'answer'], 'key')).toEqual({ line: 4, column: 5 });
    expect(source.positionOf(['tasks', 0, 'pairs', '1'], 'key')).toEqual({ line: 6, column: 7 });
  });

  it('points a path that does not exist at the deepest map that does', () => {
    const source = parseYamlSource(text);
    expect(source.has(['tasks', 0, 'prompt'])).toBe(false);
    expect(source.positionOf(['tasks', 0, 'prompt'])).toEqual({ line: 3, column: 5 });
    expect(source.positionOf(['tasks', 5])).toEqual({ line: 3, column: 3 });
  });

  it('follows aliases to the node they name', () => {
    const source = parseYamlSource('base: &b { type: lab, lab: x }\nanswer: *b\n');
    expect(source.value).toEqual({ base: { type: 'lab', lab: 'x' }, answer: { type: 'lab', lab: 'x' } });
    expect(source.positionOf(['answer', 'lab'])).toEqual({ line: 1, column: 28 });
  });

  it('reports syntax errors, duplicate keys, unknown tags and several documents with their position', () => {
    const messages = (yaml: string) => parseYamlSource(yaml).syntaxErrors;
    expect(messages('a: 1\na: 2\n')).toEqual([{ position: { line: 2, column: 1 }, message: 'YAML syntax error: Map keys must be unique' }]);
    expect(messages('a: "open\n')[0]!.message).toBe('YAML syntax error: Missing closing "quote');
    expect(messages('a: !secret x\n')).toEqual([{ position: { line: 1, column: 4 }, message: 'YAML syntax error: Unresolved tag: !secret' }]);
    expect(messages('a: 1\n---\nb: 2\n')).toEqual([
      { position: { line: 2, column: 1 }, message: 'YAML syntax error: a challenge file holds one document; remove the --- separator' },
    ]);
    expect(parseYamlSource('a: 1\na: 2\n').value).toBeUndefined();
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const rows = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, previous] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    rows.push(`e: [${Array(9).fill('*d').join(', ')}]`);
    const source = parseYamlSource(rows.join('\n'));
    expect(source.value).toBeUndefined();
    expect(source.syntaxErrors[0]!.message).toMatch(/^YAML error: Excessive alias count/);
  });

  it('ignores a byte order mark', () => {
    expect(parseYamlSource('\uFEFFid: x\n').positionOf(['id'])).toEqual({ line: 1, column: 5 });
  });
});
