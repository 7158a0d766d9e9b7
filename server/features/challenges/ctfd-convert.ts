/**
 * Converts one ctfcli `challenge.yml` (as parsed YAML) into our challenge file format: one
 * challenge with one task. Pure; `ctfd-import.ts` does the reading, checking and writing.
 *
 * ctfcli's fields follow its documented spec (`ctfcli/spec/challenge-example.yml`). What has
 * no counterpart here is listed in `notes`, one line each, so nothing is lost silently.
 */

export interface Conversion {
  id: string;
  /** Our `challenge.yaml` content, keys in the order they are written. */
  document: Record<string, unknown>;
  /** Lines for the comment at the top of the written file. */
  comments: string[];
  /** One line per thing that could not be carried over. */
  notes: string[];
}

export class ConversionError extends Error {
  override readonly name = 'ConversionError';
}

interface Flag {
  kind: 'static' | 'regex';
  content: string;
  caseInsensitive: boolean;
}

const MAX_HINTS = 3;
const SUMMARY_LENGTH = 200;
const IGNORED = new Set(['version']);
const HANDLED = new Set(['name', 'author', 'category', 'description', 'value', 'type', 'extra', 'flags', 'hints', 'tags', 'state']);
const NOT_CARRIED: Record<string, string> = {
  files: 'attached files are not carried; put them beside challenge.yaml and link them in the prompt',
  connection_info: 'connection info is not carried; add it to the prompt if players need it',
  requirements: 'prerequisite challenges are not carried; every challenge is open from the start',
  attempts: 'attempt limits are not carried; attempts are rate-limited per team and task instead',
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
  const description = optionalText(input, 'description') ?? '';
  const points = pointsOf(input, notes);
  const answer = answerOf(flagsOf(input.flags), notes);
  const clues = cluesOf(input.hints, notes);

  let category = optionalText(input, 'category');
  if (!category) {
    category = 'Imported';
    notes.push('category: missing; set to "Imported"');
  }
  const author = optionalText(input, 'author');
  notes.push('difficulty: ctfcli has none; set to medium');
  if (input.state === 'hidden') {
    comments.push('ctfcli state: hidden. This format has no hidden state: keep the folder out of the tree until it is ready.');
    notes.push('state: hidden is not carried; the challenge is visible once it is in the tree');
  }
  const tags = tagsOf(input.tags);

  for (const key of Object.keys(input)) {
    if (IGNORED.has(key) || HANDLED.has(key)) continue;
    const value = input[key];
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    notes.push(`${key}: ${NOT_CARRIED[key] ?? 'not a ctfcli field we know; not carried'}${detail(value)}`);
  }

  const prompt = description.trim() || name;
  if (!description.trim()) notes.push('description: missing; the prompt and summary repeat the name');
  const task: Record<string, unknown> = { id: 'flag', title: name, prompt, points, answer };
  if (clues.length > 0) task.clues = clues;
  const document: Record<string, unknown> = {
    id,
    title: name,
    category,
    difficulty: 'medium',
    source: author ? `ctfcli challenge by ${author}` : 'ctfcli challenge',
    summary: summaryOf(prompt),
    ...(tags.length > 0 && { tags }),
    tasks: [task],
  };
  return { id, document, comments, notes };
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
  if (typeof value === 'number') return String(value);
  throw new ConversionError(`${key}: expected text`);
}

function pointsOf(input: Record<string, unknown>, notes: string[]): number {
  const extra = (input.extra ?? {}) as Record<string, unknown>;
  const type = input.type ?? 'standard';
  if (type !== 'standard' && type !== 'dynamic') {
    throw new ConversionError(`type: "${String(type)}" is not supported; expected standard or dynamic`);
  }
  const value = type === 'dynamic' ? (extra.initial ?? input.value) : input.value;
  const points = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof points !== 'number' || !Number.isInteger(points) || points <= 0) {
    throw new ConversionError(`${type === 'dynamic' ? 'extra.initial' : 'value'}: expected a positive whole number of points`);
  }
  if (type === 'dynamic') {
    const shape = ['initial', 'decay', 'minimum', 'function'].filter((k) => extra[k] !== undefined).map((k) => `${k} ${String(extra[k])}`);
    notes.push(`type: dynamic scoring (${shape.join(', ')}) is not carried; the task is worth a fixed ${points} points`);
  } else if (input.extra !== undefined && input.extra !== null) {
    notes.push(`extra: not carried${detail(input.extra)}`);
  }
  return points;
}

function flagsOf(raw: unknown): Flag[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ConversionError('flags: none given; a task needs an answer');
  return raw.map((flag, index) => {
    if (typeof flag === 'string' || typeof flag === 'number') {
      return { kind: 'static', content: String(flag), caseInsensitive: false };
    }
    const entry = (flag ?? {}) as Record<string, unknown>;
    const kind = entry.type ?? 'static';
    if (kind !== 'static' && kind !== 'regex') {
      throw new ConversionError(`flags[${index}]: flag type "${String(kind)}" is not supported; expected static or regex`);
    }
    if (typeof entry.content !== 'string' || entry.content === '') {
      throw new ConversionError(`flags[${index}]: expected content as text`);
    }
    return { kind, content: entry.content, caseInsensitive: entry.data === 'case_insensitive' };
  });
}

/**
 * Several static flags become one text answer; one regex becomes a regex answer. Static flags
 * beside a regex are dropped only if the regex already accepts them; anything else would
 * change which answers count, so it is refused.
 */
function answerOf(flags: Flag[], notes: string[]): Record<string, unknown> {
  const regexes = flags.filter((flag) => flag.kind === 'regex');
  const statics = flags.filter((flag) => flag.kind === 'static');
  if (regexes.length === 0) {
    const insensitive = new Set(statics.map((flag) => flag.caseInsensitive));
    if (insensitive.size > 1) {
      throw new ConversionError(
        'flags: mixes case-sensitive and case-insensitive static flags; a text answer has one caseSensitive setting, so split or align them',
      );
    }
    return { type: 'text', accept: statics.map((flag) => flag.content), caseSensitive: !statics[0]!.caseInsensitive };
  }
  if (regexes.length > 1) {
    throw new ConversionError(`flags: ${regexes.length} regex flags; a task takes one pattern, so merge them into one regex first`);
  }
  const regex = regexes[0]!;
  // CTFd runs Python's `re`; named groups are the one common spelling JavaScript lacks.
  const pattern = regex.content.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  if (pattern !== regex.content) notes.push('flags: Python named groups (?P<...>) rewritten for JavaScript');
  const flagsText = regex.caseInsensitive ? 'i' : '';
  const unmatched = statics.filter((flag) => !fullMatch(pattern, flagsText, flag.content));
  if (unmatched.length > 0) {
    throw new ConversionError(
      `flags: the static flag "${unmatched[0]!.content}" is not accepted by the regex flag; one answer cannot hold both, so fold it into the regex first`,
    );
  }
  if (statics.length > 0) {
    const dropped = statics.map((flag) => flag.content).join(', ');
    notes.push(`flags: static flags dropped because the regex flag already accepts them (${dropped})`);
  }
  return { type: 'regex', pattern, flags: flagsText };
}

function fullMatch(pattern: string, flags: string, input: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, `${flags}u`).test(input);
  } catch {
    return false;
  }
}

function cluesOf(raw: unknown, notes: string[]): Array<{ text: string; penalty: number }> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new ConversionError('hints: expected a list');
  if (raw.length > MAX_HINTS) {
    throw new ConversionError(`hints: ${raw.length} hints, but a task takes at most ${MAX_HINTS} clues; merge or drop some first`);
  }
  const clues = raw.map((hint, index) => {
    if (typeof hint === 'string') return { text: hint, penalty: 0 };
    const entry = (hint ?? {}) as Record<string, unknown>;
    const cost = entry.cost ?? 0;
    if (typeof entry.content !== 'string' || entry.content.trim() === '') {
      throw new ConversionError(`hints[${index}]: expected content as text`);
    }
    if (typeof cost !== 'number' || !Number.isInteger(cost) || cost < 0) {
      throw new ConversionError(`hints[${index}]: expected cost as a whole number of points`);
    }
    if (entry.title !== undefined) notes.push(`hints[${index}].title: not carried (clues have no title)`);
    return { text: entry.content, penalty: cost };
  });
  if (clues.length > 1) notes.push('hints: CTFd unlocks hints in any order; here clues unlock strictly in file order');
  return clues;
}

function tagsOf(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .map((tag) => (typeof tag === 'object' && tag !== null ? (tag as { value?: unknown }).value : tag))
    .filter((tag): tag is string | number => typeof tag === 'string' || typeof tag === 'number')
    .map(String);
}

function summaryOf(text: string): string {
  const paragraph = text
    .split(/\n\s*\n/)[0]!
    .replace(/\s+/g, ' ')
    .trim();
  return paragraph.length <= SUMMARY_LENGTH ? paragraph : `${paragraph.slice(0, SUMMARY_LENGTH - 1).trimEnd()}…`;
}

function detail(value: unknown): string {
  if (Array.isArray(value)) return ` (${value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ')})`;
  if (typeof value === 'object' && value !== null) return ` (${JSON.stringify(value)})`;
  return ` (${String(value)})`;
}
