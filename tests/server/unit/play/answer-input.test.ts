import { describe, expect, it } from 'vitest';
import { parseAnswerInput } from '../../../../server/features/play/answers.ts';

describe('parseAnswerInput', () => {
  it('passes well-formed payloads through with their type', () => {
    expect(parseAnswerInput('text', 'HTTP 307')).toEqual({ ok: true, value: 'HTTP 307' });
    expect(parseAnswerInput('number', 1000)).toEqual({ ok: true, value: 1000 });
    expect(parseAnswerInput('number', '１，０００')).toEqual({ ok: true, value: '１，０００' });
    expect(parseAnswerInput('choice', ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseAnswerInput('order', [])).toEqual({ ok: true, value: [] });
    expect(parseAnswerInput('match', { l1: 'r1' })).toEqual({ ok: true, value: { l1: 'r1' } });
    expect(parseAnswerInput('lab', 'JAM{x}')).toEqual({ ok: true, value: 'JAM{x}' });
  });

  it('names the field and what was expected when the JSON type is wrong', () => {
    const cases: [Parameters<typeof parseAnswerInput>[0], unknown, string][] = [
      ['text', 307, 'a string'],
      ['regex', null, 'a string'],
      ['lab', { flag: 'x' }, 'a string'],
      ['number', true, 'a number'],
      ['number', [1], 'a number'],
      ['choice', 'a', 'an array of option ids'],
      ['order', { 0: 'a' }, 'an array of item ids'],
      ['match', ['l1', 'r1'], 'an object mapping left ids to right ids'],
      ['match', { l1: 1 }, 'an object mapping left ids to right ids'],
    ];
    for (const [type, raw, expected] of cases) {
      const result = parseAnswerInput(type, raw);
      expect(result.ok, `${type} ${JSON.stringify(raw)}`).toBe(false);
      if (!result.ok) expect(result.message).toMatch(new RegExp(`^answer must be ${expected}`));
    }
  });

  it('refuses strings over 1000 characters and lists over 50 items or with long ids', () => {
    expect(parseAnswerInput('text', 'x'.repeat(1000)).ok).toBe(true);
    expect(parseAnswerInput('text', 'x'.repeat(1001)).ok).toBe(false);
    expect(parseAnswerInput('number', '1'.repeat(1001)).ok).toBe(false);
    expect(
      parseAnswerInput(
        'choice',
        Array.from({ length: 50 }, (_, i) => `o${i}`),
      ).ok,
    ).toBe(true);
    expect(
      parseAnswerInput(
        'choice',
        Array.from({ length: 51 }, (_, i) => `o${i}`),
      ).ok,
    ).toBe(false);
    expect(parseAnswerInput('order', ['x'.repeat(101)]).ok).toBe(false);
  });

  it('refuses match answers with more than 50 pairs', () => {
    const pairs = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`l${i}`, `r${i}`]));
    expect(parseAnswerInput('match', pairs(50)).ok).toBe(true);
    expect(parseAnswerInput('match', pairs(51)).ok).toBe(false);
  });
});
