/**
 * Converts one ctfcli `challenge.yml` (as read by `ctfd-read.ts`: numbers kept as text) into
 * our challenge file format. Pure; `ctfd-import.ts` does the reading, checking and writing.
 *
 * The aim is that an imported challenge accepts exactly what CTFd accepted: every flag, with
 * CTFd's comparison (ctfd-flags.ts). Whatever has no counterpart, or had to change, is said in
 * `notes`, one line each, so nothing is lost silently.
 */
import { anyFlagAnswer, type Flag, flagAnswer, flagsOf } from './ctfd-flags.ts';
import { ConversionError } from './ctfd-error.ts';
import { plainText } from './markdown.ts';

export { ConversionError } from './ctfd-error.ts';

export interface Conversion {
  id: string;
  /** ctfcli's `name`: prerequisites of other files may refer to it. */
  name: string;
  /** Our `challenge.yaml` content, keys in the order they are written. */
  document: Record<string, unknown>;
  /** Lines for the comment at the top of the written file. */
  comments: string[];
  /** One line per thing that could not be carried over as it was. */
  notes: string[];
  /** ctfcli `requirements`: names (or CTFd ids) of challenges to solve first, resolved by the importer. */
  requirements: string[];
}

const MAX_CLUES = 3;
const DEFAULT_POINTS = 100;
const SUMMARY_LENGTH = 200;
const IGNORED = new Set(['version']);
const HANDLED = new Set([
  ...['name', 'author', 'category', 'description', 'value', 'type', 'extra', 'flags', 'flag', 'hints', 'tags'],
  ...['state', 'connection_info', 'attempts', 'requirements', 'logic'],
]);
const NOT_CARRIED: Record<string, string> = {
  files: 'attached files are not carried; put them beside challenge.yaml and link them in the prompt',
  topics: 'topics are not carried',
  image: 'deployment settings are not carried',
  protocol: 'deployment settings are not carried',
  host: 'deployment settings are not carried',
  healthcheck: 'health checks are not carried',
  next: 'the "next challenge" link is not carried',
  attribution: 'attribution is not carried',
  solution: 'solutions are not carried',
};

/** `"Web 101: Intro!"` → `web-101-intro`. */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export function convertCtfdChallenge(raw: unknown, fallbackName: string): Conversion {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConversionError('expected a map of ctfcli fields (name, category, value, flags, ...)');
  }
  const input = raw as Record<string, unknown>;
  const notes: string[] = [];
  const comments: string[] = [];

  const name = requireText(input, 'name');
  const id = slugify(name) || slugify(fallbackName);
  if (!id) throw new ConversionError(`cannot make an id from the name "${name}"; give it a name with a-z or 0-9`);
  const written = optionalText(input, 'description')?.trim() ?? '';
  const description = withConnection(written, input.connection_info, notes);
  const points = pointsOf(input, notes);
  const flags = flagsOf(input);
  const clues = cluesOf(input.hints, points, notes);
  const attempts = attemptsOf(input.attempts);

  let category = optionalText(input, 'category');
  if (!category) {
    category = 'Imported';
    notes.push('category: not set; "Imported" used');
  }
  const author = optionalText(input, 'author');
  const hidden = stateOf(input.state, notes);
  for (const key of Object.keys(input)) {
    if (IGNORED.has(key) || HANDLED.has(key)) continue;
    const value = input[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    notes.push(`${key}: ${NOT_CARRIED[key] ?? 'not a ctfcli field we know; not carried'}${detail(value)}`);
  }

  const prompt = description || name;
  if (!description) notes.push('description: not set; the prompt and summary repeat the name');
  const tasks = tasksOf(input.logic, flags, { name, prompt, points, clues, attempts }, notes);
  const tags = tagsOf(input.tags);
  const document: Record<string, unknown> = {
    id,
    title: name,
    category,
    difficulty: 'medium',
    source: author ? `ctfcli challenge by ${author}` : 'ctfcli challenge',
    summary: summaryOf(written) || name,
    ...(tags.length > 0 && { tags }),
    ...(hidden && { hidden: true }),
    tasks,
  };
  if (hidden) comments.push('ctfcli state: hidden. Not in play until an admin puts it in play from the admin console.');
  return { id, name, document, comments, notes, requirements: requirementsOf(input.requirements, notes) };
}

interface TaskBase {
  name: string;
  prompt: string;
  points: number;
  clues: Array<{ text: string; penalty: number }>;
  attempts: number | undefined;
}

/**
 * `logic: any` (the default): one task that any flag solves. `logic: all`: every flag must be
 * found, so each becomes a task and the challenge is solved when all are; the points are
 * shared out so that solving them all is worth the challenge's value.
 */
function tasksOf(logic: unknown, flags: Flag[], base: TaskBase, notes: string[]): Record<string, unknown>[] {
  if (logic === undefined || logic === null || logic === 'any') {
    return [
      {
        id: 'flag',
        title: base.name,
        prompt: base.prompt,
        points: base.points,
        ...(base.attempts !== undefined && { attempts: base.attempts }),
        answer: anyFlagAnswer(flags, notes),
        ...(base.clues.length > 0 && { clues: base.clues }),
      },
    ];
  }
  if (logic === 'team') throw new ConversionError('logic: team (every member of a team submits a flag) has no counterpart here');
  if (logic !== 'all') throw new ConversionError(`logic: "${String(logic)}" is not one ctfcli knows; expected any, all or team`);
  if (flags.length === 1) return tasksOf('any', flags, base, notes);
  const share = Math.floor(base.points / flags.length);
  if (share === 0) throw new ConversionError(`logic: all with ${flags.length} flags needs at least ${flags.length} points to share out`);
  notes.push(
    `logic: all: one task per flag (${flags.length}), the challenge solved when every one is; ${base.points} points shared out` +
      (base.clues.length > 0 ? '; the hints are clues of the first task' : '') +
      (base.attempts !== undefined ? `; attempts ${base.attempts} counts per task, where CTFd counts per challenge` : ''),
  );
  return flags.map((flag, index) => ({
    id: `flag-${index + 1}`,
    title: `${base.name} (${index + 1}/${flags.length})`,
    prompt: index === 0 ? base.prompt : `Flag ${index + 1} of ${flags.length} of "${base.name}".`,
    points: index === flags.length - 1 ? base.points - share * (flags.length - 1) : share,
    ...(base.attempts !== undefined && { attempts: base.attempts }),
    answer: flagAnswer(flag, `flags[${index}]`, notes),
    ...(index === 0 && base.clues.length > 0 && { clues: base.clues }),
  }));
}

function requireText(input: Record<string, unknown>, key: string): string {
  const value = optionalText(input, key);
  if (!value) throw new ConversionError(`${key}: missing; ctfcli requires it`);
  return value;
}

function optionalText(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ConversionError(`${key}: expected text`);
}

function wholeNumber(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The connection line, appended as a code block a player can copy (a URL as a link). */
function withConnection(description: string, connection: unknown, notes: string[]): string {
  if (connection === undefined || connection === null || connection === '') return description;
  const text = String(connection).trim();
  notes.push('connection_info: appended to the prompt');
  const line = /^https?:\/\/\S+$/.test(text) ? `<${text}>` : `\`\`\`\n${text}\n\`\`\``;
  return `${description}${description ? '\n\n' : ''}**Connection**\n\n${line}`;
}

function pointsOf(input: Record<string, unknown>, notes: string[]): number {
  const extra = (input.extra ?? {}) as Record<string, unknown>;
  const type = input.type ?? 'standard';
  if (type !== 'standard' && type !== 'dynamic') throw new ConversionError(`type: "${String(type)}" is not supported; expected standard or dynamic`);
  const given = type === 'dynamic' ? (extra.initial ?? input.initial ?? input.value) : input.value;
  if (given === undefined || given === null) {
    notes.push(`value: not set; ${DEFAULT_POINTS} points used`);
    return DEFAULT_POINTS;
  }
  const points = wholeNumber(given);
  if (points === undefined || points <= 0)
    throw new ConversionError(`${type === 'dynamic' ? 'extra.initial' : 'value'}: expected a positive whole number of points`);
  if (type === 'dynamic') {
    const shape = ['initial', 'decay', 'minimum', 'function'].map((k) => [k, extra[k] ?? input[k]] as const).filter(([, v]) => v !== undefined);
    notes.push(`dynamic scoring (${shape.map(([k, v]) => `${k} ${String(v)}`).join(', ')}): fixed ${points} used`);
  } else if (input.extra !== undefined && input.extra !== null) {
    notes.push(`extra: not carried${detail(input.extra)}`);
  }
  return points;
}

function attemptsOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const attempts = wholeNumber(raw);
  if (attempts === undefined) throw new ConversionError('attempts: expected a whole number');
  // CTFd's 0 means no limit.
  return attempts > 0 ? attempts : undefined;
}

function stateOf(state: unknown, notes: string[]): boolean {
  if (state === undefined || state === null || state === 'visible') return false;
  if (state === 'hidden') return true;
  notes.push(`state: "${String(state)}" is not one ctfcli knows; the challenge is visible`);
  return false;
}

/**
 * Hints become clues. Clues open strictly in order, so free hints go first (a free hint after
 * a paid one would be locked behind it); beyond three, the rest are merged into the third;
 * penalties above the task's points are lowered, from the last clue, to fit.
 */
function cluesOf(raw: unknown, points: number, notes: string[]): Array<{ text: string; penalty: number }> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConversionError('hints: expected a list');
  const hints = raw.map((hint, index) => {
    if (typeof hint === 'string') return { index, text: hint, penalty: 0 };
    const entry = (hint ?? {}) as Record<string, unknown>;
    if (typeof entry.content !== 'string' || entry.content.trim() === '') throw new ConversionError(`hints[${index}]: expected content as text`);
    const cost = entry.cost === undefined || entry.cost === null ? 0 : wholeNumber(entry.cost);
    if (cost === undefined) throw new ConversionError(`hints[${index}]: expected cost as a whole number of points`);
    if (entry.title !== undefined) notes.push(`hints[${index}].title: not carried (clues have no title)`);
    if (entry.requirements !== undefined) notes.push(`hints[${index}].requirements: not carried; clues open in order instead`);
    return { index, text: entry.content, penalty: cost };
  });
  const sorted = [...hints].sort((a, b) => a.penalty - b.penalty || a.index - b.index);
  if (sorted.some((hint, i) => hint.index !== i)) {
    notes.push(`hints: ordered by cost, free first, since clues open in order: now ${sorted.map((h) => `hints[${h.index}] (${h.penalty})`).join(', ')}`);
  }
  let clues = sorted.map(({ text, penalty }) => ({ text, penalty }));
  if (clues.length > MAX_CLUES) {
    const merged = clues.slice(MAX_CLUES - 1);
    const penalty = merged.reduce((sum, clue) => sum + clue.penalty, 0);
    notes.push(
      `hints: ${clues.length} hints; the last ${merged.length} merged into the third clue (penalty ${penalty}, their total), as a task takes at most ${MAX_CLUES}`,
    );
    clues = [...clues.slice(0, MAX_CLUES - 1), { text: merged.map((clue) => clue.text.trim()).join('\n\n---\n\n'), penalty }];
  }
  const total = clues.reduce((sum, clue) => sum + clue.penalty, 0);
  if (total > points) {
    let excess = total - points;
    for (let i = clues.length - 1; i >= 0 && excess > 0; i -= 1) {
      const cut = Math.min(excess, clues[i]!.penalty);
      clues[i] = { ...clues[i]!, penalty: clues[i]!.penalty - cut };
      excess -= cut;
    }
    notes.push(`hints: costs add up to ${total}, more than the ${points} points; penalties lowered to ${clues.map((c) => c.penalty).join(', ')}`);
  }
  return clues;
}

function requirementsOf(raw: unknown, notes: string[]): string[] {
  if (raw === undefined || raw === null) return [];
  const record = typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  if (record?.anonymize) notes.push('requirements.anonymize: not carried; a locked challenge is listed with its title');
  const list = record ? record.prerequisites : raw;
  if (!Array.isArray(list)) throw new ConversionError('requirements: expected a list of challenge names');
  return list.map(String);
}

function tagsOf(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((tag) => (typeof tag === 'object' && tag !== null ? (tag as { value?: unknown }).value : tag))
    .filter((tag): tag is string | number => typeof tag === 'string' || typeof tag === 'number')
    .map(String);
}

/** Plain text (no Markdown, no HTML) of the description, cut at a word near 200 characters. */
function summaryOf(text: string): string {
  const plain = plainText(text);
  if (plain.length <= SUMMARY_LENGTH) return plain;
  const cut = plain.slice(0, SUMMARY_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > SUMMARY_LENGTH / 2 ? cut.lastIndexOf(' ') : cut.length).trimEnd()}…`;
}

function detail(value: unknown): string {
  if (Array.isArray(value)) return ` (${value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')})`;
  if (typeof value === 'object' && value !== null) return ` (${JSON.stringify(value)})`;
  return ` (${String(value)})`;
}
