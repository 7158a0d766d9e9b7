import type { Env, MiddlewareHandler, ValidationTargets } from 'hono';
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

/**
 * `validate('json', schema)` for an action whose body is optional: no body, or an empty one
 * even with a JSON content type, is `{}`; text that is not JSON is no value at all, so the
 * schema names `wholeField`. The route's type takes the schema's input, as `validate` does.
 */
export const validateOptionalJson =
  <T extends z.ZodType>(schema: T, wholeField = 'json'): MiddlewareHandler<Env, string, { in: { json: z.input<T> }; out: { json: z.output<T> } }> =>
  async (c, next) => {
    const text = await c.req.text();
    let value: unknown = {};
    if (text.trim()) {
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
    }
    const result = schema.safeParse(value);
    if (!result.success) throw toValidationError(result.error, wholeField);
    c.req.addValidatedData('json', result.data as object);
    await next();
  };

export function toValidationError(error: { issues: readonly z.core.$ZodIssue[] }, target: string): ValidationError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : target;
  return new ValidationError(field, issue?.message ?? 'invalid');
}
