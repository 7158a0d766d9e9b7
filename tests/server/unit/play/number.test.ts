import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../../../server/features/play/number.ts';
import { normalizeText } from '../../../../server/features/play/normalize.ts';

const toFullWidth = (text: string) => text.replace(/[0-9,.-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('parseNumberText', () => {
  it('reads back any integer written with or without thousands separators, in either width', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        expect(parseNumberText(String(n))).toBe(n);
        expect(parseNumberText(grouped)).toBe(n);
        expect(parseNumberText(toFullWidth(grouped))).toBe(n);
      }),
    );
  });

  it('reads back decimals written with a point', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 999 }), (whole, frac) => {
        const text = `${whole < 0 ? '-' : ''}${Math.abs(whole)}.${String(frac).padStart(3, '0')}`;
        expect(parseNumberText(text)).toBe(Number(text));
      }),
    );
  });
});

describe('normalizeText', () => {
  it('is idempotent and leaves no leading, trailing or repeated whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
        expect(once).not.toMatch(/^\s|\s$|\s\s/u);
      }),
    );
  });
});

describe('parseNumberText with the task unit', () => {
  const times = { en: 'times', ja: '倍' };
  const people = { en: 'people', ja: '人' };
  const seconds = { en: 'seconds', ja: '秒' };
  const azs = { en: 'AZs', ja: 'AZ' };

  it('accepts the unit in any of its languages, with or without a space, in either width', () => {
    expect(parseNumberText('7倍', times)).toBe(7);
    expect(parseNumberText('７倍', times)).toBe(7);
    expect(parseNumberText('7 倍', times)).toBe(7);
    expect(parseNumberText('7 times', times)).toBe(7);
    expect(parseNumberText('4人', people)).toBe(4);
    expect(parseNumberText('１秒', seconds)).toBe(1);
    expect(parseNumberText('3 AZs', azs)).toBe(3);
    expect(parseNumberText('3AZ', azs)).toBe(3);
  });

  it('accepts the singular of an English plural unit', () => {
    expect(parseNumberText('1 second', seconds)).toBe(1);
    expect(parseNumberText('1 AZ', azs)).toBe(1);
  });

  it('accepts the Japanese general counters つ and 個 after a whole number', () => {
    expect(parseNumberText('3つ', azs)).toBe(3);
    expect(parseNumberText('３つ', azs)).toBe(3);
    expect(parseNumberText('3個', azs)).toBe(3);
    expect(parseNumberText('3.5つ', azs)).toBeUndefined();
    expect(parseNumberText('3つ')).toBeUndefined();
  });

  it('reads a percentage written with %, ％, percent or パーセント', () => {
    const percent = { en: '%' };
    for (const text of ['40%', '40 %', '４０％', '40 percent', '40パーセント', '3.2%']) {
      expect(parseNumberText(text, percent), text).toBe(Number.parseFloat(text.normalize('NFKC')));
    }
  });

  it('still takes a unit written as a plain string, as rows stored before units had languages', () => {
    expect(parseNumberText('7 times', 'times')).toBe(7);
  });

  it('rejects another unit, a unit alone, and a unit before the number', () => {
    expect(parseNumberText('7秒', times)).toBeUndefined();
    expect(parseNumberText('7 bananas', times)).toBeUndefined();
    expect(parseNumberText('倍', times)).toBeUndefined();
    expect(parseNumberText('倍7', times)).toBeUndefined();
    expect(parseNumberText('7倍倍', times)).toBeUndefined();
    expect(parseNumberText('7 time s', times)).toBeUndefined();
  });

  it('reads the task unit written straight after the number, as on a price tag or a spec sheet', () => {
    expect(parseNumberText('128GB', { en: 'GB' })).toBe(128);
    expect(parseNumberText('128gb', { en: 'GB' })).toBe(128);
    expect(parseNumberText('１２８ＧＢ', { en: 'GB' })).toBe(128);
    expect(parseNumberText('128GiB', { en: 'GiB' })).toBe(128);
    // GB is not GiB (7% apart): a near unit is another unit.
    expect(parseNumberText('128GB', { en: 'GiB' })).toBeUndefined();
  });
});

describe('parseNumberText with a currency', () => {
  const usd = { en: 'USD', ja: 'ドル' };
  const yen = { en: 'yen', ja: '円' };

  it('reads a leading currency symbol of the task currency, in either width, with or without a space', () => {
    for (const text of ['$597.43', 'US$597.43', 'us$597.43', '$ 597.43', '＄５９７．４３', '$597.43 USD', '597.43 dollars', '597.43ドル', '597.43米ドル']) {
      expect(parseNumberText(text, usd), text).toBe(597.43);
    }
    expect(parseNumberText('¥1,200', yen)).toBe(1200);
    expect(parseNumberText('￥１，２００', yen)).toBe(1200);
    expect(parseNumberText('1,200円', yen)).toBe(1200);
    expect(parseNumberText('-$5', usd)).toBe(-5);
    expect(parseNumberText('$-5', usd)).toBe(-5);
  });

  it('reads any currency symbol on a task without a unit, where only the number can be meant', () => {
    expect(parseNumberText('$5')).toBe(5);
    expect(parseNumberText('€3.5')).toBe(3.5);
    expect(parseNumberText('¥1,000')).toBe(1000);
  });

  it('rejects another currency, a symbol on a task whose unit is not money, and a symbol without an amount', () => {
    expect(parseNumberText('¥597', usd)).toBeUndefined();
    expect(parseNumberText('€597', usd)).toBeUndefined();
    expect(parseNumberText('$1,200', yen)).toBeUndefined();
    expect(parseNumberText('$96', { en: 'ms', ja: 'ミリ秒' })).toBeUndefined();
    expect(parseNumberText('$', usd)).toBeUndefined();
    expect(parseNumberText('$$5', usd)).toBeUndefined();
    expect(parseNumberText('-$-5', usd)).toBeUndefined();
    expect(parseNumberText('5$', usd)).toBeUndefined();
  });

  it('keeps reading the same value whatever currency symbol and spelling are added to an amount in that currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.constantFrom('$', 'US$', '＄', 'us$'),
        fc.constantFrom('', ' ', ' USD', 'USD', ' dollars', 'ドル'),
        (cents, symbol, suffix) => {
          const amount = (cents / 100).toFixed(2);
          expect(parseNumberText(`${symbol}${amount}${suffix}`, usd)).toBe(Number(amount));
          expect(parseNumberText(`¥${amount}${suffix}`, usd)).toBeUndefined();
        },
      ),
    );
  });
});
