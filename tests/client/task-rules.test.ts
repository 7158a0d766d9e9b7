import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../client/api-types.ts';
import { dictionaries, format } from '../../client/i18n/index.ts';
import { type Breakdown, breakdownOf, closedLine, type Line, releaseDue, releaseLine, rulesLines, wrongFeedback } from '../../client/app/task-rules.ts';

type RulesTask = Parameters<typeof rulesLines>[0];

const task = (overrides: Partial<RulesTask> = {}): RulesTask => ({
  rules: { attempts: 3, wrongPenalty: 25 },
  attemptsLeft: 2,
  wrong: { count: 1, penalty: 25 },
  answer: { type: 'choice', options: [], multiple: false } as unknown as TaskView['answer'],
  solved: false,
  closed: false,
  ...overrides,
});

const words = (lines: readonly Line[] | null, lang: 'en' | 'ja') => (lines ?? []).map((l) => format(dictionaries[lang][l.key], l.params, lang)).join(' ');

describe('rulesLines', () => {
  it('says the attempts left, the price of a wrong answer and what wrong answers cost so far, in both languages', () => {
    expect(words(rulesLines(task()), 'en')).toBe('2 of 3 attempts left Each wrong answer: −25 points Wrong answers so far: 1 (−25)');
    expect(words(rulesLines(task()), 'ja')).toBe('回答の残り回数: 2 回（全 3 回） 誤答 1 回につき −25 点 これまでの誤答: 1 回（−25 点）');
  });

  it('words a check task as checks', () => {
    const check = task({ answer: { type: 'check' } as unknown as TaskView['answer'] });
    expect(words(rulesLines(check), 'en')).toBe('2 of 3 checks left Each failed check: −25 points Failed checks so far: 1 (−25)');
    expect(words([closedLine({ rules: { attempts: 3, wrongPenalty: 0 }, answer: check.answer })], 'ja')).toBe(
      'このタスクはもう確認できません。チームで失敗できる 3 回をすべて使いました。',
    );
  });

  it('keeps only what wrong answers cost once the task is closed', () => {
    expect(words(rulesLines(task({ attemptsLeft: 0, wrong: { count: 3, penalty: 75 }, closed: true })), 'en')).toBe('Wrong answers so far: 3 (−75)');
  });

  it('says nothing for a task without rules, or once it is solved', () => {
    expect(rulesLines(task({ rules: { attempts: null, wrongPenalty: 0 }, attemptsLeft: null, wrong: { count: 4, penalty: 0 } }))).toEqual([]);
    expect(rulesLines(task({ solved: true }))).toEqual([]);
  });
});

describe('wrongFeedback', () => {
  it('counts down the attempts left and says when the last one went', () => {
    expect(words([wrongFeedback(1, false) as Line], 'en')).toBe('Not quite. Attempts left: 1.');
    expect(words([wrongFeedback(0, false) as Line], 'ja')).toBe('不正解です。チームはこのタスクの回答回数をすべて使いました。');
    expect(wrongFeedback(undefined, false)).toBeNull();
  });
});

/** A breakdown as the card words it (task-card-parts.ts renderBreakdown). */
const sum = (b: Breakdown | null, lang: 'en' | 'ja') =>
  b && `${b.points} ${words(b.parts, lang)} = ${b.awarded}${b.floored ? ` ${dictionaries[lang]['breakdown.floor']}` : ''}`;

describe('breakdownOf', () => {
  it('reads "100 − 20 clue − 10 wrong = 70", and in Japanese with ヒント and 誤答', () => {
    const b = breakdownOf({ points: 100, clues: 20, wrong: 10, awarded: 70 }, false);
    expect(sum(b, 'en')).toBe('100 − 20 clue − 10 wrong = 70');
    expect(sum(b, 'ja')).toBe('100 − ヒント 20 − 誤答 10 = 70');
  });

  it('leaves out what was not taken, says why an award stopped at 0, and is absent when nothing was taken', () => {
    expect(sum(breakdownOf({ points: 100, clues: 0, wrong: 40, awarded: 60 }, true), 'en')).toBe('100 − 40 failed checks = 60');
    expect(sum(breakdownOf({ points: 100, clues: 80, wrong: 50, awarded: 0 }, false), 'en')).toBe('100 − 80 clue − 50 wrong = 0 (an award never goes below 0)');
    expect(breakdownOf({ points: 100, clues: 0, wrong: 0, awarded: 100 }, false)).toBeNull();
    expect(breakdownOf(undefined, false)).toBeNull();
  });
});

describe('releaseLine', () => {
  const MIN = 60_000;

  it('counts whole minutes down from when the task was fetched while the event runs', () => {
    expect(words([releaseLine(12 * MIN, 0, 0, 'running') as Line], 'en')).toBe('free in 12 min');
    expect(words([releaseLine(12 * MIN, 0, 90_000, 'running') as Line], 'ja')).toBe('あと 11 分で無料');
    expect(words([releaseLine(10_000, 0, 9_000, 'running') as Line], 'en')).toBe('free in 1 min');
  });

  it('stands still while the event is paused, and says nothing without a release ahead', () => {
    expect(words([releaseLine(12 * MIN, 0, 30 * MIN, 'paused') as Line], 'en')).toBe('free after 12 more min of play');
    expect(releaseLine(null, 0, 0, 'running')).toBeNull();
    expect(releaseLine(5 * MIN, 0, 0, 'ended')).toBeNull();
  });

  it('knows when a counted-down release came due, so the card asks the server again', () => {
    expect(releaseDue(5 * MIN, 0, 5 * MIN - 1, 'running')).toBe(false);
    expect(releaseDue(5 * MIN, 0, 5 * MIN, 'running')).toBe(true);
    expect(releaseDue(5 * MIN, 0, 10 * MIN, 'paused')).toBe(false);
  });
});
