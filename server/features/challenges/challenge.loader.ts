/**
 * Loads a challenge tree: every `<dir>/<id>/challenge.yaml` (or `.yml`) with the
 * `briefing.<lang>.md` files beside it. Every problem in the tree is collected, with its
 * position, never stopping at the first; see `challenge.lint.ts` for the checks.
 *
 * `challenges` holds the challenges none of whose files has a problem, each with its
 * `contentHash` beside the definition (not inside it, so the hash covers exactly the
 * definition). The tree as a whole is valid only when `problems` is empty.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGES } from './challenge.ts';
import type { ChallengeDefinition, Language, LocalizedText } from './challenge.ts';
import { challengeFileSchema } from './challenge.schema.ts';
import type { ChallengeFile } from './challenge.schema.ts';
import { classifyBriefingFile, formatPath, lintChallengeFile, lintTree, missingLanguagesMessage, sortProblems } from './challenge.lint.ts';
import type { Problem, TreeEntry } from './challenge.lint.ts';
import { contentHash, toChallengeDefinition } from './challenge.normalize.ts';
import { describeIssues } from './schema-issues.ts';
import { parseYamlSource } from './yaml-source.ts';
import type { PathKey, PositionTarget } from './yaml-source.ts';

export interface LoadOptions {
  /** Languages every text value (and briefing) must have, e.g. `['en', 'ja']`. */
  requireLanguages?: readonly Language[];
}

export interface LoadedChallenge {
  definition: ChallengeDefinition;
  /** sha256 of the canonical JSON of `definition`; see `contentHash`. */
  contentHash: string;
  /** The `challenge.yaml` it came from, as a path under the loaded directory. */
  file: string;
}

export interface LoadResult {
  challenges: LoadedChallenge[];
  problems: Problem[];
  /** Reported, but they do not make the tree invalid (e.g. a task that can be won by guessing). */
  warnings: Problem[];
}

const CHALLENGE_FILES = ['challenge.yaml', 'challenge.yml'];

export async function loadChallengeTree(dir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.normalize(dir).replace(/(.)[\\/]+$/, '$1');
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    const message = rootStat ? 'not a directory' : 'no such directory';
    return { challenges: [], problems: [{ file: root, line: 1, column: 1, message }], warnings: [] };
  }

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const folders = await challengeFolders(root, problems);
  const results = await Promise.all(folders.map((folder) => loadFolder(folder, options)));

  const entries: TreeEntry[] = [];
  const loaded: LoadedChallenge[] = [];
  let challengeFiles = 0;
  for (const result of results) {
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (result.file) challengeFiles += 1;
    if (result.entry) entries.push(result.entry);
    if (result.challenge) loaded.push(result.challenge);
  }
  const tree = lintTree(root, entries, challengeFiles);
  problems.push(...tree.problems);
  warnings.push(...tree.warnings);

  // A duplicate id is found only across the tree, after the folders loaded cleanly.
  const foldersWithProblems = new Set(problems.map((problem) => path.dirname(problem.file)));
  const challenges = loaded.filter((challenge) => !foldersWithProblems.has(path.dirname(challenge.file)));
  return { challenges, problems: dedupe(sortProblems(problems)), warnings: dedupe(sortProblems(warnings)) };
}

/** The folders to load: `root` itself when it holds a challenge file, else its sub-folders. */
async function challengeFolders(root: string, problems: Problem[]): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && CHALLENGE_FILES.includes(entry.name))) return [root];
  const folders: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    // `_shared/` or `.git/` beside the challenges are not challenges.
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const folder = path.join(root, entry.name);
    const names = await readdir(folder);
    if (names.some((name) => CHALLENGE_FILES.includes(name))) folders.push(folder);
    else {
      problems.push({
        file: folder,
        line: 1,
        column: 1,
        message: 'no challenge.yaml in this folder (folders whose name starts with _ or . are skipped)',
      });
    }
  }
  return folders;
}

interface FolderResult {
  file?: string;
  problems: Problem[];
  warnings: Problem[];
  entry?: TreeEntry;
  challenge?: LoadedChallenge;
}

async function loadFolder(folder: string, options: LoadOptions): Promise<FolderResult> {
  const requireLanguages = options.requireLanguages ?? [];
  const names = (await readdir(folder)).sort();
  const yamlNames = CHALLENGE_FILES.filter((name) => names.includes(name));
  const file = path.join(folder, yamlNames[0]!);
  const problems: Problem[] = [];
  if (yamlNames.length > 1) {
    problems.push(atStart(path.join(folder, yamlNames[1]!), `both ${yamlNames.join(' and ')} exist; keep one`));
  }

  const briefing = await readBriefings(folder, names, requireLanguages, problems);
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    problems.push(atStart(file, `cannot read the file: ${error.message}`));
    return undefined;
  });
  if (text === undefined) return { file, problems, warnings: [] };
  const checked = checkChallengeSource(file, text, {
    folder: path.basename(path.resolve(folder)),
    requireLanguages,
    hasBriefingFiles: Object.keys(briefing).length > 0,
  });
  problems.push(...checked.problems);
  const result: FolderResult = { file, problems, warnings: checked.warnings, ...(checked.entry && { entry: checked.entry }) };
  if (!checked.data || problems.length > 0) return result;
  const definition = toChallengeDefinition(checked.data, briefing);
  return { ...result, challenge: { definition, contentHash: contentHash(definition), file } };
}

export interface SourceCheck {
  problems: Problem[];
  warnings: Problem[];
  /** The validated file, when it matched the schema (other problems may remain). */
  data?: ChallengeFile;
  entry?: TreeEntry;
}

/**
 * Every problem in one challenge file's text: YAML syntax, schema and lint. Used by the
 * loader and by the importer to prove that what it writes loads.
 */
export function checkChallengeSource(
  file: string,
  text: string,
  options: { folder: string; requireLanguages?: readonly Language[]; hasBriefingFiles?: boolean },
): SourceCheck {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const source = parseYamlSource(text);
  for (const { position, message } of source.syntaxErrors) problems.push({ file, ...position, message });
  const raw = source.value;
  if (source.syntaxErrors.length > 0) return { problems, warnings };
  if (raw === null || raw === undefined) {
    problems.push(atStart(file, 'the file is empty; expected the challenge fields (id, title, tasks, ...)'));
    return { problems, warnings };
  }

  const located = (at: readonly PathKey[], message: string, target: PositionTarget): Problem => {
    const prefix = at.length > 0 ? `${formatPath(at)}: ` : '';
    return { file, ...source.positionOf(at, target), message: prefix + message };
  };
  const report = (at: readonly PathKey[], message: string, target: PositionTarget = 'value') => {
    problems.push(located(at, message, target));
  };
  const warn = (at: readonly PathKey[], message: string, target: PositionTarget = 'value') => {
    warnings.push({ ...located(at, message, target), severity: 'warning' });
  };
  const parsed = challengeFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of describeIssues(parsed.error.issues, raw)) {
      problems.push({ file, ...source.positionOf(issue.path, issue.target), message: issue.message });
    }
  }
  lintChallengeFile(raw, {
    folder: options.folder,
    requireLanguages: options.requireLanguages ?? [],
    positionOf: source.positionOf,
    report,
    warn,
  });
  if (options.hasBriefingFiles && source.has(['briefing'])) {
    report(['briefing'], 'given both here and as briefing.<lang>.md files; keep one', 'key');
  }

  const id = (raw as { id?: unknown }).id;
  return {
    problems,
    warnings,
    ...(parsed.success && { data: parsed.data }),
    ...(typeof id === 'string' && { entry: treeEntry(file, id, raw as Record<string, unknown>, source) }),
  };
}

function treeEntry(file: string, id: string, raw: Record<string, unknown>, source: ReturnType<typeof parseYamlSource>): TreeEntry {
  const unlock = raw.unlock as { after?: unknown } | null | undefined;
  const after = Array.isArray(unlock?.after) ? unlock.after : [];
  return {
    file,
    id,
    position: source.positionOf(['id']),
    after: after.flatMap((value, index) => (typeof value === 'string' ? [{ id: value, position: source.positionOf(['unlock', 'after', index]) }] : [])),
    hidden: raw.hidden === true,
  };
}

/** Reads `briefing.<lang>.md` files; reports unknown languages, empty files and missing ones. */
async function readBriefings(folder: string, names: readonly string[], requireLanguages: readonly Language[], problems: Problem[]): Promise<LocalizedText> {
  const briefing: LocalizedText = {};
  let firstFile: string | undefined;
  for (const name of names) {
    const kind = classifyBriefingFile(name, LANGUAGES);
    if (!kind) continue;
    const file = path.join(folder, name);
    if ('problem' in kind) {
      problems.push(atStart(file, kind.problem));
      continue;
    }
    const text = await readFile(file, 'utf8');
    if (text.trim() === '') problems.push(atStart(file, 'the briefing file is empty'));
    else briefing[kind.language] = text;
    firstFile ??= file;
  }
  const missing = requireLanguages.filter((language) => briefing[language] === undefined);
  if (firstFile && missing.length > 0) {
    const files = missing.map((language) => `briefing.${language}.md`).join(' and ');
    problems.push(atStart(firstFile, `briefing: ${missingLanguagesMessage(missing)} (add ${files})`));
  }
  return briefing;
}

function atStart(file: string, message: string): Problem {
  return { file, line: 1, column: 1, message };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.file}:${problem.line}:${problem.column} ${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
