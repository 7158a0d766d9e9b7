import { LANGUAGES, type Language } from '../challenges/challenge.ts';

/**
 * Team chat and support chat as pure rules: text cleaning, which languages a message is
 * translated into, and the DTO a reader gets. No I/O.
 */
export type ChatChannel = 'team' | 'support';

export const CHAT_TEXT_MAX = 1000;

export interface ChatMessage {
  id: number;
  teamId: number;
  channel: ChatChannel;
  authorPlayerId: number | null;
  authorName: string;
  authorAdmin: boolean;
  /** The staff member who wrote it (facilitator replies); shown to staff only. */
  authorStaffId: number | null;
  authorStaffName: string | null;
  language: Language;
  text: string;
  /** The challenge the player was on when they wrote (support messages). */
  challengeId: string | null;
  at: Date;
}

export interface TranslationState {
  messageId: number;
  language: Language;
  text: string | null;
  status: 'pending' | 'done' | 'failed';
  tries: number;
}

/**
 * What a reader gets. `text` is always the original, exactly as written (plain text: the
 * client escapes it); `translations` holds the finished ones by language, and
 * `pendingTranslations` the ones still coming (a `translation` stream event fills them in).
 */
export interface ChatMessageDto {
  id: number;
  channel: ChatChannel;
  authorName: string;
  authorAdmin: boolean;
  /** Written by the reader (for an admin reader: by a facilitator). */
  mine: boolean;
  /** Staff readers only: which staff member wrote a facilitator reply. */
  staffName?: string | null;
  language: Language;
  text: string;
  /** The challenge the player was on when they wrote (support messages), or null. */
  challengeId?: string | null;
  translations: Partial<Record<Language, string>>;
  pendingTranslations: Language[];
  at: string;
}

export interface ChatReader {
  playerId: number | null;
  admin: boolean;
  language: Language | null;
}

/**
 * Line breaks normalised, control characters (other than newline and tab) removed (PostgreSQL
 * text cannot hold NUL, and the rest only confuse), surrounding whitespace trimmed.
 */
export function cleanChatText(raw: string): string {
  return raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();
}

/** Length as PostgreSQL's char_length counts it (code points), so the check agrees with the table's. */
export function chatTextLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The languages a message needs besides its own: one translation per language, never per reader. */
export function translationTargets(source: Language, readers: readonly Language[]): Language[] {
  return LANGUAGES.filter((language) => language !== source && readers.includes(language));
}

/** A facilitator's language when not given: Japanese if the text has kana or kanji. */
export function guessLanguage(text: string): Language {
  return /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/.test(text) ? 'ja' : 'en';
}

export function toMessageDto(message: ChatMessage, translations: readonly TranslationState[], reader: ChatReader, maxTries: number): ChatMessageDto {
  const done: Partial<Record<Language, string>> = {};
  const pending: Language[] = [];
  for (const t of translations) {
    if (t.messageId !== message.id || t.language === message.language) continue;
    if (t.status === 'done' && t.text !== null) done[t.language] = t.text;
    else if (t.status === 'pending' || t.tries < maxTries) pending.push(t.language);
  }
  return {
    id: message.id,
    channel: message.channel,
    authorName: message.authorName,
    authorAdmin: message.authorAdmin,
    mine: reader.admin ? message.authorAdmin : reader.playerId !== null && message.authorPlayerId === reader.playerId,
    ...(reader.admin && { staffName: message.authorStaffName }),
    language: message.language,
    text: message.text,
    challengeId: message.challengeId,
    translations: done,
    pendingTranslations: pending,
    at: message.at.toISOString(),
  };
}
