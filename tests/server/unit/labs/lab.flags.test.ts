import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveLabFlag, findFlagOwner, labFlagPrefix, verifyLabFlag } from '../../../../server/features/labs/lab.flags.ts';

const SECRET = 'a-lab-secret';
const args = ['ecr-pull-flow', 'pull-the-flag'] as const;

describe('deriveLabFlag', () => {
  it('formats a readable prefix and 96 bits of hex', () => {
    expect(deriveLabFlag(SECRET, 7, ...args)).toMatch(/^JAM\{ecr-[0-9a-f]{24}\}$/);
  });

  it('is stable for the same secret, team and task', () => {
    expect(deriveLabFlag(SECRET, 7, ...args)).toBe(deriveLabFlag(SECRET, 7, ...args));
  });

  it('differs per team, per task and per secret', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
        fc.pre(a !== b);
        expect(deriveLabFlag(SECRET, a, ...args)).not.toBe(deriveLabFlag(SECRET, b, ...args));
      }),
    );
    expect(deriveLabFlag(SECRET, 7, 'ecr-pull-flow', 'other-task')).not.toBe(deriveLabFlag(SECRET, 7, ...args));
    expect(deriveLabFlag('another-secret', 7, ...args)).not.toBe(deriveLabFlag(SECRET, 7, ...args));
  });

  it('refuses an empty secret and a non-integer team id', () => {
    expect(() => deriveLabFlag('', 7, ...args)).toThrow(/secret/);
    expect(() => deriveLabFlag(SECRET, 1.5, ...args)).toThrow(RangeError);
  });

  it('takes its prefix from the first word of the challenge id', () => {
    expect(labFlagPrefix('ecr-pull-flow')).toBe('ecr');
    expect(labFlagPrefix('-odd')).toBe('lab');
  });
});

describe('verifyLabFlag', () => {
  it("accepts the team's own flag, ignoring a pasted trailing newline", () => {
    const flag = deriveLabFlag(SECRET, 3, ...args);
    expect(verifyLabFlag(SECRET, 3, ...args, flag)).toBe(true);
    expect(verifyLabFlag(SECRET, 3, ...args, `  ${flag}\n`)).toBe(true);
  });

  it("rejects another team's flag and near misses", () => {
    const flag = deriveLabFlag(SECRET, 3, ...args);
    expect(verifyLabFlag(SECRET, 4, ...args, flag)).toBe(false);
    expect(verifyLabFlag(SECRET, 3, ...args, flag.toUpperCase())).toBe(false);
    expect(verifyLabFlag(SECRET, 3, ...args, flag.slice(0, -2))).toBe(false);
    expect(verifyLabFlag(SECRET, 3, ...args, '')).toBe(false);
  });
});

describe('findFlagOwner', () => {
  const teams = [1, 2, 3, 4, 5];

  it('names the team a shared flag belongs to', () => {
    expect(findFlagOwner(SECRET, teams, ...args, deriveLabFlag(SECRET, 4, ...args))).toBe(4);
    expect(findFlagOwner(SECRET, teams, ...args, `${deriveLabFlag(SECRET, 2, ...args)}\n`)).toBe(2);
  });

  it('finds no owner for a value that is no team flag', () => {
    expect(findFlagOwner(SECRET, teams, ...args, 'JAM{ecr-000000000000000000000000}')).toBeUndefined();
    expect(findFlagOwner(SECRET, teams, ...args, deriveLabFlag(SECRET, 99, ...args))).toBeUndefined();
    expect(findFlagOwner(SECRET, [], ...args, deriveLabFlag(SECRET, 1, ...args))).toBeUndefined();
  });
});
