import { z } from 'zod';
import type { SubmissionPayload } from '../../realtime/events.ts';

/** Request schemas and response DTOs of the admin console's API (safe for the client to import). */

const MAX_ID = 2_147_483_647;
const id = z.coerce.number({ error: 'must be a positive whole number' }).int('must be a whole number').min(1, 'must be positive').max(MAX_ID, 'is too large');
const flag = z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).transform((v) => v === 'true');
const reason = z.string({ error: 'is required: say why' }).trim().min(1, 'is required: say why').max(500, 'must be at most 500 characters');
const limit = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const TeamParamSchema = z.object({ id });
export const MemberParamSchema = z.object({ id, playerId: id });

export const DisqualifySchema = z.strictObject({ reason });
export const ReinstateSchema = z.strictObject({ reason: reason.optional() });

export const AdjustmentCreateSchema = z.strictObject({
  points: z
    .number({ error: 'must be a whole number of points' })
    .int('must be a whole number of points')
    .min(-100_000, 'must be at least -100000')
    .max(100_000, 'must be at most 100000')
    .refine((v) => v !== 0, 'must not be zero'),
  reason,
});
export type AdjustmentCreate = z.infer<typeof AdjustmentCreateSchema>;

export const SubmissionQuerySchema = z.object({
  teamId: id.optional(),
  challengeId: z.string().min(1).max(100).optional(),
  taskId: z.string().min(1).max(100).optional(),
  correct: flag.optional(),
  flagged: flag.optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: limit(100, 500),
});
export type SubmissionQuery = z.infer<typeof SubmissionQuerySchema>;

export const AuditQuerySchema = z.object({ before: z.coerce.number().int().min(1).optional(), limit: limit(100, 500) });
/** Lab calls, newest first; `after` returns only calls newer than an id (the console's live view polls with it). */
export const LabRequestQuerySchema = z.object({
  teamId: id.optional(),
  service: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a service name such as kinesis')
    .optional(),
  operation: z
    .string()
    .regex(/^[A-Za-z0-9]{1,128}$/, 'must be an operation name such as PutRecord')
    .optional(),
  errors: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  after: z.coerce.number().int().min(0).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: limit(100, 500),
});
export type LabRequestQuery = z.infer<typeof LabRequestQuerySchema>;
export const ExportQuerySchema = z.object({ format: z.enum(['csv', 'json'], { error: 'must be "csv" or "json"' }).default('csv') });

export interface AdminMemberDto {
  id: number;
  displayName: string;
  language: 'en' | 'ja';
}

export interface AdminTeamDto {
  id: number;
  name: string;
  joinCode: string;
  ownerPlayerId: number | null;
  createdAt: string;
  members: AdminMemberDto[];
  score: number;
  /** Place on the live board; null while disqualified. */
  rank: number | null;
  solvedTasks: number;
  disqualified: boolean;
  /** Players cannot rename the team. */
  nameLocked: boolean;
  /** Set for teams formed by matching or assignment. */
  goal: 'learn' | 'win' | null;
  lastSolveAt: string | null;
  adjustments: number;
  /** Clues unlocked, and the points they actually took off the score (see standings.ts). */
  clues: { used: number; penalty: number };
  /** Wrong attempts, and the points their `wrongPenalty` took off the score. */
  wrong: { attempts: number; penalty: number };
  progress: { challengeId: string; solved: number; total: number }[];
  /** How often the team restarted each lab it used. */
  labResets: { lab: string; resets: number }[];
}

export interface AdjustmentDto {
  id: number;
  teamId: number;
  teamName: string;
  points: number;
  reason: string;
  createdBy: string;
  at: string;
}

/** A row of the submissions feed: the same shape as the stream's live `submission` event. */
export type SubmissionDto = SubmissionPayload;

export interface ClueUsageDto {
  challengeId: string;
  challengeTitle: string;
  taskId: string;
  taskTitle: string;
  points: number;
  teamsAttempted: number;
  solved: number;
  /** solved / teamsAttempted; null before any team tried. */
  solveRate: number | null;
  wrongAttempts: number;
  averageAward: number | null;
  clues: { index: number; penalty: number; unlocks: number }[];
}

export interface RatingSummaryDto {
  challengeId: string;
  title: string;
  average: number | null;
  count: number;
  comments: { teamId: number; teamName: string; playerName: string; stars: number; comment: string; at: string }[];
}

export interface AuditEntryDto {
  id: number;
  /** The person's name (or the process: `system`, `startup`, `watcher`). */
  actor: string;
  /** Their staff account, when a person did it. */
  actorId: number | null;
  action: string;
  target: string | null;
  details: unknown;
  at: string;
}

export interface LabRequestDto {
  id: number;
  teamId: number | null;
  teamName: string | null;
  lab: string;
  method: string;
  path: string;
  status: number;
  /** AWS labs: the signing service, the operation and the AWS error code answered. */
  service: string | null;
  operation: string | null;
  errorCode: string | null;
  at: string;
}
