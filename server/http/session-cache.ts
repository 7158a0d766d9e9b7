import type { PlayerPrincipal } from './env.ts';

interface Entry {
  player: PlayerPrincipal;
  until: number;
}

/**
 * Player sessions recently read, by token hash, so a busy player does not cost a database
 * round trip per request. Entries live `ttlMs` at most (never past the session's expiry).
 * This instance forgets a player as soon as it changes their team, name or language, or
 * logs them out; changes made on another instance arrive through the `team` events of the
 * bus, and a logout or rename there shows here within `ttlMs`. Unknown tokens are never
 * cached, so guessing cannot fill it.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byPlayer = new Map<number, Set<string>>();

  constructor(
    private readonly ttlMs = 2000,
    private readonly maxEntries = 100_000,
  ) {}

  get(tokenHash: string, nowMs: number): PlayerPrincipal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= nowMs) {
      this.forgetToken(tokenHash);
      return undefined;
    }
    return entry.player;
  }

  set(tokenHash: string, player: PlayerPrincipal, expiresAt: Date, nowMs: number): void {
    if (this.entries.size >= this.maxEntries) this.evict(nowMs);
    this.entries.set(tokenHash, { player, until: Math.min(nowMs + this.ttlMs, expiresAt.getTime()) });
    const hashes = this.byPlayer.get(player.playerId) ?? new Set<string>();
    hashes.add(tokenHash);
    this.byPlayer.set(player.playerId, hashes);
  }

  forgetToken(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const hashes = this.byPlayer.get(entry.player.playerId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byPlayer.delete(entry.player.playerId);
  }

  forgetPlayer(playerId: number): void {
    for (const hash of this.byPlayer.get(playerId) ?? []) this.entries.delete(hash);
    this.byPlayer.delete(playerId);
  }

  forgetTeam(teamId: number): void {
    for (const [hash, entry] of this.entries) if (entry.player.teamId === teamId) this.forgetToken(hash);
  }

  /** Drops expired entries, then the oldest tenth if it is still full. */
  private evict(nowMs: number): void {
    for (const [hash, entry] of this.entries) if (entry.until <= nowMs) this.forgetToken(hash);
    if (this.entries.size < this.maxEntries) return;
    let drop = Math.ceil(this.maxEntries / 10);
    for (const hash of this.entries.keys()) {
      if (drop-- <= 0) break;
      this.forgetToken(hash);
    }
  }
}
