import path from 'node:path';
import { expect } from 'vitest';
import type { Client } from '../../../support/app.ts';

export const ENFORCED_FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/fair-play-enforced');
export const MINUTE = 60_000;

/** A task as JSON, read loosely: the assertions say what it must hold. */
export interface TaskJson {
  [field: string]: any;
  clues: Record<string, any>[] & { 0: Record<string, any>; 1: Record<string, any> };
}

/** One task of a challenge as the player sees it (`GET /api/challenges/:id`). */
export async function taskOf(client: Client, taskId: string, challengeId = 'guessing'): Promise<TaskJson> {
  const res = await client.get(`/api/challenges/${challengeId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const task = (res.body.tasks as TaskJson[]).find((x) => x.id === taskId);
  expect(task, `task ${taskId}`).toBeDefined();
  return task as TaskJson;
}
