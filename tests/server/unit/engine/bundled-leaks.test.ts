import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallengeTree, type LoadResult } from '../../../../server/features/challenges/challenge.loader.ts';
import type { ChallengeDefinition, TaskDefinition } from '../../../../server/features/challenges/challenge.ts';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';
import { GIVEAWAYS, REGEX_KNOWN_GOOD } from './bundled-keys.ts';
import { containsTerm, numberForms, plain, readableBefore } from './bundled-text.ts';

/**
 * Leak-free: no accepted answer may appear in what a team can read before solving its task
 * (see `readableBefore`). Text keys are checked value by value, regex keys by the inputs a
 * player would type, number keys with their unit (and bare when the number is distinctive),
 * and choice, order and match keys by the phrases that would state them (`GIVEAWAYS`).
 */
let tree: LoadResult;
const tasks = () => tree.challenges.flatMap((c) => c.definition.tasks.map((task) => ({ challenge: c.definition, task })));
const key = (challenge: ChallengeDefinition, task: TaskDefinition) => `${challenge.id}/${task.id}`;

beforeAll(async () => {
  tree = await loadChallengeTree(BUNDLED_CHALLENGES, { requireLanguages: ['en', 'ja'] });
});

/** The texts that would hand over the key of `task`, plain. */
function forbidden(challenge: ChallengeDefinition, task: TaskDefinition): string[] {
  const spec = task.answer;
  switch (spec.type) {
    case 'text':
      return spec.accept.map(plain);
    case 'regex':
      return (REGEX_KNOWN_GOOD[key(challenge, task)]?.good ?? []).map(plain);
    case 'number':
      return numberForms(spec.value, spec.unit);
    case 'choice':
    case 'order':
    case 'match': {
      const phrases = GIVEAWAYS[key(challenge, task)];
      return [...(phrases?.en ?? []), ...(phrases?.ja ?? [])].map(plain);
    }
    case 'lab':
    case 'check':
      // Keys that live in the team's lab (a derived flag, the lab's state) cannot be stated in a text.
      return [];
    case 'any':
      return spec.of.flatMap((answer) => (answer.type === 'text' ? answer.accept : (REGEX_KNOWN_GOOD[key(challenge, task)]?.good ?? []))).map(plain);
  }
}

describe('the bundled challenge set is leak-free', () => {
  it('lists the phrases that would give away every choice, order and match task', () => {
    const missing = tasks()
      .filter(({ task }) => ['choice', 'order', 'match'].includes(task.answer.type))
      .filter(({ challenge, task }) => {
        const phrases = GIVEAWAYS[key(challenge, task)];
        return !phrases || phrases.en.length === 0 || phrases.ja.length === 0;
      })
      .map(({ challenge, task }) => key(challenge, task));
    expect(missing, 'add en and ja giveaway phrases to GIVEAWAYS in bundled-keys.ts').toEqual([]);
    const known = new Set(tasks().map(({ challenge, task }) => key(challenge, task)));
    expect(Object.keys(GIVEAWAYS).filter((k) => !known.has(k))).toEqual([]);
  });

  it('takes each giveaway list from how the task itself states its key, in both languages', () => {
    const unrealistic: string[] = [];
    for (const { challenge, task } of tasks()) {
      const phrases = GIVEAWAYS[key(challenge, task)];
      if (!phrases) continue;
      for (const language of ['en', 'ja'] as const) {
        const debrief = plain(task.debrief[language] ?? '');
        if (!phrases[language].some((phrase) => containsTerm(debrief, plain(phrase)))) unrealistic.push(`${key(challenge, task)} (${language})`);
      }
    }
    expect(unrealistic, 'at least one phrase per language must occur in the task’s own debrief').toEqual([]);
  });

  it('finds a giveaway phrase when a text states it, so the check is not vacuous', () => {
    const sample = tasks().find(({ task }) => task.answer.type === 'text');
    expect(sample).toBeDefined();
    const { challenge, task } = sample!;
    const stated = forbidden(challenge, task)[0]!;
    expect(containsTerm(plain(`The answer is **${stated}**.`), stated)).toBe(true);
    expect(containsTerm('research', 'arc')).toBe(false);
    expect(containsTerm('cost 1,400 yen or 40.5 yen', '40')).toBe(false);
    expect(containsTerm('最大 40% 安い', '40%')).toBe(true);
  });

  it('never shows a key in the briefing, summary, source, prompts, clues, labels or other debriefs', () => {
    const leaks: string[] = [];
    for (const { challenge, task } of tasks()) {
      const passages = readableBefore(challenge, task);
      for (const needle of forbidden(challenge, task)) {
        for (const passage of passages) {
          if (containsTerm(passage.text, needle)) leaks.push(`${key(challenge, task)}: "${needle}" in ${passage.where}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('states each text and number key once in the set, so the keys vary', () => {
    const seen = new Map<string, string[]>();
    for (const { challenge, task } of tasks()) {
      const spec = task.answer;
      const keys =
        spec.type === 'text'
          ? spec.accept.map(plain)
          : spec.type === 'number'
            ? [`${spec.value} ${plain(spec.unit?.en ?? '')}`]
            : spec.type === 'regex'
              ? (REGEX_KNOWN_GOOD[key(challenge, task)]?.good.slice(0, 1) ?? []).map(plain)
              : [];
      for (const k of new Set(keys)) seen.set(k, [...(seen.get(k) ?? []), key(challenge, task)]);
    }
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });

  it('keeps Markdown out of titles and summaries, which are shown as plain text', () => {
    const marked = /\*\*|`|\[[^\]]*\]\(|(^|\s)_[^_\s][^_]*_(\s|$)|^#/m;
    const found: string[] = [];
    for (const { definition } of tree.challenges) {
      const plainTexts = [
        ['title', definition.title],
        ['summary', definition.summary],
        ...definition.tasks.map((t) => [`${t.id} title`, t.title] as const),
      ] as const;
      for (const [where, text] of plainTexts) {
        for (const [language, value] of Object.entries(text)) if (value && marked.test(value)) found.push(`${definition.id} ${where} (${language})`);
      }
    }
    expect(found).toEqual([]);
  });
});
