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
