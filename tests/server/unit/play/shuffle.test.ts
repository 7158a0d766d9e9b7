import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashSeed, shuffleSeed, stableShuffle } from '../../../../server/features/play/shuffle.ts';

describe('stableShuffle', () => {
  it('returns a permutation of its input and leaves the input untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.string(), (items, seed) => {
        const before = [...items];
        const shuffled = stableShuffle(items, seed);
        expect(items).toEqual(before);
        expect([...shuffled].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });

  it('gives the same order for the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.string(), (items, seed) => {
        expect(stableShuffle(items, seed)).toEqual(stableShuffle(items, seed));
      }),
    );
  });

  it('never returns two or more distinct items in their original order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { minLength: 2, maxLength: 12 }), fc.string(), (items, seed) => {
        expect(stableShuffle(items, seed)).not.toEqual(items);
      }),
    );
  });

  it('handles empty and single-item lists', () => {
    expect(stableShuffle([], 'x')).toEqual([]);
    expect(stableShuffle(['only'], 'x')).toEqual(['only']);
  });

  it('lays out the same task differently for different teams', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const layouts = new Set(Array.from({ length: 20 }, (_, team) => stableShuffle(items, shuffleSeed(team, 'c', 't')).join('')));
    expect(layouts.size).toBeGreaterThan(10);
  });

  it('hashes seeds to unsigned 32-bit integers', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const hash = hashSeed(seed);
        expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
      }),
    );
  });
});
