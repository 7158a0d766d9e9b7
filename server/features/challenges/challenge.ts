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

/** The answer key of a task. Never sent to a player as is: see `publicAnswer` in play/. */
export type AnswerSpec =
  | { type: 'text'; accept: string[]; caseSensitive: boolean }
  | { type: 'regex'; pattern: string; flags: string }
  | { type: 'number'; value: number; tolerance: number; unit?: LocalizedText | undefined }
  | { type: 'choice'; options: Labelled[]; correct: string[] }
  | { type: 'order'; items: Labelled[] }
  | { type: 'match'; left: Labelled[]; right: Labelled[]; pairs: Record<string, string> }
  | { type: 'lab'; lab: string }
  | { type: 'check'; lab: string; check: string };

export type AnswerType = AnswerSpec['type'];

export interface ClueDefinition {
  /** 1-based position; clues unlock strictly in order. */
  index: number;
  text: LocalizedText;
  penalty: number;
}

export interface TaskDefinition {
  id: string;
  title: LocalizedText;
  prompt: LocalizedText;
  points: number;
  answer: AnswerSpec;
  clues: ClueDefinition[];
  debrief: LocalizedText;
  /** Where the key comes from (a page of a session report): for reviewers, never shown to players. */
  reference?: string;
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
}

/** Resolves a localised value for a reader: their language, then English, then any. */
export function resolveText(text: LocalizedText | undefined, language: Language): string {
  if (!text) return '';
  return text[language] ?? text.en ?? Object.values(text).find((v) => v !== undefined) ?? '';
}
