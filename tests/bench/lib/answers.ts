import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadChallengeTree } from '../../../server/features/challenges/challenge.loader.ts';
import type { AnswerSpec } from '../../../server/features/challenges/challenge.ts';
import { checkAnswer } from '../../../server/features/play/answers.ts';

export const BUNDLED_CHALLENGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../challenges');

/** A bundled task the benchmarks can answer without a lab: its key and a wrong answer. */
export interface BenchTask {
  challengeId: string;
  taskId: string;
  points: number;
  type: AnswerSpec['type'];
  correct: unknown;
  /** A well-formed but wrong answer, where one is easy to build. */
  wrong: unknown | undefined;
  /** How many clues the task has (1..n can be unlocked, in order). */
  clues: number;
}

/**
 * Reads the bundled tree and derives a correct answer for every task whose key can be read
 * back (text, number, choice, order, match). Regex keys need a human-chosen input and lab
 * flags depend on the team, so those tasks are left out of the attempt loads.
 */
export async function loadBenchTasks(dir = BUNDLED_CHALLENGES): Promise<{ tasks: BenchTask[]; totalTasks: number }> {
  const tree = await loadChallengeTree(dir, { requireLanguages: ['en', 'ja'] });
  if (tree.problems.length > 0) throw new Error(`bundled challenges have problems: ${tree.problems.map((p) => `${p.file}:${p.line} ${p.message}`).join('; ')}`);
  const tasks: BenchTask[] = [];
  let totalTasks = 0;
  for (const { definition } of tree.challenges) {
    for (const task of definition.tasks) {
      totalTasks += 1;
      const correct = correctInput(task.answer);
      if (correct === undefined) continue;
      if (!checkAnswer(task.answer, correct).correct) throw new Error(`derived key for ${definition.id}/${task.id} does not pass`);
      const wrong = wrongInput(task.answer);
      if (wrong !== undefined && checkAnswer(task.answer, wrong).correct) throw new Error(`wrong answer passes ${definition.id}/${task.id}`);
      tasks.push({ challengeId: definition.id, taskId: task.id, points: task.points, type: task.answer.type, correct, wrong, clues: task.clues?.length ?? 0 });
    }
  }
  return { tasks, totalTasks };
}

function correctInput(spec: AnswerSpec): unknown {
  switch (spec.type) {
    case 'text':
      return spec.accept[0];
    case 'number':
      return spec.value;
    case 'choice':
      return spec.correct;
    case 'order':
      return spec.items.map((item) => item.id);
    case 'match':
      return spec.pairs;
    default:
      return undefined;
  }
}

function wrongInput(spec: AnswerSpec): unknown {
  switch (spec.type) {
    case 'text':
      return 'not the answer, a benchmark guess';
    case 'number':
      return spec.value + spec.tolerance + 12_345;
    case 'choice': {
      const other = spec.options.find((o) => !spec.correct.includes(o.id));
      return other ? [other.id] : undefined;
    }
    case 'order':
      return spec.items.length > 1 ? spec.items.map((item) => item.id).reverse() : undefined;
    default:
      return undefined;
  }
}

export function attemptPath(task: Pick<BenchTask, 'challengeId' | 'taskId'>): string {
  return `/api/challenges/${task.challengeId}/tasks/${task.taskId}/attempts`;
}
