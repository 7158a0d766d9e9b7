import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPayload } from '../../client/app/answer-model.ts';
import type { AnswerSpec, Language } from '../../server/features/challenges/challenge.ts';
import { readNumberAnswer } from '../../server/features/play/number.ts';
import { publicAnswer } from '../../server/features/play/public-answer.ts';

/**
 * The player's browser refuses a typed number exactly when the server would not read it as
 * one: the client checks with the server's parser and the unit spellings the public answer
 * carries, so a player is neither blocked on an answer the server takes nor charged an
 * attempt for one it cannot read.
 */
const SPECS: AnswerSpec[] = [
  { type: 'number', value: 3, tolerance: 0, unit: { en: 'AZs', ja: 'AZ' } },
  { type: 'number', value: 50, tolerance: 0, unit: { en: '%' } },
  { type: 'number', value: 7, tolerance: 0, unit: { en: 'times', ja: '倍' } },
  { type: 'number', value: -5, tolerance: 0 },
  { type: 'number', value: 1000, tolerance: 0, unit: { en: 'ms' } },
  { type: 'number', value: 597.43, tolerance: 6, unit: { en: 'USD', ja: 'ドル' } },
  { type: 'number', value: 128, tolerance: 0, unit: { en: 'GiB' } },
  { type: 'number', value: 0, tolerance: 0, unit: { en: 'GB' } },
];
const LANGUAGES: Language[] = ['en', 'ja'];

function clientAccepts(spec: AnswerSpec, language: Language, text: string): boolean {
  const shown = publicAnswer(spec, language, 'seed');
  if (shown.type !== 'number') throw new Error('a number task shows a number input');
  return toPayload(shown, { type: 'number', text }).ok;
}

function serverReads(spec: AnswerSpec, text: string): boolean {
  return spec.type === 'number' && readNumberAnswer(text, spec.unit) !== undefined;
}

describe('the number answers the client lets through', () => {
  it('are the ones the server reads, for the inputs the two used to disagree on', () => {
    const cases: [number, string, boolean][] = [
      [0, '3 AZs', true],
      [0, '3 AZ', true],
      [1, '50%', true],
      [1, '50 percent', true],
      [2, '7 times', true],
      [2, '7倍', true],
      [2, '７ times', true],
      [3, '−5', true],
      [3, '-5', true],
      [4, '1,000', true],
      [4, '１，０００', true],
      [4, '1 000', false],
      [4, '1e3', false],
      [4, '10,00', false],
      [2, 'seven', false],
      [2, '7 apples', false],
      [5, '$597.43', true],
      [5, 'US$597.43', true],
      [5, '＄５９７．４３', true],
      [5, '597.43 dollars', true],
      [5, '¥597.43', false],
      [4, '$1000', false],
      [3, '$5', true],
      [7, '128GB', true],
      [6, '128GiB', true],
      [6, '128GB', false],
    ];
    for (const [spec, text, reads] of cases) {
      expect(serverReads(SPECS[spec] as AnswerSpec, text), text).toBe(reads);
      for (const language of LANGUAGES) expect(clientAccepts(SPECS[spec] as AnswerSpec, language, text), `${text} (${language})`).toBe(reads);
    }
  });

  it('are the ones the server reads, for any text typed in either language', () => {
    const piece = fc.constantFrom(
      ...['1', '7', '50', '000', ',', '.', ' ', '-', '−', '+', 'e', '%', 'times', '倍', 'AZ', 's', 'ms', '７', '，', 'つ', 'x'],
      ...['$', 'US$', '＄', '¥', '￥', '€', 'USD', 'dollars', 'ドル', 'GB', 'GiB', 'gb'],
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SPECS),
        fc.constantFrom(...LANGUAGES),
        fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('')),
        (spec, language, text) => {
          if (text.trim() === '') return;
          expect(clientAccepts(spec, language, text)).toBe(serverReads(spec, text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('what the page says about a number it will not send', () => {
  function problem(spec: AnswerSpec, language: Language, text: string) {
    const shown = publicAnswer(spec, language, 'seed');
    if (shown.type !== 'number') throw new Error('a number task shows a number input');
    const result = toPayload(shown, { type: 'number', text });
    return result.ok ? null : { key: result.problem, params: result.params };
  }

  it('names the task unit when the player wrote a number in another one', () => {
    const gib = SPECS[6] as AnswerSpec;
    const usd = SPECS[5] as AnswerSpec;
    expect(problem(gib, 'en', '128GB')).toEqual({ key: 'answer.number.otherUnit', params: { unit: 'GiB' } });
    expect(problem(usd, 'ja', '¥597')).toEqual({ key: 'answer.number.otherUnit', params: { unit: 'ドル' } });
    expect(problem(usd, 'en', '597 euros')).toEqual({ key: 'answer.number.otherUnit', params: { unit: 'USD' } });
  });

  it('asks for the number alone on a task without a unit, and for a number when there is none', () => {
    const plain = SPECS[3] as AnswerSpec;
    expect(problem(plain, 'en', '5 ms')).toEqual({ key: 'answer.number.noUnit', params: undefined });
    expect(problem(plain, 'en', 'seven')).toEqual({ key: 'answer.number.invalid', params: undefined });
    expect(problem(SPECS[4] as AnswerSpec, 'en', '1 000')).toEqual({ key: 'answer.number.invalid', params: undefined });
  });
});
