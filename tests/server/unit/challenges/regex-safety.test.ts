import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegex, effectiveFlags } from '../../../../server/features/challenges/regex-safety.ts';

describe('checkRegex', () => {
  it.each([
    ['(a+)+', 'exponential'],
    ['(a*)*$', 'exponential'],
    ['^(\\w+\\s?)+$', 'exponential'],
    ['(a|aa)+', 'exponential'],
    ['(\\w|\\d)+', 'exponential'],
    ['([a-c]|[c-e])*', 'exponential'],
    ['(?:x|[^y])+', 'exponential'],
    ['(.*a){12}', '12nd degree polynomial'],
    ['flag\\{.*_.*_.*\\}', '3rd degree polynomial'],
  ])('refuses %s as prone to catastrophic backtracking (%s)', (pattern, complexity) => {
    const problem = checkRegex(pattern, '');
    expect(problem).toMatch(/^regex is prone to catastrophic backtracking: a failing input such as /);
    expect(problem).toContain(complexity);
  });

  it('takes case-insensitivity into account when alternatives overlap', () => {
    expect(checkRegex('(a|A)+', '')).toBeUndefined();
    expect(checkRegex('(a|A)+', 'i')).toContain('exponential');
  });

  it.each([
    '^arn:aws:ecr:[a-z0-9-]+:\\d{12}:repository/[a-z0-9._/-]+$',
    '(?:GET|PUT|POST)',
    '(a|b)+',
    '(a{2})+',
    '(?:ab)+c',
    '\\d+(?:\\.\\d+)?',
    'v[0-9]+\\.[0-9]+',
    '(?<x>a)\\k<x>',
    '[\\p{L}]+',
    // Quadratic at worst, and player input is capped: accepted.
    'flag\\{.*_.*\\}',
    '\\w+\\s*\\w+',
  ])('accepts %s', (pattern) => {
    expect(checkRegex(pattern, '')).toBeUndefined();
  });

  it('reports a pattern that does not compile with the u flag added', () => {
    expect(checkRegex('ab(c', '')).toBe('regex does not compile with flags "u": Invalid regular expression: /ab(c/u: Unterminated group');
    expect(checkRegex('\\-', 'i')).toMatch(/^regex does not compile with flags "iu": .*Invalid escape/);
  });

  it('reports a pattern that only compiles without the anchoring group', () => {
    expect(checkRegex('a)(b', '')).toContain('does not compile');
  });

  it('adds u unless u or v is already there', () => {
    expect(effectiveFlags('')).toBe('u');
    expect(effectiveFlags('i')).toBe('iu');
    expect(effectiveFlags('v')).toBe('v');
    expect(effectiveFlags('ui')).toBe('ui');
  });

  it('never refuses a pattern without any repetition', () => {
    const atom = fc.constantFrom('a', 'b', '\\d', '\\w', '.', '[a-z]', '(?:a|b)', '(x|y|z)', '\\.', '^', '$');
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 12 }), (atoms) => {
        expect(checkRegex(atoms.join(''), '')).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('refuses every repeated group that holds an unbounded repetition of the same characters', () => {
    const inner = fc.constantFrom('a+', '[a-z]+', '.*', 'a{1,}');
    const outer = fc.constantFrom('+', '*', '{2,}');
    fc.assert(
      fc.property(inner, outer, (body, quantifier) => {
        expect(checkRegex(`(?:${body})${quantifier}`, '')).toContain('exponential');
      }),
      { numRuns: 30 },
    );
  });
});
