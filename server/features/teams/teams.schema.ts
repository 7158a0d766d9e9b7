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
  /** A facilitator locked the name: players cannot rename the team. */
  nameLocked: boolean;
  /** Set for teams formed by matching or assignment. */
  goal: 'learn' | 'win' | null;
  labToken: string;
  score: number;
  solvedTasks: number;
  disqualified: boolean;
}

/** "Match me to a team": how experienced the player is (1–5) and why they came. */
export const TeamMatchSchema = z.strictObject({
  skill: z
    .number({ error: 'must be a whole number from 1 to 5' })
    .int('must be a whole number from 1 to 5')
    .min(1, 'must be at least 1')
    .max(5, 'must be at most 5'),
  goal: z.enum(['learn', 'win'], { error: 'must be "learn" or "win"' }),
});

const positiveId = z.coerce
  .number({ error: 'must be a positive whole number' })
  .int('must be a whole number')
  .min(1, 'must be positive')
  .max(2_147_483_647, 'is too large');

export const TeamAssignSchema = z.strictObject({
  mode: z.enum(['similar', 'balanced'], { error: 'must be "similar" or "balanced"' }),
  /** Only say what would happen. */
  preview: z.boolean({ error: 'must be true or false' }).default(false),
});
export const PlayerMoveSchema = z.strictObject({
  teamId: z.number({ error: 'must be a team id' }).int('must be a team id').min(1, 'must be a team id').max(2_147_483_647, 'is too large'),
});
export const PlayerParamSchema = z.object({ id: positiveId });
export const NameLockSchema = z.strictObject({ locked: z.boolean({ error: 'must be true or false' }) });

export interface AssignmentMemberDto {
  id: number;
  displayName: string;
  skill: number;
  goal: 'learn' | 'win';
}

/** What an assignment does (or did): per team, who joins it; `teamId` null for a new team in a preview. */
export interface AssignmentPreviewDto {
  mode: 'similar' | 'balanced';
  cap: number;
  /** Players without a team when it was planned. */
  players: number;
  teams: Array<{ teamId: number | null; name: string | null; membersBefore: number; joining: AssignmentMemberDto[] }>;
}
