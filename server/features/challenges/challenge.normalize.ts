/**
 * From a validated `challenge.yaml` to the loaded model, and the content hash the database
 * sync compares to decide whether a challenge changed. Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import type { AnswerSpec, ChallengeDefinition, LocalizedText, RegexAnswerSpec, TaskDefinition, TextAnswerSpec } from './challenge.ts';
import type { AnswerFile, ChallengeFile, TaskFile } from './challenge.schema.ts';

export function toChallengeDefinition(file: ChallengeFile, briefingFiles: LocalizedText): ChallengeDefinition {
  return {
    id: file.id,
    title: file.title,
    category: file.category,
    difficulty: file.difficulty,
    source: file.source,
    summary: file.summary,
    briefing: file.briefing ?? briefingFiles,
    tasks: file.tasks.map(toTaskDefinition),
    tags: file.tags,
    ...(file.order !== undefined && { order: file.order }),
    ...(file.hidden === true && { hidden: true as const }),
    ...(file.unlock && { unlock: withoutUndefined(file.unlock) }),
  };
}

function toTaskDefinition(task: TaskFile): TaskDefinition {
  const definition: TaskDefinition = {
    id: task.id,
    title: task.title,
    prompt: task.prompt,
    points: task.points,
    answer: toAnswerSpec(task.answer),
    // Clues unlock strictly in file order; the index is what the API and the database use.
    clues: task.clues.map((clue, i) => ({
      index: i + 1,
      text: clue.text,
      penalty: clue.penalty,
      ...(clue.releaseAfterMinutes !== undefined && { releaseAfterMinutes: clue.releaseAfterMinutes }),
    })),
    debrief: task.debrief ?? {},
  };
  if (task.reference !== undefined) definition.reference = task.reference;
  if (task.attempts !== undefined) definition.attempts = task.attempts;
  if (task.wrongPenalty !== undefined) definition.wrongPenalty = task.wrongPenalty;
  return definition;
}

/** Drops keys whose value is undefined, so optional fields never reach the content hash. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

function toAnswerSpec(answer: AnswerFile): AnswerSpec {
  switch (answer.type) {
    case 'text':
    case 'regex':
      return toFlagSpec(answer);
    case 'any':
      return { type: 'any', of: answer.of.map(toFlagSpec) };
    case 'number':
      return answer.unit === undefined
        ? { type: 'number', value: answer.value, tolerance: answer.tolerance }
        : { type: 'number', value: answer.value, tolerance: answer.tolerance, unit: answer.unit };
    case 'choice':
      return { type: 'choice', options: answer.options, correct: answer.correct };
    case 'order':
      return { type: 'order', items: answer.items };
    case 'match':
      return { type: 'match', left: answer.left, right: answer.right, pairs: answer.pairs };
    case 'lab':
      return { type: 'lab', lab: answer.lab, ...(answer.flag === undefined ? {} : { flag: answer.flag }) };
    case 'check':
      return { type: 'check', lab: answer.lab, check: answer.check };
  }
}

type FlagFile = Extract<AnswerFile, { type: 'text' | 'regex' }>;

function toFlagSpec(answer: FlagFile): TextAnswerSpec | RegexAnswerSpec {
  if (answer.type === 'text') return withoutUndefined({ type: 'text', accept: answer.accept, caseSensitive: answer.caseSensitive, exact: answer.exact });
  return withoutUndefined({ type: 'regex', pattern: answer.pattern, flags: answer.flags, exact: answer.exact, firstMatch: answer.firstMatch });
}

/**
 * sha256 (hex) of the definition as canonical JSON: object keys sorted, so the hash changes
 * only when the content does, not when YAML keys are reordered or comments edited.
 */
export function contentHash(definition: ChallengeDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
