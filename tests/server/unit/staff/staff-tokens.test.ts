import { describe, expect, it } from 'vitest';
import { hashStaffToken, newStaffToken, roleAtLeast, staffTokenId, staffTokenMatches } from '../../../../server/features/staff/staff.ts';

describe('staff roles', () => {
  it('orders owner ⊃ facilitator ⊃ support', () => {
    expect(roleAtLeast('owner', 'support')).toBe(true);
    expect(roleAtLeast('owner', 'owner')).toBe(true);
    expect(roleAtLeast('facilitator', 'support')).toBe(true);
    expect(roleAtLeast('facilitator', 'owner')).toBe(false);
    expect(roleAtLeast('support', 'facilitator')).toBe(false);
  });
});

describe('staff tokens', () => {
  it('embed the holder’s id and 256 random bits, different every time', () => {
    const a = newStaffToken(42);
    const b = newStaffToken(42);
    expect(a).not.toBe(b);
    expect(staffTokenId(a)).toBe(42);
    expect(a.slice('staff-42-'.length)).toHaveLength(43);
  });

  it('read no id from anything else', () => {
    for (const other of [
      '',
      'staff-',
      'staff-1-short',
      `staff-0-${'A'.repeat(43)}`,
      `staff-99999999999-${'A'.repeat(43)}`,
      `admin-1-${'A'.repeat(43)}`,
      `staff-1-${'A'.repeat(44)}`,
    ])
      expect(staffTokenId(other), other).toBeUndefined();
  });

  it('match only the stored hash, and never a missing one', () => {
    const token = newStaffToken(7);
    const hash = hashStaffToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(staffTokenMatches(token, hash)).toBe(true);
    expect(staffTokenMatches(newStaffToken(7), hash)).toBe(false);
    expect(staffTokenMatches(token, null)).toBe(false);
    expect(staffTokenMatches(token, 'not-a-hash')).toBe(false);
  });
});
