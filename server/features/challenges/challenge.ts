/**
 * The challenge model as loaded from `challenge.yaml` files, after validation and
 * normalisation. Pure types and helpers: no I/O.
 *
 * Every localised value is normalised to a `LocalizedText` map; a plain string in a file
 * becomes `{ en: value }` and is shown to every reader (see `resolveText`).
 */

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text value in one or more languages; `en` is the fallback. */
export type LocalizedText = Partial<Record<Language, string>>;

export const DIFFICULTIES = ['easy', 'medium', 'hard', 'expert'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface Labelled {
  id: string;
  label: LocalizedText;
}

/**
 * `exact`: compare the input as typed, only trimmed (no NFKC or whitespace folding), as CTFd
 * compares flags; the importer sets it so that an imported flag accepts what CTFd accepted.
 */
export interface TextAnswerSpec {
  type: 'text';
  accept: string[];
  caseSensitive: boolean;
  exact?: boolean;
}

/** `firstMatch`: the first match from the start must be the whole input (Python's `re.match`, as CTFd). */
export interface RegexAnswerSpec {
  type: 'regex';
  pattern: string;
  flags: string;
  exact?: boolean;
  firstMatch?: boolean;
}

/** The answer key of a task. Never sent to a player as is: see `publicAnswer` in play/. */
export type AnswerSpec =
  | TextAnswerSpec
  | RegexAnswerSpec
  | { type: 'number'; value: number; tolerance: number; unit?: LocalizedText | undefined }
  | { type: 'choice'; options: Labelled[]; correct: string[] }
  | { type: 'order'; items: Labelled[] }
  | { type: 'match'; left: Labelled[]; right: Labelled[]; pairs: Record<string, string> }
  | { type: 'lab'; lab: string; flag?: string | undefined }
  | { type: 'check'; lab: string; check: string }
  /** Correct when any listed answer accepts the input (CTFd's several flags). */
  | { type: 'any'; of: Array<TextAnswerSpec | RegexAnswerSpec> };

export type AnswerType = AnswerSpec['type'];

export interface ClueDefinition {
  /** 1-based position; clues unlock strictly in order. */
  index: number;
  text: LocalizedText;
  penalty: number;
  /** Minutes of running event time after which every team gets it free. */
  releaseAfterMinutes?: number;
}

export interface TaskDefinition {
  id: string;
  title: LocalizedText;
  prompt: LocalizedText;
  points: number;
  answer: AnswerSpec;
  clues: ClueDefinition[];
  debrief: LocalizedText;
  /** Where the key comes from (the session and the part of it): for reviewers, never shown to players. */
  reference?: string;
  /** At most this many wrong attempts per team. */
  attempts?: number;
  /** Points off the award per wrong attempt, once solved. */
  wrongPenalty?: number;
}

/** Locked until the team solved every task of each `after` challenge and `atMinute` of running time passed. */
export interface UnlockRule {
  after?: string[];
  atMinute?: number;
}

export interface ChallengeDefinition {
  id: string;
  title: LocalizedText;
  category: string;
  difficulty: Difficulty;
  source: string;
  summary: LocalizedText;
  /** Markdown briefing per language, from `briefing.<lang>.md` files or a `briefing` field. */
  briefing: LocalizedText;
  tasks: TaskDefinition[];
  /** Optional tags, carried from imports or authored. */
  tags: string[];
  /** Place on the board, lower first; see `boardOrder`. */
  order?: number;
  /** Not in play until an admin puts it in play. Only present when true, so hashes of older files stay. */
  hidden?: true;
  unlock?: UnlockRule;
}

/**
 * The board's order: challenges with an `order` first, lowest first; the rest after them;
 * ties keep the given order (the loader's, by folder name). Categories then appear in the
 * order of their first challenge.
 */
export function boardOrder<T extends { definition: Pick<ChallengeDefinition, 'order'> }>(challenges: readonly T[]): T[] {
  return challenges
    .map((challenge, index) => ({ challenge, index }))
    .sort(
      (a, b) => (a.challenge.definition.order ?? Number.POSITIVE_INFINITY) - (b.challenge.definition.order ?? Number.POSITIVE_INFINITY) || a.index - b.index,
    )
    .map(({ challenge }) => challenge);
}

/** Resolves a localised value for a reader: their language, then English, then any. */
export function resolveText(text: LocalizedText | undefined, language: Language): string {
  if (!text) return '';
  return text[language] ?? text.en ?? Object.values(text).find((v) => v !== undefined) ?? '';
}
