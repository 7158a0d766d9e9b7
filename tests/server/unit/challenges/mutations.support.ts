/**
 * Where a challenge file can be damaged so that it must become invalid: required fields to
 * drop, scalars to replace by a value of a type the schema refuses there. Written from the
 * format (docs/challenge-format.md) rather than from the schema, so the
 * mutation tests do not ask the loader's own rules what is required.
 */
export type KeyPath = (string | number)[];

const CHALLENGE_REQUIRED = ['id', 'title', 'category', 'difficulty', 'source', 'summary', 'tasks'];
const TASK_REQUIRED = ['id', 'title', 'prompt', 'points', 'answer'];
const ANSWER_REQUIRED: Record<string, string[]> = {
  text: ['accept'],
  regex: ['pattern'],
  number: ['value'],
  choice: ['options', 'correct'],
  order: ['items'],
  match: ['left', 'right', 'pairs'],
  lab: ['lab'],
};
const LABELLED_LISTS = ['options', 'items', 'left', 'right'];
const LANGUAGES = ['en', 'ja'];

type Raw = Record<string, unknown>;
const asRecord = (value: unknown): Raw | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : undefined);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Required keys present in `record`, as paths under `at`. */
const present = (record: Raw | undefined, keys: readonly string[], at: KeyPath): KeyPath[] =>
  record ? keys.filter((key) => key in record).map((key) => [...at, key]) : [];

/**
 * One language of a text given in both: required while every text must have both (the
 * tests load with `requireLanguages: ['en', 'ja']`).
 */
function languages(value: unknown, at: KeyPath): KeyPath[] {
  const record = asRecord(value);
  if (!record || !LANGUAGES.every((language) => typeof record[language] === 'string')) return [];
  return LANGUAGES.map((language) => [...at, language]);
}

/** Every key path whose removal must make the file invalid. */
export function droppableFields(file: unknown): KeyPath[] {
  const root = asRecord(file);
  const paths = [...present(root, CHALLENGE_REQUIRED, []), ...languages(root?.title, ['title']), ...languages(root?.summary, ['summary'])];
  for (const [i, taskValue] of asList(root?.tasks).entries()) {
    const task = asRecord(taskValue);
    const at: KeyPath = ['tasks', i];
    paths.push(...present(task, TASK_REQUIRED, at));
    for (const key of ['title', 'prompt', 'debrief']) paths.push(...languages(task?.[key], [...at, key]));
    const answer = asRecord(task?.answer);
    const type = typeof answer?.type === 'string' ? answer.type : '';
    paths.push(...present(answer, ['type', ...(ANSWER_REQUIRED[type] ?? [])], [...at, 'answer']));
    for (const list of LABELLED_LISTS) {
      for (const [k, item] of asList(answer?.[list]).entries()) {
        const itemAt = [...at, 'answer', list, k];
        paths.push(...present(asRecord(item), ['id', 'label'], itemAt), ...languages(asRecord(item)?.label, [...itemAt, 'label']));
      }
    }
    for (const [j, clue] of asList(task?.clues).entries()) {
      const clueAt = [...at, 'clues', j];
      paths.push(...present(asRecord(clue), ['text', 'penalty'], clueAt), ...languages(asRecord(clue)?.text, [...clueAt, 'text']));
    }
  }
  return paths;
}

/** Every path to a string, number or boolean in the file. */
export function scalarLeaves(value: unknown, at: KeyPath = []): KeyPath[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => scalarLeaves(item, [...at, i]));
  const record = asRecord(value);
  if (record) return Object.entries(record).flatMap(([key, item]) => scalarLeaves(item, [...at, key]));
  return ['string', 'number', 'boolean'].includes(typeof value) ? [at] : [];
}

/**
 * Option, item and pair ids accept text or a whole number (authors write `id: 1`), so there
 * only a list or a map is the wrong type.
 */
function isItemId(at: KeyPath): boolean {
  const answer = at.indexOf('answer');
  if (answer < 0) return false;
  const [list, , field] = at.slice(answer + 1);
  if (LABELLED_LISTS.includes(String(list)) && at.length === answer + 4) return field === 'id';
  return (list === 'correct' || list === 'pairs') && at.length === answer + 3;
}

/** Values of a type the contract refuses where `original` stands. */
export function wrongValues(at: KeyPath, original: unknown): unknown[] {
  const containers = [['x'], { unexpected: 'x' }];
  if (isItemId(at)) return containers;
  if (typeof original === 'string') return [42, ...containers];
  if (typeof original === 'number') return ['many', ...containers];
  return ['yes', 1, ['x']];
}
