import { describe, expect, it } from 'vitest';
import type { AnswerSpec } from '../../../../server/features/challenges/challenge.ts';
import { checkAnswer, compileAnswerPattern, MAX_REGEX_INPUT_LENGTH } from '../../../../server/features/play/answers.ts';

const correct = (spec: AnswerSpec, input: unknown, labFlag?: string) => checkAnswer(spec, input, { labFlag }).correct;

describe('checkAnswer: text', () => {
  const spec: AnswerSpec = { type: 'text', accept: ['HTTP 307', 'Temporary Redirect'], caseSensitive: false };

  it('accepts an accepted value ignoring case, surrounding space and repeated spaces', () => {
    expect(correct(spec, 'http 307')).toBe(true);
    expect(correct(spec, '  temporary\t\n  redirect ')).toBe(true);
  });

  it('accepts full-width letters, digits and the ideographic space as typed on Japanese keyboards', () => {
    expect(correct(spec, 'ＨＴＴＰ　３０７')).toBe(true);
    expect(correct(spec, '\u3000ｈｔｔｐ\u3000\u3000３０７\u3000')).toBe(true);
  });

  it('normalises the accepted values too, so a full-width key matches ASCII input', () => {
    expect(correct({ type: 'text', accept: ['３０７'], caseSensitive: false }, '307')).toBe(true);
    expect(correct({ type: 'text', accept: ['  a   b '], caseSensitive: false }, 'a b')).toBe(true);
  });

  it('refuses other text, including a value that only contains an accepted one', () => {
    expect(correct(spec, 'HTTP 308')).toBe(false);
    expect(correct(spec, 'HTTP 307 redirect')).toBe(false);
    expect(correct(spec, 'HTTP307')).toBe(false);
    expect(correct(spec, '')).toBe(false);
  });

  it('compares case exactly when caseSensitive is set', () => {
    const exact: AnswerSpec = { type: 'text', accept: ['ImagePullBackOff'], caseSensitive: true };
    expect(correct(exact, 'ImagePullBackOff')).toBe(true);
    expect(correct(exact, 'ＩｍａｇｅＰｕｌｌＢａｃｋＯｆｆ')).toBe(true);
    expect(correct(exact, 'imagepullbackoff')).toBe(false);
  });

  it('treats a payload of the wrong JSON type as incorrect', () => {
    expect(correct(spec, 307)).toBe(false);
    expect(correct(spec, ['HTTP 307'])).toBe(false);
    expect(correct(spec, null)).toBe(false);
  });
});

describe('checkAnswer: regex', () => {
  const spec: AnswerSpec = { type: 'regex', pattern: 'arn:aws:ecr:[a-z0-9-]+:\\d{12}:repository/.+', flags: 'i' };

  it('accepts input the pattern matches as a whole', () => {
    expect(correct(spec, 'arn:aws:ecr:us-east-1:123456789012:repository/web')).toBe(true);
    expect(correct(spec, 'ARN:AWS:ECR:us-east-1:123456789012:repository/web')).toBe(true);
  });

  it('refuses input the pattern matches only in part, even for an unanchored alternation', () => {
    expect(correct(spec, 'see arn:aws:ecr:us-east-1:123456789012:repository/web')).toBe(false);
    const alternation: AnswerSpec = { type: 'regex', pattern: 'cat|dog', flags: '' };
    expect(correct(alternation, 'dog')).toBe(true);
    expect(correct(alternation, 'catalog')).toBe(false);
    expect(correct(alternation, 'hotdog')).toBe(false);
  });

  it('matches against the normalised input, so full-width digits and spaces match', () => {
    const digits: AnswerSpec = { type: 'regex', pattern: '\\d{3} \\w+', flags: '' };
    expect(correct(digits, '　３０７　ｒｅｄｉｒｅｃｔ　')).toBe(true);
  });

  it('ignores stateful flags so repeated checks give the same answer', () => {
    const global: AnswerSpec = { type: 'regex', pattern: 'a+', flags: 'gy' };
    expect(correct(global, 'aaa')).toBe(true);
    expect(correct(global, 'aaa')).toBe(true);
  });

  it('refuses input longer than the cap without running the pattern', () => {
    const any: AnswerSpec = { type: 'regex', pattern: 'a*', flags: '' };
    expect(correct(any, 'a'.repeat(MAX_REGEX_INPUT_LENGTH))).toBe(true);
    expect(correct(any, 'a'.repeat(MAX_REGEX_INPUT_LENGTH + 1))).toBe(false);
  });

  it('refuses input whose normalised form grows past the cap', () => {
    // U+FDFA expands to 18 characters under NFKC.
    const any: AnswerSpec = { type: 'regex', pattern: '[\\s\\S]*', flags: '' };
    expect(correct(any, '\uFDFA'.repeat(30))).toBe(false);
  });

  it('compiles patterns in unicode mode, rejecting escapes that mode forbids', () => {
    expect(compileAnswerPattern('\\p{Script=Han}+', '').test('東京')).toBe(true);
    expect(() => compileAnswerPattern('\\-', '')).toThrow(SyntaxError);
    expect(compileAnswerPattern('[a-z]+', 'v').flags).toBe('v');
  });
});

describe('checkAnswer: number', () => {
  const spec: AnswerSpec = { type: 'number', value: 1000, tolerance: 0 };

  it('accepts a JSON number and plain or comma-grouped numeric strings', () => {
    for (const input of [1000, '1000', '1,000', ' 1000 ', '1000.0', '+1000']) {
      expect(correct(spec, input), JSON.stringify(input)).toBe(true);
    }
  });

  it('accepts full-width digits, commas and the ideographic space', () => {
    expect(correct(spec, '１０００')).toBe(true);
    expect(correct(spec, '１，０００')).toBe(true);
    expect(correct(spec, '\u3000１０００\u3000')).toBe(true);
  });

  it('refuses spaces inside the number, misplaced commas and other notations', () => {
    for (const input of ['1 000', '10,00', '1,0000', ',1000', '1e3', '0x3e8', 'Infinity', '1000abc', '', '-', '.']) {
      expect(correct(spec, input), JSON.stringify(input)).toBe(false);
    }
  });

  it('reads decimals and negatives, including full-width and typographic minus signs', () => {
    const negative: AnswerSpec = { type: 'number', value: -2.5, tolerance: 0 };
    expect(correct(negative, '-2.5')).toBe(true);
    expect(correct(negative, '－２．５')).toBe(true);
    expect(correct(negative, '\u22122.5')).toBe(true);
    expect(correct(negative, '2.5')).toBe(false);
    expect(correct({ type: 'number', value: 0.5, tolerance: 0 }, '.5')).toBe(true);
  });

  it('accepts exactly the tolerance either side and nothing beyond', () => {
    const around: AnswerSpec = { type: 'number', value: 10, tolerance: 0.5 };
    expect(correct(around, '9.5')).toBe(true);
    expect(correct(around, '10.5')).toBe(true);
    expect(correct(around, '9.49')).toBe(false);
    expect(correct(around, '10.51')).toBe(false);
  });

  it('does not lose a tolerance edge to binary rounding', () => {
    const spec11: AnswerSpec = { type: 'number', value: 1.1, tolerance: 0.1 };
    expect(correct(spec11, '1.0')).toBe(true);
    expect(correct(spec11, '1.2')).toBe(true);
    expect(correct(spec11, '1.21')).toBe(false);
  });

  it('accepts the task unit after the number, and no other unit', () => {
    const times: AnswerSpec = { type: 'number', value: 7, tolerance: 0, unit: { en: 'times', ja: '倍' } };
    expect(correct(times, '7 times')).toBe(true);
    expect(correct(times, '7倍')).toBe(true);
    expect(correct(times, '７倍')).toBe(true);
    expect(correct(times, '8倍')).toBe(false);
    expect(correct(times, '7times')).toBe(true);
    expect(correct(times, '７　Ｔｉｍｅｓ')).toBe(true);
    expect(correct(times, '7')).toBe(true);
    expect(correct(times, '7 seconds')).toBe(false);
    expect(correct({ type: 'number', value: 7, tolerance: 0 }, '7 times')).toBe(false);
  });

  it('treats non-numeric payload types as incorrect', () => {
    expect(correct(spec, [1000])).toBe(false);
    expect(correct(spec, { value: 1000 })).toBe(false);
    expect(correct(spec, true)).toBe(false);
  });
});

describe('checkAnswer: choice', () => {
  const single: AnswerSpec = {
    type: 'choice',
    options: [
      { id: 'a', label: { en: 'A' } },
      { id: 'b', label: { en: 'B' } },
      { id: 'c', label: { en: 'C' } },
    ],
    correct: ['b'],
  };
  const multi: AnswerSpec = { ...single, correct: ['a', 'c'] };

  it('accepts the chosen set equal to the correct one, in any order, ignoring duplicates', () => {
    expect(correct(single, ['b'])).toBe(true);
    expect(correct(multi, ['c', 'a'])).toBe(true);
    expect(correct(multi, ['a', 'c', 'a'])).toBe(true);
  });

  it('refuses a subset, a superset, unknown ids and an empty choice', () => {
    expect(correct(multi, ['a'])).toBe(false);
    expect(correct(multi, ['a', 'b', 'c'])).toBe(false);
    expect(correct(single, ['b', 'zzz'])).toBe(false);
    expect(correct(single, [])).toBe(false);
  });

  it('refuses a bare id string instead of a list', () => {
    expect(correct(single, 'b')).toBe(false);
  });
});

describe('checkAnswer: order', () => {
  const spec: AnswerSpec = {
    type: 'order',
    items: ['auth', 'manifest', 'layers', 'run'].map((id) => ({ id, label: { en: id } })),
  };

  it('accepts exactly the authored sequence', () => {
    expect(correct(spec, ['auth', 'manifest', 'layers', 'run'])).toBe(true);
  });

  it('refuses any other sequence, a missing item, a repeated item or an extra one', () => {
    expect(correct(spec, ['manifest', 'auth', 'layers', 'run'])).toBe(false);
    expect(correct(spec, ['auth', 'manifest', 'layers'])).toBe(false);
    expect(correct(spec, ['auth', 'manifest', 'layers', 'layers'])).toBe(false);
    expect(correct(spec, ['auth', 'manifest', 'layers', 'run', 'run'])).toBe(false);
  });
});

describe('checkAnswer: match', () => {
  const spec: AnswerSpec = {
    type: 'match',
    left: [
      { id: 'l1', label: { en: '1' } },
      { id: 'l2', label: { en: '2' } },
    ],
    right: [
      { id: 'r1', label: { en: 'x' } },
      { id: 'r2', label: { en: 'y' } },
      { id: 'r3', label: { en: 'z' } },
    ],
    pairs: { l1: 'r2', l2: 'r1' },
  };

  it('accepts every left id mapped to its right id', () => {
    expect(correct(spec, { l2: 'r1', l1: 'r2' })).toBe(true);
  });

  it('refuses a wrong pair, a missing pair or an extra key', () => {
    expect(correct(spec, { l1: 'r1', l2: 'r2' })).toBe(false);
    expect(correct(spec, { l1: 'r2' })).toBe(false);
    expect(correct(spec, { l1: 'r2', l2: 'r1', l3: 'r3' })).toBe(false);
    expect(correct(spec, { l1: 'r2', l2: 'r1', toString: 'r3' })).toBe(false);
  });

  it('refuses a list of pairs instead of an object', () => {
    expect(
      correct(spec, [
        ['l1', 'r2'],
        ['l2', 'r1'],
      ]),
    ).toBe(false);
  });
});

describe('checkAnswer: lab', () => {
  const spec: AnswerSpec = { type: 'lab', lab: 'ecr-registry' };

  it('accepts the flag derived for this team, ignoring surrounding whitespace', () => {
    expect(correct(spec, ' JAM{a1b2c3} \n', 'JAM{a1b2c3}')).toBe(true);
  });

  it('refuses another flag, a flag differing in case, and any input when no flag is known', () => {
    expect(correct(spec, 'JAM{zzzzzz}', 'JAM{a1b2c3}')).toBe(false);
    expect(correct(spec, 'jam{a1b2c3}', 'JAM{a1b2c3}')).toBe(false);
    expect(correct(spec, 'JAM{a1b2c3}')).toBe(false);
    expect(correct(spec, '', '')).toBe(false);
  });
});
