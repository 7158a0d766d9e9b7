import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffRole } from '../../db/database.ts';

export type { StaffRole };

/** Each role includes everything the roles below it may do: owner ⊃ facilitator ⊃ support. */
export const STAFF_ROLES = ['support', 'facilitator', 'owner'] as const satisfies readonly StaffRole[];

export function roleAtLeast(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

/** Who is acting, as audit rows and support threads name them. */
export interface StaffActor {
  id: number;
  name: string;
  role: StaffRole;
  /** The account of ADMIN_TOKEN (named "Owner"). */
  builtin?: boolean;
}

/**
 * A personal token: `staff-<id>-<43 characters>`. The id lets sign-in find the one row to
 * compare against; the 256 random bits are the secret. Only the SHA-256 is stored (a slow
 * hash adds nothing for a secret this long), and it is compared in constant time.
 */
const TOKEN = /^staff-(\d{1,10})-([A-Za-z0-9_-]{43})$/;

export function newStaffToken(id: number): string {
  return `staff-${id}-${randomBytes(32).toString('base64url')}`;
}

export function staffTokenId(token: string): number | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : undefined;
}

export function hashStaffToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether `token` hashes to `storedHash`, in time that does not depend on where they differ. */
export function staffTokenMatches(token: string, storedHash: string | null): boolean {
  const given = Buffer.from(hashStaffToken(token), 'hex');
  // A missing hash still costs one comparison, against bytes no token hashes to.
  const stored = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, 'hex') : Buffer.alloc(32);
  return timingSafeEqual(given, stored) && storedHash !== null;
}
