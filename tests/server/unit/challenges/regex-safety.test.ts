import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegex, effectiveFlags } from '../../../../server/features/challenges/regex-safety.ts';

describe('checkRegex', () => {
  it.each([
    ['(a+)+', '"a+" repeats inside the repeated "(a+)+"'],
    ['(a*)*$', '"a*" repeats inside the repeated "(a*)*"'],
    ['^(\\w+\\s?)+$', '"\\w+" repeats inside the repeated "(\\w+\\s?)+"'],
    ['(.*a){12}', '".*" repeats inside the repeated "(.*a){12}"'],
    ['(?:x(?:ab|c)+)*', '"(?:ab|c)+" repeats inside the repeated "(?:x(?:ab|c)+)*"'],
    ['(a|aa)+', 'the alternatives "a" and "aa" inside the repeated "(a|aa)+"'],
    ['(\\w|\\d)+', 'the alternatives "\\w" and "\\d" inside the repeated "(\\w|\\d)+"'],
    ['([a-c]|[c-e])*', 'the alternatives "[a-c]" and "[c-e]"'],
    ['(?:x|[^y])+', 'the alternatives "x" and "[^y]"'],
  ])('flags %s as prone to catastrophic backtracking', (pattern, explanation) => {
    const problem = checkRegex(pattern, '');
    expect(problem).toContain('regex is prone to catastrophic backtracking: ');
    expect(problem).toContain(explanation);
  });

  it('takes case-insensitivity into account when alternatives overlap', () => {
    expect(checkRegex('(a|A)+', '')).toBeUndefined();
    expect(checkRegex('(a|A)+', 'i')).toContain('the alternatives "a" and "A"');
    expect(checkRegex('(\\u0041|b)+', 'i')).toBeUndefined();
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
  ])('accepts the unambiguous pattern %s', (pattern) => {
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

  it('never flags a pattern without any repetition', () => {
    const atom = fc.constantFrom('a', 'b', '\\d', '\\w', '.', '[a-z]', '(?:a|b)', '(x|y|z)', '\\.', '^', '$');
    fc.assert(
      fc.property(fc.array(atom, { minLength: 1, maxLength: 12 }), (atoms) => {
        expect(checkRegex(atoms.join(''), '')).toBeUndefined();
      }),
    );
  });

  it('flags every repeated group that holds an unbounded repetition', () => {
    const inner = fc.constantFrom('a+', '\\d*', '[a-z]+', '.*', 'x{1,}');
    const outer = fc.constantFrom('+', '*', '{2,}', '{1,5}');
    fc.assert(
      fc.property(inner, outer, fc.constantFrom('', 'b', '\\.'), (body, quantifier, suffix) => {
        expect(checkRegex(`(?:${body}${suffix})${quantifier}`, '')).toContain('nested quantifiers');
      }),
    );
  });
});
