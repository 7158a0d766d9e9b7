/**
 * Sliding-window rate limits kept in memory, per key: at most `limit` events in any
 * `windowMs`. Each instance counts its own requests (see README: several instances).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly windowMs: number) {}

  /** Records a hit unless over the limit; returns the seconds to wait when refused. */
  take(key: string, limit: number, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    this.sweep(now);
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= limit) {
      const oldest = list[list.length - limit] ?? now;
      this.hits.set(key, list);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
    }
    list.push(now);
    this.hits.set(key, list);
    return { allowed: true };
  }

  /** Checks without recording. */
  peek(key: string, limit: number, now: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const since = now - this.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length < limit) return { allowed: true };
    const oldest = list[list.length - limit] ?? now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    const since = now - this.windowMs;
    for (const [key, list] of this.hits) {
      if ((list.at(-1) ?? 0) <= since) this.hits.delete(key);
    }
  }
}
