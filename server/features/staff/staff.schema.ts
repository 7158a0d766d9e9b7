import { z } from 'zod';
import type { StaffRole } from '../../db/database.ts';

/** Request schemas and DTOs of staff accounts (safe for the client to import). */

export const StaffCreateSchema = z.strictObject({
  name: z
    .string({ error: 'must be a string' })
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, 'must not be empty').max(60, 'must be at most 60 characters'))
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'must not contain control characters' }),
  role: z.enum(['owner', 'facilitator', 'support'], { error: 'must be "owner", "facilitator" or "support"' }),
});
export type StaffCreate = z.infer<typeof StaffCreateSchema>;

export const StaffParamSchema = z.object({
  id: z.coerce.number({ error: 'must be a positive whole number' }).int('must be a whole number').min(1, 'must be positive').max(2_147_483_647, 'is too large'),
});

export interface StaffDto {
  id: number;
  name: string;
  role: StaffRole;
  /** The account of ADMIN_TOKEN: cannot be revoked. */
  builtin: boolean;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  lastSeenAt: string | null;
  /** Sessions signed in now. */
  sessions: number;
}

/** The signed-in person, as the console shows them. */
export interface StaffSessionDto {
  id: number;
  name: string;
  role: StaffRole;
  /** Signed in with ADMIN_TOKEN rather than a personal token. */
  builtin: boolean;
}
