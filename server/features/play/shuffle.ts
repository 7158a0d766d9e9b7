/**
 * A deterministic shuffle: the same seed gives the same order on every instance and every
 * request, so a team sees its order task laid out the same way after a reload, while
 * another team sees another layout. Pure, no I/O; not for anything secret.
 */

/** The seed for a team's view of one task: `${teamId}:${challengeId}:${taskId}`. */
export function shuffleSeed(teamId: number | string, challengeId: string, taskId: string): string {
  return `${teamId}:${challengeId}:${taskId}`;
}

/** FNV-1a over UTF-16 code units, to turn a seed string into a 32-bit PRNG state. */
export function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit generator returning floats in [0, 1). */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Returns a new array with `items` in a seeded Fisher–Yates order. With two or more items
 * the result is never the input order (it is rotated by one when the shuffle lands on the
 * identity), so an order task is never shown already solved. Positions, not values, are
 * compared: duplicates in `items` may still look unchanged.
 */
export function stableShuffle<T>(items: readonly T[], seed: string): T[] {
  const random = mulberry32(hashSeed(seed));
  const positions = items.map((_, index) => index);
  for (let i = positions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  if (positions.length >= 2 && positions.every((position, index) => position === index)) {
    positions.push(positions.shift()!);
  }
  return positions.map((position) => items[position]!);
}
