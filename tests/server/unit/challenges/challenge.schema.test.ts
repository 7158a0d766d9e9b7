import { describe, expect, it } from 'vitest';
import { challengeFileSchema, localizedText } from '../../../../server/features/challenges/challenge.schema.ts';

const minimal = {
  id: 'min',
  title: 'Minimal',
  category: 'Fixtures',
  difficulty: 'easy',
  source: 'Fixture',
  summary: 'Smallest valid challenge.',
  tasks: [{ id: 't', title: 'T', prompt: 'P', points: 1, answer: { type: 'lab', lab: 'registry' } }],
};

describe('localizedText', () => {
  it('accepts a plain string as English and a map with one or both languages', () => {
    expect(localizedText.parse('Hello')).toEqual({ en: 'Hello' });
    expect(localizedText.parse({ ja: 'こんにちは' })).toEqual({ ja: 'こんにちは' });
    expect(localizedText.parse({ en: 'Hi', ja: 'やあ' })).toEqual({ en: 'Hi', ja: 'やあ' });
  });

  it('rejects an empty map, an unknown language, an empty text and a number', () => {
    const messages = (input: unknown) => localizedText.safeParse(input).error?.issues.map((i) => [i.path, i.message]);
    expect(messages({})).toEqual([[[], 'text needs at least one language (en, ja)']]);
    expect(messages({ en: 'x', fr: 'y' })).toEqual([[['fr'], 'unknown language "fr"; expected en or ja']]);
    expect(messages({ en: ' ' })).toEqual([[['en'], 'text is empty']]);
    expect(messages(42)).toEqual([[[], 'expected text: a string or a map of en/ja to strings, got number 42']]);
  });
});

describe('challengeFileSchema', () => {
  it('accepts the smallest valid challenge and fills in tags and clues', () => {
    const parsed = challengeFileSchema.parse(minimal);
    expect(parsed.tags).toEqual([]);
    expect(parsed.tasks[0]!.clues).toEqual([]);
  });

  it('rejects unknown keys at every level so typos are caught', () => {
    const withTypos = {
      ...minimal,
      summery: 'typo',
      tasks: [{ ...minimal.tasks[0], answer: { type: 'text', accept: ['x'], caseSensitve: true } }],
    };
    const issues = challengeFileSchema.safeParse(withTypos).error!.issues;
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['unrecognized_keys', ['tasks', 0, 'answer']],
      ['unrecognized_keys', []],
    ]);
  });

  it('accepts whole numbers as option ids and stores them as text', () => {
    const parsed = challengeFileSchema.parse({
      ...minimal,
      tasks: [
        {
          ...minimal.tasks[0],
          answer: {
            type: 'choice',
            options: [
              { id: 1, label: 'One' },
              { id: 2, label: 'Two' },
            ],
            correct: [2],
          },
        },
      ],
    });
    expect(parsed.tasks[0]!.answer).toMatchObject({ options: [{ id: '1' }, { id: '2' }], correct: ['2'] });
  });

  it('refuses stateful regex flags', () => {
    const result = challengeFileSchema.safeParse({
      ...minimal,
      tasks: [{ ...minimal.tasks[0], answer: { type: 'regex', pattern: 'x', flags: 'g' } }],
    });
    expect(result.error?.issues[0]?.message).toBe('regex flags may only be d, i, m, s, u, v');
  });
});
