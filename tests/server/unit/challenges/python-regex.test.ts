import { describe, expect, it } from 'vitest';
import { compileFirstMatchPattern } from '../../../../server/features/play/answers.ts';
import { RegexTranslationError, translatePythonRegex } from '../../../../server/features/challenges/python-regex.ts';

/** CTFd's check (re.match, then the match must be the whole submission), with the translation. */
function accepts(pythonPattern: string, input: string, caseInsensitive = false): boolean {
  const { pattern, flags } = translatePythonRegex(pythonPattern, caseInsensitive);
  const match = compileFirstMatchPattern(pattern, flags).exec(input);
  return match !== null && match[0].length === input.length;
}

describe('translatePythonRegex', () => {
  it.each([
    ['BZHCTF{(.*)}', 'BZHCTF\\{([^\\n]*)\\}'],
    ['flag\\{[a-z\\_\\-]+\\}', 'flag\\{[a-z_\\-]+\\}'],
    ['flag\\_x\\-y\\!', 'flag_x-y!'],
    ['a{,3}b{2}c{1,}?d{}', 'a{0,3}b{2}c{1,}?d\\{\\}'],
    ['v(?P<major>[0-9]+)\\.(?P=major)', 'v(?<major>[0-9]+)\\.\\k<major>'],
    ['\\Aflag\\Z', '^flag$'],
    ['[]a]', '[\\]a]'],
    ['a(?#a comment)b', 'ab'],
    ['\\x41\\x2e\\U0001F600\\012', 'A\\.\\u{1f600}\\u{a}'],
  ])('writes %s as %s', (python, javascript) => {
    expect(translatePythonRegex(python, false).pattern).toBe(javascript);
  });

  it('turns leading inline flags into flags or classes', () => {
    expect(translatePythonRegex('(?i)flag', false)).toMatchObject({ pattern: 'flag', flags: 'i' });
    expect(translatePythonRegex('(?s)a.b', false).pattern).toBe('a[\\s\\S]b');
    expect(translatePythonRegex('(?a)\\d\\w', false).pattern).toBe('[0-9][A-Za-z0-9_]');
  });

  it.each([
    ['a++', 'the possessive quantifier "++"'],
    ['(?>a)', 'an atomic group (?>...)'],
    ['(a)?(?(1)b|c)', 'a conditional group'],
    ['(?i:a)b', 'scoped inline flags (?flags:...)'],
    ['a(?i)b', 'inline flags (?i) must come first'],
    ['(?x) a b', 'verbose mode (?x)'],
    ['\\N{DIGIT ONE}', 'the named character escape \\N{...}'],
    ['\\q', 'the escape \\q is not one Python knows'],
    ['*a', 'has nothing to repeat'],
    ['[a-z', 'a character class "[" is never closed'],
  ])('refuses %s, naming %s', (python, construct) => {
    expect(() => translatePythonRegex(python, false)).toThrow(RegexTranslationError);
    expect(() => translatePythonRegex(python, false)).toThrow(construct);
  });

  it('keeps what CTFd accepts and refuses, with its first-match rule', () => {
    expect(accepts('flag\\{a\\}|flag\\{a\\}b', 'flag{a}')).toBe(true);
    expect(accepts('flag\\{a\\}|flag\\{a\\}b', 'flag{a}b')).toBe(false);
    expect(accepts('BZHCTF{(.*)}', 'BZHCTF{x}y}')).toBe(true);
    expect(accepts('flag\\{.+?\\}', 'flag{x}}')).toBe(false);
    expect(accepts('(?i)flag', 'FLAG')).toBe(true);
    expect(accepts('flag', 'FLAG', true)).toBe(true);
  });

  it('means what Python means by its classes: Unicode digits and letters, a dot that stops only at a newline', () => {
    expect(accepts('\\d+', '١٢٣')).toBe(true);
    expect(accepts('\\w+', 'café_東京')).toBe(true);
    expect(accepts('a.b', 'a\rb')).toBe(true);
    expect(accepts('a.b', 'a\nb')).toBe(false);
    expect(accepts('\\bab\\b', 'ab')).toBe(true);
    expect(accepts('(?m)a$\\nb', 'a\nb')).toBe(true);
  });
});
