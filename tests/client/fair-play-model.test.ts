import { describe, expect, it } from 'vitest';
import type { ChallengeSummary } from '../../client/api-types.ts';
import { eventMinute, lockReasons, nextOpeningDelay } from '../../client/app/board-model.ts';
import { keyLines, type PreviewKey } from '../../client/admin/preview-format.ts';
import { adminEn } from '../../client/i18n/admin.en.ts';
import { adminJa } from '../../client/i18n/admin.ja.ts';
import { format, type MessageKey, type Params } from '../../client/i18n/index.ts';

const card = (id: string, lock: ChallengeSummary['lock']): ChallengeSummary => ({
  id,
  title: id,
  category: 'C',
  difficulty: 'easy',
  points: 100,
  solvedTasks: 0,
  totalTasks: 1,
  summary: '',
  source: '',
  locked: lock !== null,
  lock,
});

describe('locked cards', () => {
  it('word the reasons: the challenges to solve first, then the time into the event', () => {
    const lock = {
      after: [
        { id: 'w', title: 'Warm-up' },
        { id: 'b', title: 'Basics' },
      ],
      atMinute: 90,
      opensInMs: 60_000,
    };
    expect(lockReasons(lock, ' and ')).toEqual([
      { key: 'board.lock.after', values: { titles: 'Warm-up and Basics' } },
      { key: 'board.lock.time', values: { time: '1:30' } },
    ]);
    expect(lockReasons(null, ' and ')).toEqual([]);
    expect(eventMinute(5)).toBe('0:05');
  });

  it('ask the server again just after the soonest time lock comes due', () => {
    expect(
      nextOpeningDelay([
        card('a', null),
        card('b', { after: [], atMinute: 90, opensInMs: 120_000 }),
        card('c', { after: [], atMinute: 60, opensInMs: 30_000 }),
      ]),
    ).toBe(30_500);
    expect(nextOpeningDelay([card('a', { after: [{ id: 'w', title: 'W' }], atMinute: null, opensInMs: null })])).toBeNull();
  });
});

describe('keyLines', () => {
  const en = (key: MessageKey, params?: Params) => format(adminEn[key as keyof typeof adminEn], params, 'en');
  const ja = (key: MessageKey, params?: Params) => format(adminJa[key as keyof typeof adminJa], params, 'ja');
  const labelled = (id: string, en: string, ja: string) => ({ id, label: { en, ja } });

  it('says every accepted answer with the settings that change the comparison', () => {
    const key: PreviewKey = {
      type: 'any',
      of: [
        { type: 'text', accept: ['flag{a  b}'], caseSensitive: true, exact: true },
        { type: 'regex', pattern: 'flag\\{a\\}', flags: 'i', firstMatch: true },
      ],
    };
    expect(keyLines(key, 'en', en)).toEqual(['flag{a  b} (case-sensitive) (compared as typed)', '/flag\\{a\\}/i (first match)']);
    expect(keyLines(key, 'ja', ja)).toEqual(['flag{a  b} (大文字と小文字を区別) (入力どおりに比較)', '/flag\\{a\\}/i (最初の一致)']);
  });

  it('names options, items and pairs by their labels in the reader’s language', () => {
    const options = [labelled('a', 'Alpha', 'アルファ'), labelled('b', 'Beta', 'ベータ')];
    expect(keyLines({ type: 'choice', options, correct: ['b'] }, 'ja', ja)).toEqual(['ベータ']);
    expect(keyLines({ type: 'order', items: options }, 'en', en)).toEqual(['1. Alpha', '2. Beta']);
    expect(keyLines({ type: 'match', left: options, right: [labelled('x', 'X', 'エックス')], pairs: { a: 'x', b: 'x' } }, 'en', en)).toEqual([
      'Alpha → X',
      'Beta → X',
    ]);
    expect(keyLines({ type: 'number', value: 7, tolerance: 0, unit: { en: 'times', ja: '倍' } }, 'ja', ja)).toEqual(['7 倍']);
    expect(keyLines({ type: 'lab', lab: 'ecr', previewFlag: 'JAM{x}' }, 'en', en)).toEqual(['the preview’s flag JAM{x} (each team gets its own)']);
  });
});
