/**
 * Per-key token buckets held in memory. Each instance limits on its own: with several
 * instances a team gets that many times the rate, which is fine for a lab whose purpose is to
 * stop runaway loops, not to meter.
 */
export interface TokenBucketOptions {
  /** Burst size: requests allowed at once from a full bucket. */
  capacity: number;
  /** Tokens added back per minute. */
  refillPerMinute: number;
  /** Keys tracked at most; the least recently seen are forgotten (they start full again). */
  maxKeys?: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter<K> {
  readonly #buckets = new Map<K, Bucket>();
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #maxKeys: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity >= 1) || !(options.refillPerMinute > 0)) {
      throw new RangeError('capacity must be at least 1 and refillPerMinute positive');
    }
    this.#capacity = options.capacity;
    this.#refillPerMs = options.refillPerMinute / 60_000;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  take(key: K, nowMs: number): TakeResult {
    const previous = this.#buckets.get(key);
    const bucket = previous ? this.#refill(previous, nowMs) : { tokens: this.#capacity, updatedMs: nowMs };
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    this.#evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) / this.#refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  #refill(bucket: Bucket, nowMs: number): Bucket {
    // A clock that steps backwards must not mint tokens or drain them.
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    return {
      tokens: Math.min(this.#capacity, bucket.tokens + elapsed * this.#refillPerMs),
      updatedMs: Math.max(nowMs, bucket.updatedMs),
    };
  }

  #evict(): void {
    while (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next();
      if (oldest.done) return;
      this.#buckets.delete(oldest.value);
    }
  }
}
