import { z } from 'zod';

const trimmed = (max: number, what: string) =>
  z
    .string({ error: `must be a string (${what})` })
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1, `must not be empty`).max(max, `must be at most ${max} characters`))
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), { message: 'must not contain control characters' });

export const JoinSchema = z.strictObject({
  eventCode: z.string().trim().min(1).max(64),
  displayName: trimmed(40, 'display name'),
  language: z.enum(['en', 'ja'], { error: 'must be "en" or "ja"' }),
});

export const TeamCreateSchema = z.strictObject({ name: trimmed(40, 'team name') });
export const TeamJoinSchema = z.strictObject({
  joinCode: z
    .string()
    .trim()
    .min(4)
    .max(16)
    .transform((v) => v.toUpperCase()),
});
export const TeamRenameSchema = TeamCreateSchema;
export const PlayerUpdateSchema = z
  .strictObject({ displayName: trimmed(40, 'display name').optional(), language: z.enum(['en', 'ja']).optional() })
  .refine((v) => v.displayName !== undefined || v.language !== undefined, { message: 'give displayName or language' });

export interface PlayerDto {
  id: number;
  displayName: string;
  language: 'en' | 'ja';
  teamId: number | null;
}

export interface TeamMemberDto {
  id: number;
  displayName: string;
  language: 'en' | 'ja';
  owner: boolean;
}

export interface TeamDto {
  id: number;
  name: string;
  joinCode: string;
  ownerPlayerId: number | null;
  members: TeamMemberDto[];
  maxSize: number;
  labToken: string;
  score: number;
  solvedTasks: number;
  disqualified: boolean;
}
