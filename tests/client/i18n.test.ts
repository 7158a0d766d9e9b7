import { describe, expect, it } from 'vitest';
import { en } from '../../client/i18n/en.ts';
import { ja } from '../../client/i18n/ja.ts';
import { detectLang, dictionaries, format, formatParts, LANGS, placeholders } from '../../client/i18n/index.ts';

const enKeys = Object.keys(en).sort();

describe('UI dictionaries', () => {
  it.each(LANGS)('give every key a non-empty string in %s', (lang) => {
    const dict = dictionaries[lang] as Record<string, unknown>;
    const missing = enKeys.filter((key) => typeof dict[key] !== 'string' || (dict[key] as string).trim() === '');
    expect(missing).toEqual([]);
  });

  it('have exactly the same keys in English and Japanese', () => {
    expect(Object.keys(ja).sort()).toEqual(enKeys);
  });

  it('use the same placeholders for a key in both languages', () => {
    const differing = enKeys.filter((key) => {
      const k = key as keyof typeof en;
      return placeholders(en[k]).join(',') !== placeholders(ja[k]).join(',');
    });
    expect(differing).toEqual([]);
  });

  it('translate every Japanese string rather than copying the English', () => {
    const sameOnPurpose = new Set(['app.name', 'lang.en', 'lang.ja']);
    const copied = enKeys.filter((key) => {
      const k = key as keyof typeof en;
      return !sameOnPurpose.has(key) && en[k] === ja[k];
    });
    expect(copied).toEqual([]);
  });

  it('use the fixed Japanese terms wherever the English names the concept', () => {
    const terms: Array<[RegExp, string]> = [
      [/\bchallenges?\b/i, 'チャレンジ'],
      [/\btasks?\b/i, 'タスク'],
      [/\bclues?\b/i, 'ヒント'],
      [/\bscores?\b/i, 'スコア'],
      [/\branks?\b/i, '順位'],
      [/\bteams?\b/i, 'チーム'],
      [/\btime left\b/i, '残り時間'],
      [/\b(frozen|freeze)\b/i, '凍結'],
    ];
    const misses: string[] = [];
    for (const key of enKeys) {
      const k = key as keyof typeof en;
      // Placeholder names such as {task} are not words the reader sees.
      const visible = en[k].replace(/\{\w+\}/g, '');
      for (const [pattern, term] of terms) {
        if (pattern.test(visible) && !ja[k].includes(term)) misses.push(`${key}: ${term}`);
      }
    }
    expect(misses).toEqual([]);
    expect(ja['challenge.submit']).toBe('回答する');
    expect(ja['event.frozen']).toBe('凍結中');
  });

  it('end Japanese sentences in the polite form', () => {
    const plain = enKeys.filter((key) => {
      const value = ja[key as keyof typeof ja];
      return value.endsWith('。') && !/(です|ます|ません|ください|でした|ました)。$/.test(value);
    });
    expect(plain).toEqual([]);
  });
});

describe('format', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    expect(format('{name} solved {task} (+{points})', { name: 'Kumo', task: 'ECR', points: 1200 }, 'en')).toBe('Kumo solved ECR (+1,200)');
    expect(format('{points} 点', { points: 1200 }, 'ja')).toBe('1,200 点');
  });

  it('leaves unknown placeholders visible instead of dropping text', () => {
    expect(format('Clue {index} (−{penalty})', { index: 1 }, 'en')).toBe('Clue 1 (−{penalty})');
  });
});

describe('formatParts', () => {
  it('keeps parameter values as they are, in the order the language puts them', () => {
    const team = { bold: 'Kumo' };
    const title = { italic: 'ECR' };
    expect(formatParts(ja['screen.ticker.solved'], { team, challenge: title, task: 2 })).toEqual([team, ' が「', title, '」の「', 2, '」に正解しました']);
  });
});

describe('detectLang', () => {
  it('prefers an explicit choice, then the remembered one, then the browser', () => {
    expect(detectLang('ja', 'en', ['en-US'])).toBe('ja');
    expect(detectLang(null, 'ja', ['en-US'])).toBe('ja');
    expect(detectLang('xx', null, ['fr-FR', 'ja-JP'])).toBe('ja');
    expect(detectLang(null, null, ['fr-FR'])).toBe('en');
  });
});
