import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9-]{1,80}$/i, 'must be an id of letters, digits and dashes');

export const ChallengeParamSchema = z.object({ id });
export const TaskParamSchema = z.object({ id, taskId: id });
export const ClueParamSchema = z.object({ id, taskId: id, index: z.coerce.number().int().min(1).max(3) });
/** The answer's shape depends on the task type: checked by parseAnswerInput once the task is known. */
export const AttemptSchema = z.strictObject({ answer: z.unknown().refine((v) => v !== undefined && v !== null, { message: 'is required' }) });
export const RatingSchema = z.strictObject({
  stars: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
