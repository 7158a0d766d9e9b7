import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../../server/features/labs/ecr/lru.ts';
import { TokenBucketLimiter } from '../../../../server/features/labs/rate-limit.ts';

describe('TokenBucketLimiter', () => {
  it('allows a burst of capacity, then tells how long until the next token', () => {
    const limiter = new TokenBucketLimiter<number>({ capacity: 2, refillPerMinute: 2 });
    expect(limiter.take(1, 0)).toEqual({ allowed: true });
    expect(limiter.take(1, 0)).toEqual({ allowed: true });
    expect(limiter.take(1, 0)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(limiter.take(1, 20_000)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take(1, 30_000)).toEqual({ allowed: true });
  });

  it('keeps a separate bucket per key', () => {
    const limiter = new TokenBucketLimiter<number>({ capacity: 1, refillPerMinute: 1 });
    expect(limiter.take(1, 0).allowed).toBe(true);
    expect(limiter.take(1, 0).allowed).toBe(false);
    expect(limiter.take(2, 0).allowed).toBe(true);
  });

  it('never refills beyond capacity and ignores a clock stepping backwards', () => {
    const limiter = new TokenBucketLimiter<number>({ capacity: 1, refillPerMinute: 60 });
    expect(limiter.take(1, 0).allowed).toBe(true);
    expect(limiter.take(1, 3_600_000).allowed).toBe(true);
    expect(limiter.take(1, 3_600_000).allowed).toBe(false);
    expect(limiter.take(1, 0).allowed).toBe(false);
  });

  it('forgets the least recently seen key beyond maxKeys', () => {
    const limiter = new TokenBucketLimiter<number>({ capacity: 1, refillPerMinute: 1, maxKeys: 1 });
    limiter.take(1, 0);
    limiter.take(2, 0);
    expect(limiter.take(1, 0).allowed).toBe(true);
  });
});

describe('LruCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});
