/** The Lambda lab's state: the function's configuration the team can change. Pure: no I/O. */
import { z } from 'zod';
import { FUNCTION_NAME, PRODUCTION_MEMORY_MB, SWEEP } from './lambda.logs.ts';

export const LAMBDA_LAB_NAME = 'lambda-report-lines';
/** The size the sweep points to: the last one where more memory still buys proportionally less time. */
export const RIGHT_SIZE_MB = 1_536;
/** Lambda keeps at least this much of the account's concurrency unreserved. */
export const ACCOUNT_CONCURRENCY = 1_000;
export const MIN_UNRESERVED = 100;

export const LambdaStateSchema = z.object({
  v: z.literal(1),
  createdAt: z.number(),
  memoryMb: z.number().int().min(128).max(10_240),
  timeoutSeconds: z.number().int().min(1).max(900),
  description: z.string().max(256),
  reservedConcurrency: z.number().int().min(0).nullable(),
  lastModified: z.number(),
  revision: z.number().int().nonnegative(),
});

export type LambdaState = z.infer<typeof LambdaStateSchema>;

export function initialLambdaState(now: number): LambdaState {
  return {
    v: 1,
    createdAt: now,
    memoryMb: PRODUCTION_MEMORY_MB,
    timeoutSeconds: 30,
    description: 'Resizes uploaded photos into three sizes',
    reservedConcurrency: null,
    lastModified: now - 3 * 86_400_000,
    revision: 0,
  };
}

export { FUNCTION_NAME, SWEEP };
