import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deploymentId } from '../../../../server/features/labs/aurora/aurora.bluegreen.ts';

describe('the aurora-switchover lab’s blue/green deployment ids', () => {
  it('are bgd- and 16 base-36 characters for every team seed, deterministic per seed', () => {
    const seeds = Array.from({ length: 300 }, () => randomBytes(32));
    const off = seeds.map((seed) => deploymentId(seed, 0)).filter((id) => !/^bgd-[a-z0-9]{16}$/.test(id));
    expect(off).toEqual([]);
    const seed = seeds[0] ?? randomBytes(32);
    expect(deploymentId(seed, 1)).toBe(deploymentId(seed, 1));
    expect(deploymentId(seed, 1)).not.toBe(deploymentId(seed, 2));
  });
});
