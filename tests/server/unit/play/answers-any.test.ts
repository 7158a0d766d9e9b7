import { describe, expect, it } from 'vitest';
import type { AnswerSpec } from '../../../../server/features/challenges/challenge.ts';
import { checkAnswer, publicAnswer } from '../../../../server/features/play/answers.ts';

const correct = (spec: AnswerSpec, input: unknown) => checkAnswer(spec, input).correct;

describe('checkAnswer: any', () => {
  const spec: AnswerSpec = {
    type: 'any',
    of: [
      { type: 'text', accept: ['flag{static}'], caseSensitive: true },
      { type: 'regex', pattern: 'flag\\{v[0-9]+\\}', flags: '' },
      { type: 'text', accept: ['FLAG{CASELESS}'], caseSensitive: false },
    ],
  };

  it('accepts what any listed answer accepts, each with its own rules', () => {
    expect(correct(spec, 'flag{static}')).toBe(true);
    expect(correct(spec, 'flag{v42}')).toBe(true);
    expect(correct(spec, 'flag{caseless}')).toBe(true);
  });

  it('refuses what none accepts', () => {
    expect(correct(spec, 'FLAG{STATIC}')).toBe(false);
    expect(correct(spec, 'flag{v}')).toBe(false);
    expect(correct(spec, '')).toBe(false);
    expect(correct(spec, ['flag{static}'])).toBe(false);
  });

  it('shows players a plain text box, never which kinds of answers are listed', () => {
    expect(publicAnswer(spec, 'en', 'seed')).toEqual({ type: 'text' });
  });
});

describe('checkAnswer: exact (as CTFd compares flags)', () => {
  it('keeps whitespace inside the flag significant and folds no full-width characters', () => {
    const spec: AnswerSpec = { type: 'text', accept: ['flag{a  b}'], caseSensitive: true, exact: true };
    expect(correct(spec, 'flag{a  b}')).toBe(true);
    expect(correct(spec, '  flag{a  b}\n')).toBe(true);
    expect(correct(spec, 'flag{a b}')).toBe(false);
    expect(correct(spec, 'ｆｌａｇ{a  b}')).toBe(false);
  });

  it('keeps numeric-looking flags as text', () => {
    const spec: AnswerSpec = { type: 'text', accept: ['2.0', '1e3'], caseSensitive: true, exact: true };
    expect(correct(spec, '2.0')).toBe(true);
    expect(correct(spec, '1e3')).toBe(true);
    expect(correct(spec, '2')).toBe(false);
    expect(correct(spec, '1000')).toBe(false);
  });

  it('folds case when the flag is case-insensitive', () => {
    const spec: AnswerSpec = { type: 'text', accept: ['Flag{X}'], caseSensitive: false, exact: true };
    expect(correct(spec, 'FLAG{x}')).toBe(true);
  });

  it('matches a regex against the input as typed', () => {
    const spec: AnswerSpec = { type: 'regex', pattern: 'a b', flags: '', exact: true };
    expect(correct(spec, 'a b')).toBe(true);
    expect(correct(spec, 'a  b')).toBe(false);
    expect(correct({ ...spec, exact: false }, 'a  b')).toBe(true);
  });
});

describe('checkAnswer: firstMatch (Python re.match, as CTFd checks regex flags)', () => {
  it('refuses an input that only a later alternative matches whole', () => {
    const spec: AnswerSpec = { type: 'regex', pattern: 'flag\\{a\\}|flag\\{a\\}b', flags: '', firstMatch: true };
    expect(correct(spec, 'flag{a}')).toBe(true);
    expect(correct(spec, 'flag{a}b')).toBe(false);
    expect(correct({ ...spec, firstMatch: false }, 'flag{a}b')).toBe(true);
  });

  it('refuses an input whose first match at the start is shorter, as a lazy quantifier makes it', () => {
    const spec: AnswerSpec = { type: 'regex', pattern: 'flag\\{.+?\\}', flags: '', firstMatch: true };
    expect(correct(spec, 'flag{x}')).toBe(true);
    expect(correct(spec, 'flag{x}}')).toBe(false);
  });

  it('matches only from the start, even with the multiline flag', () => {
    const spec: AnswerSpec = { type: 'regex', pattern: '^b', flags: 'm', firstMatch: true };
    expect(correct(spec, 'b')).toBe(true);
    expect(correct(spec, 'a\nb')).toBe(false);
  });

  it('honours case-insensitivity', () => {
    expect(correct({ type: 'regex', pattern: 'flag\\{x\\}', flags: 'i', firstMatch: true }, 'FLAG{X}')).toBe(true);
  });
});
