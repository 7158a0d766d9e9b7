/**
 * Checks of the fair-play fields (attempts, wrongPenalty, releaseAfterMinutes, unlock,
 * hidden): within one file, across the tree (prerequisites), and against the event's length.
 * Like `challenge.lint.ts` they read raw YAML values defensively and report with positions.
 */
import type { FileLintContext, Problem, TreeEntry } from './challenge.lint.ts';
import type { UnlockRule } from './challenge.ts';

/** What the timing check reads of a challenge: its file definition or the catalog's copy. */
export interface TimedChallenge {
  id: string;
  unlock?: UnlockRule | undefined;
  tasks: ReadonlyArray<{ id: string; clues: ReadonlyArray<{ index: number; releaseAfterMinutes?: number | undefined }> }>;
}
import type { PathKey } from './yaml-source.ts';

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Below this many possible answers, a task without attempts or wrongPenalty can be won by guessing. */
export const GUESSABLE_BELOW = 100;

/**
 * How many different answers the player's controls allow: the options of a single choice,
 * the non-empty subsets of a multiple one, the permutations of an order, every assignment
 * of a match. `undefined` for free-text types.
 */
export function possibleAnswers(answer: Raw): number | undefined {
  const count = (key: string) => asArray(answer[key]).length;
  switch (answer.type) {
    case 'choice':
      return asArray(answer.correct).length > 1 ? 2 ** count('options') - 1 : count('options');
    case 'order': {
      let permutations = 1;
      for (let n = 2; n <= count('items'); n += 1) permutations *= n;
      return permutations;
    }
    case 'match':
      return count('right') ** count('left');
    default:
      return undefined;
  }
}

/** Guessing and clue-release checks for one task at `path`. */
export function lintTaskFairPlay(task: Raw, path: PathKey[], context: FileLintContext): void {
  const answer = asRecord(task.answer);
  const possible = answer ? possibleAnswers(answer) : undefined;
  const hasPenalty = typeof task.wrongPenalty === 'number' && task.wrongPenalty > 0;
  if (possible !== undefined && possible < GUESSABLE_BELOW && !hasPenalty) {
    const what = `this ${String(answer?.type)} has ${possible} possible answer${possible === 1 ? '' : 's'}`;
    if (task.attempts === undefined) {
      context.warn(path, `${what} and neither attempts nor wrongPenalty: it can be won by guessing`, 'key');
    } else if (isCount(task.attempts) && task.attempts >= possible - 1) {
      context.warn(
        [...path, 'attempts'],
        `${task.attempts} wrong attempts still let a team try all ${possible} possible answers; lower it or add wrongPenalty`,
      );
    }
  }
  lintClueReleases(asArray(task.clues), [...path, 'clues'], context);
}

/** A challenge's unlock rule names at least one condition. */
export function lintUnlockRule(root: Raw, context: FileLintContext): void {
  const unlock = asRecord(root.unlock);
  if (unlock && unlock.after === undefined && unlock.atMinute === undefined) context.report(['unlock'], 'unlock needs after, atMinute or both');
}

/** Clues open strictly in order, so a clue cannot be released for free before an earlier one. */
function lintClueReleases(clues: unknown[], path: PathKey[], context: FileLintContext): void {
  clues.forEach((clue, index) => {
    const release = asRecord(clue)?.releaseAfterMinutes;
    if (!isCount(release) || index === 0) return;
    const before = asRecord(clues[index - 1])?.releaseAfterMinutes;
    if (isCount(before) && before <= release) return;
    const earlier = isCount(before) ? `free at ${before} minutes` : 'never released';
    context.report(
      [...path, index, 'releaseAfterMinutes'],
      `clue ${index + 1} would be free at ${release} minutes, before clue ${index} (${earlier}); clues open in order, so release clue ${index} no later`,
    );
  });
}

/** Prerequisites across the tree: every `unlock.after` names a challenge, and none form a cycle. */
export function lintPrerequisites(entries: readonly TreeEntry[]): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  for (const entry of entries) {
    entry.after.forEach((prerequisite, index) => {
      const target = byId.get(prerequisite.id);
      const at = { file: entry.file, ...prerequisite.position };
      if (!target) {
        problems.push({ ...at, message: `unlock.after[${index}]: no challenge "${prerequisite.id}" in the tree` });
      } else if (target.hidden) {
        warnings.push({
          ...at,
          severity: 'warning',
          message: `unlock.after[${index}]: "${prerequisite.id}" is hidden; until it is put in play this challenge does not wait for it`,
        });
      }
    });
  }
  for (const cycle of findCycles(entries)) {
    const route = [...cycle, cycle[0]!].map((id) => `"${id}"`).join(' → ');
    cycle.forEach((id, i) => {
      const entry = byId.get(id)!;
      const index = entry.after.findIndex((p) => p.id === cycle[(i + 1) % cycle.length]);
      const position = entry.after[index]!.position;
      problems.push({ file: entry.file, ...position, message: `unlock.after[${index}]: ${route} wait for each other; no team could ever open them` });
    });
  }
  return { problems, warnings };
}

/** Every elementary cycle's challenge ids once, each starting at its smallest id. */
function findCycles(entries: readonly TreeEntry[]): string[][] {
  const edges = new Map(entries.map((entry) => [entry.id, entry.after.map((p) => p.id)]));
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of edges.get(id) ?? []) {
      if (!edges.has(next)) continue;
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join('\u0000'), rotated);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const entry of entries) if (!state.has(entry.id)) visit(entry.id);
  return [...cycles.values()];
}

/**
 * Times past the event's length: a clue that would never be released, a challenge that would
 * never open by time. Warnings, not errors: the event may be extended, or its length set later.
 */
export function timingWarnings(challenges: readonly TimedChallenge[], durationMinutes: number): string[] {
  const warnings: string[] = [];
  for (const challenge of challenges) {
    const atMinute = challenge.unlock?.atMinute;
    if (atMinute !== undefined && atMinute >= durationMinutes) {
      warnings.push(`${challenge.id}: unlock.atMinute ${atMinute} is not before the end of the ${durationMinutes}-minute event; it would never open by time`);
    }
    for (const task of challenge.tasks) {
      for (const clue of task.clues) {
        if (clue.releaseAfterMinutes !== undefined && clue.releaseAfterMinutes >= durationMinutes) {
          warnings.push(
            `${challenge.id}/${task.id}: clue ${clue.index} releaseAfterMinutes ${clue.releaseAfterMinutes} is not before the end of the ${durationMinutes}-minute event; it would never be released`,
          );
        }
      }
    }
  }
  return warnings;
}
