import type { ValidationTargets } from 'hono';
import { zValidator } from '@hono/zod-validator';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.ts';

/**
 * zValidator with the house error envelope: a failure becomes a 400 `invalid_input` whose
 * message and `details.field` name the first failing field (the default returns the raw
 * parse result).
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw toValidationError(result.error as unknown as { issues: z.core.$ZodIssue[] }, target);
  });

export function toValidationError(error: { issues: readonly z.core.$ZodIssue[] }, target: string): ValidationError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : target;
  return new ValidationError(field, issue?.message ?? 'invalid');
}
