/**
 * Semantic checks on challenge files beyond the schema, each reported with the position of
 * the node it is about. The checks read the raw YAML values defensively, so they run even
 * when the schema found other problems in the same file: an author sees every mistake in one
 * pass rather than one per fix.
 */
import { checkRegex } from './regex-safety.ts';
import type { Language } from './challenge.ts';
import { lintPrerequisites, lintTaskFairPlay, lintUnlockRule } from './fair-play.lint.ts';
import type { PathKey, PositionTarget, SourcePosition } from './yaml-source.ts';
import { LABS } from '../labs/labs.registry.ts';

export interface Problem {
  /** The file's path, relative to the working directory or as given on the command line. */
  file: string;
  line: number;
  column: number;
  message: string;
  /** A warning is reported but does not make the tree invalid. */
  severity?: 'warning';
}

export const MAX_CLUES = 3;

/** `file:line:column message`; a warning's message starts with `warning: `. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column} ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}

/** Sorts by file, then line, then column; problems at the same place keep their order. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => compareText(a.problem.file, b.problem.file) || a.problem.line - b.problem.line || a.problem.column - b.problem.column || a.order - b.order)
    .map(({ problem }) => problem);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `tasks[0].answer.pattern` for `['tasks', 0, 'answer', 'pattern']`. */
export function formatPath(path: readonly PathKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

export interface FileLintContext {
  /** The name of the folder holding the file; the challenge id must equal it. */
  folder: string;
  requireLanguages: readonly Language[];
  positionOf(path: readonly PathKey[], target?: PositionTarget): SourcePosition;
  /** Reports a problem about the node at `path`; the message is prefixed with the path. */
  report(path: readonly PathKey[], message: string, target?: PositionTarget): void;
  /** The same for a warning, which does not make the file invalid. */
  warn(path: readonly PathKey[], message: string, target?: PositionTarget): void;
}

type Raw = Record<string, unknown>;

const asRecord = (value: unknown): Raw | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const idOf = (value: unknown): string | undefined => {
  const id = asRecord(value)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

export function lintChallengeFile(value: unknown, context: FileLintContext): void {
  const root = asRecord(value);
  if (!root) return;
  if (typeof root.id === 'string' && root.id !== context.folder) {
    context.report(['id'], `"${root.id}" does not match its folder name "${context.folder}"`);
  }
  checkUniqueIds(root.tasks, ['tasks'], 'task', context);
  lintUnlockRule(root, context);
  asArray(root.tasks).forEach((task, index) => {
    lintTask(asRecord(task), ['tasks', index], context);
  });
  if (context.requireLanguages.length > 0) checkLanguages(root, context);
}

function lintTask(task: Raw | undefined, path: PathKey[], context: FileLintContext): void {
  if (!task) return;
  const clues = asArray(task.clues);
  if (clues.length > MAX_CLUES) {
    context.report([...path, 'clues', MAX_CLUES], `a task has at most ${MAX_CLUES} clues; this one has ${clues.length}`);
  }
  const penalties = clues.map((clue) => asRecord(clue)?.penalty).filter((p): p is number => typeof p === 'number');
  const total = penalties.reduce((sum, penalty) => sum + penalty, 0);
  // A non-positive `points` is already a schema problem; comparing against it says nothing.
  if (typeof task.points === 'number' && task.points > 0 && total > task.points) {
    context.report([...path, 'clues'], `penalties add up to ${total}, more than the task's ${task.points} points`);
  }
  const answer = asRecord(task.answer);
  if (answer) lintAnswer(answer, [...path, 'answer'], context);
  lintTaskFairPlay(task, path, context);
}

function lintAnswer(answer: Raw, path: PathKey[], context: FileLintContext): void {
  switch (answer.type) {
    case 'choice': {
      const options = checkUniqueIds(answer.options, [...path, 'options'], 'option', context);
      const seen = new Set<string>();
      asArray(answer.correct).forEach((raw, index) => {
        if (typeof raw !== 'string' && typeof raw !== 'number') return;
        const id = String(raw);
        if (seen.has(id)) context.report([...path, 'correct', index], `"${id}" is listed twice`);
        else if (!options.has(id)) {
          context.report([...path, 'correct', index], `"${id}" is not an option id (${listIds(options)})`);
        }
        seen.add(id);
      });
      break;
    }
    case 'order': {
      checkUniqueIds(answer.items, [...path, 'items'], 'item', context);
      if (Array.isArray(answer.items) && answer.items.length < 2) {
        context.report([...path, 'items'], `an order needs at least two items; found ${answer.items.length}`);
      }
      break;
    }
    case 'match':
      lintMatch(answer, path, context);
      break;
    case 'regex': {
      const flags = answer.flags ?? '';
      if (typeof answer.pattern !== 'string' || typeof flags !== 'string' || !/^[dimsuv]*$/.test(flags)) break;
      const problem = checkRegex(answer.pattern, flags);
      if (problem) context.report([...path, 'pattern'], problem);
      break;
    }
    case 'any':
      asArray(answer.of).forEach((member, index) => {
        const inner = asRecord(member);
        if (inner?.type === 'regex') lintAnswer(inner, [...path, 'of', index], context);
      });
      break;
    case 'number':
      if (typeof answer.tolerance === 'number' && answer.tolerance < 0) {
        context.report([...path, 'tolerance'], `cannot be negative (${answer.tolerance})`);
      }
      break;
    case 'lab':
    case 'check':
      lintLabReference(answer, path, context);
      break;
  }
}

/** A lab task must name a lab the server has, and a check task one of that lab's checks. */
function lintLabReference(answer: Raw, path: PathKey[], context: FileLintContext): void {
  if (typeof answer.lab !== 'string') return;
  const lab = LABS.find((l) => l.name === answer.lab);
  if (!lab) {
    context.report([...path, 'lab'], `no lab named "${answer.lab}" (${LABS.map((l) => l.name).join(', ')})`);
    return;
  }
  if (answer.type === 'lab' && typeof answer.flag === 'string') {
    const slots = lab.flags ?? [];
    if (!slots.includes(answer.flag)) {
      context.report([...path, 'flag'], `lab "${lab.name}" has no flag "${answer.flag}"${slots.length > 0 ? ` (${slots.join(', ')})` : ''}`);
    }
    return;
  }
  if (answer.type !== 'check' || typeof answer.check !== 'string') return;
  const checks = Object.keys(lab.checks ?? {});
  if (!checks.includes(answer.check)) {
    context.report([...path, 'check'], `lab "${lab.name}" has no check "${answer.check}"${checks.length > 0 ? ` (${checks.join(', ')})` : ''}`);
  }
}

function lintMatch(answer: Raw, path: PathKey[], context: FileLintContext): void {
  const left = checkUniqueIds(answer.left, [...path, 'left'], 'left item', context);
  const right = checkUniqueIds(answer.right, [...path, 'right'], 'right item', context);
  const pairs = asRecord(answer.pairs);
  if (!pairs) return;
  for (const [leftId, rightId] of Object.entries(pairs)) {
    if (!left.has(leftId)) {
      context.report([...path, 'pairs', leftId], `"${leftId}" is not a left item id (${listIds(left)})`, 'key');
    }
    if ((typeof rightId === 'string' || typeof rightId === 'number') && !right.has(String(rightId))) {
      context.report([...path, 'pairs', leftId], `"${rightId}" is not a right item id (${listIds(right)})`);
    }
  }
  const missing = [...left].filter((id) => !(id in pairs));
  if (missing.length > 0) {
    const names = missing.map((id) => `"${id}"`).join(', ');
    context.report([...path, 'pairs'], `no pair for left item${missing.length > 1 ? 's' : ''} ${names}`);
  }
}

/** Reports repeated ids in a list of `{ id }` maps (at the repeat) and returns the ids. */
function checkUniqueIds(list: unknown, path: PathKey[], what: string, context: FileLintContext): Set<string> {
  const firstIndex = new Map<string, number>();
  asArray(list).forEach((item, index) => {
    const id = idOf(item);
    if (id === undefined) return;
    const earlier = firstIndex.get(id);
    if (earlier === undefined) {
      firstIndex.set(id, index);
      return;
    }
    const { line } = context.positionOf([...path, earlier, 'id']);
    context.report([...path, index, 'id'], `duplicate ${what} id "${id}" (first used on line ${line})`);
  });
  return new Set(firstIndex.keys());
}

function listIds(ids: Set<string>): string {
  return ids.size === 0 ? 'there are none' : `expected one of ${[...ids].join(', ')}`;
}

/** Every text value, with its path, that the languages check covers. */
function textValues(root: Raw): Array<[PathKey[], unknown]> {
  const texts: Array<[PathKey[], unknown]> = [];
  const add = (path: PathKey[], value: unknown) => {
    if (value !== undefined) texts.push([path, value]);
  };
  add(['title'], root.title);
  add(['summary'], root.summary);
  add(['briefing'], root.briefing);
  asArray(root.tasks).forEach((rawTask, t) => {
    const task = asRecord(rawTask);
    if (!task) return;
    for (const key of ['title', 'prompt', 'debrief']) add(['tasks', t, key], task[key]);
    asArray(task.clues).forEach((clue, c) => {
      add(['tasks', t, 'clues', c, 'text'], asRecord(clue)?.text);
    });
    const answer = asRecord(task.answer);
    for (const list of ['options', 'items', 'left', 'right']) {
      asArray(answer?.[list]).forEach((item, i) => {
        add(['tasks', t, 'answer', list, i, 'label'], asRecord(item)?.label);
      });
    }
  });
  return texts;
}

function checkLanguages(root: Raw, context: FileLintContext): void {
  for (const [path, value] of textValues(root)) {
    // Anything else is not text at all, which the schema already reports.
    if (typeof value !== 'string' && !asRecord(value)) continue;
    const present = typeof value === 'string' ? ['en'] : Object.keys(asRecord(value)!);
    const missing = context.requireLanguages.filter((language) => !present.includes(language));
    if (missing.length > 0) context.report(path, missingLanguagesMessage(missing, typeof value === 'string'));
  }
}

export function missingLanguagesMessage(missing: readonly string[], plain = false): string {
  const names = missing.map((language) => `"${language}"`).join(' and ');
  return `missing ${names} text${plain ? ' (a plain string counts as "en")' : ''}`;
}

const BRIEFING_FILE = /^briefing(?:\.([^.]*))?\.md$/i;

/**
 * Whether a file name is a briefing: `{ language }` for `briefing.en.md`, `{ problem }` for a
 * briefing file whose language is missing or unknown, `undefined` for any other file.
 */
export function classifyBriefingFile(name: string, languages: readonly string[]): { language: Language } | { problem: string } | undefined {
  const match = BRIEFING_FILE.exec(name);
  if (!match) return undefined;
  const language = match[1];
  if (language && languages.includes(language)) return { language: language as Language };
  const expected = languages.map((l) => `briefing.${l}.md`).join(' or ');
  return {
    problem: language ? `briefing for unknown language "${language}"; expected ${expected}` : `briefing file without a language; name it ${expected}`,
  };
}

export interface TreeEntry {
  file: string;
  id: string;
  position: SourcePosition;
  /** `unlock.after` ids with their positions. */
  after: Array<{ id: string; position: SourcePosition }>;
  hidden: boolean;
}

/**
 * Checks across the whole tree: at least one challenge, ids unique (reported at the repeat),
 * prerequisites that exist and form no cycle.
 */
export function lintTree(dir: string, entries: readonly TreeEntry[], challengeFiles: number): { problems: Problem[]; warnings: Problem[] } {
  if (challengeFiles === 0) {
    return { problems: [{ file: dir, line: 1, column: 1, message: `no challenges found: expected ${dir}/<id>/challenge.yaml` }], warnings: [] };
  }
  const problems: Problem[] = [];
  const seen = new Map<string, TreeEntry>();
  for (const entry of entries) {
    const first = seen.get(entry.id);
    if (first) {
      const message = `id: duplicate challenge id "${entry.id}", already used by ${first.file}:${first.position.line}`;
      problems.push({ file: entry.file, ...entry.position, message });
    } else {
      seen.set(entry.id, entry);
    }
  }
  // With a duplicate id, which of the two a prerequisite means is unclear: check once fixed.
  if (problems.length > 0) return { problems, warnings: [] };
  return lintPrerequisites(entries);
}
