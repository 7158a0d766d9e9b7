import type { PlayerPrincipal } from './env.ts';

interface Entry {
  player: PlayerPrincipal;
  until: number;
}

/** Forget records older than this cannot matter: no session read lasts that long. */
const FORGET_MEMORY_MS = 60_000;

/**
 * Player sessions recently read, by token hash, so a busy player does not cost a database
 * round trip per request. Entries live `ttlMs` at most (never past the session's expiry).
 * This instance forgets a player as soon as it changes their team, name or language, or
 * logs them out; changes made on another instance arrive through the `team` events of the
 * bus, and a logout or rename there shows here within `ttlMs`. A read that was already on
 * its way when its player was forgotten is not cached (it may predate the change). Unknown
 * tokens are never cached, so guessing cannot fill it.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byPlayer = new Map<number, Set<string>>();
  private readonly forgottenPlayers = new Map<number, number>();
  private readonly forgottenTokens = new Map<string, number>();
  private allForgottenAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 100_000,
  ) {}

  /** A stamp to take before reading a session from the database, for `set`. */
  readStarted(): number {
    return performance.now();
  }

  get(tokenHash: string, nowMs: number): PlayerPrincipal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.drop(tokenHash);
      return undefined;
    }
    return entry.player;
  }

  set(tokenHash: string, player: PlayerPrincipal, expiresAt: Date, nowMs: number, readStartedAt: number): void {
    const forgotten = Math.max(
      this.allForgottenAt,
      this.forgottenPlayers.get(player.playerId) ?? Number.NEGATIVE_INFINITY,
      this.forgottenTokens.get(tokenHash) ?? Number.NEGATIVE_INFINITY,
    );
    if (readStartedAt <= forgotten) return;
    if (this.entries.size >= this.maxEntries) this.evict(nowMs);
    this.entries.set(tokenHash, { player, until: Math.min(nowMs + this.ttlMs, expiresAt.getTime()) });
    const hashes = this.byPlayer.get(player.playerId) ?? new Set<string>();
    hashes.add(tokenHash);
    this.byPlayer.set(player.playerId, hashes);
  }

  forgetToken(tokenHash: string): void {
    this.forgottenTokens.set(tokenHash, this.stamp(this.forgottenTokens));
    this.drop(tokenHash);
  }

  forgetPlayer(playerId: number): void {
    this.forgottenPlayers.set(playerId, this.stamp(this.forgottenPlayers));
    for (const hash of this.byPlayer.get(playerId) ?? []) this.entries.delete(hash);
    this.byPlayer.delete(playerId);
  }

  /** The event was reset: no cached session may be used again. */
  forgetAll(): void {
    this.allForgottenAt = performance.now();
    this.entries.clear();
    this.byPlayer.clear();
  }

  forgetTeam(teamId: number): void {
    this.allForgottenAt = performance.now();
    for (const [hash, entry] of this.entries) if (entry.player.teamId === teamId) this.drop(hash);
  }

  private drop(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const hashes = this.byPlayer.get(entry.player.playerId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byPlayer.delete(entry.player.playerId);
  }

  /** Now, after pruning forget records too old to matter from a map that grew large. */
  private stamp(records: Map<unknown, number>): number {
    const now = performance.now();
    if (records.size > 50_000) for (const [key, at] of records) if (now - at > FORGET_MEMORY_MS) records.delete(key);
    return now;
  }

  /** Drops expired entries, then the oldest tenth if it is still full. */
  private evict(nowMs: number): void {
    for (const [hash, entry] of this.entries) if (entry.until <= nowMs) this.drop(hash);
    if (this.entries.size < this.maxEntries) return;
    let drop = Math.ceil(this.maxEntries / 10);
    for (const hash of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.drop(hash);
    }
  }
}
