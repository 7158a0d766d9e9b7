import type { ChatEvent, ChatMessage, Lang, TranslationEvent } from '../api-types.ts';

/** A live `chat` event as the message a reader gets from `GET /api/team/chat`. */
export function messageFromEvent(event: ChatEvent, myPlayerId: number): ChatMessage {
  return {
    id: event.id,
    channel: event.channel,
    authorName: event.authorName,
    authorAdmin: event.authorAdmin,
    mine: !event.authorAdmin && event.authorPlayerId === myPlayerId,
    language: event.language,
    text: event.text,
    translations: {},
    pendingTranslations: [],
    at: event.at,
  };
}

/**
 * Adds messages to a thread: one entry per id (a message sent here also arrives on the
 * stream), in id order, keeping translations either copy already has.
 */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    byId.set(message.id, known ? { ...message, translations: { ...known.translations, ...message.translations }, mine: known.mine || message.mine } : message);
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function applyTranslation(list: readonly ChatMessage[], event: TranslationEvent): ChatMessage[] {
  if (!list.some((m) => m.id === event.messageId)) return [...list];
  return list.map((m) =>
    m.id === event.messageId
      ? {
          ...m,
          translations: { ...m.translations, [event.language]: event.text },
          pendingTranslations: m.pendingTranslations.filter((l) => l !== event.language),
        }
      : m,
  );
}

/** What this browser made of a message: the language it is really in, and its on-device translation. */
export interface DeviceReading {
  /** Detected by the browser; the author's UI language when it could not tell. */
  source: Lang;
  /** Translated on this device into the reader's language; null when it could not. */
  text: string | null;
}

export interface MessageDisplay {
  /** The text to show. */
  text: string;
  /** Its language (for the `lang` attribute). */
  lang: Lang;
  /** Shown translated into the reader's language, and by whom. */
  translated: false | 'device' | 'server';
  /** Written in another language than the reader's (whether or not a translation exists). */
  foreign: boolean;
  /** The language it was written in. */
  source: Lang;
  /** A translation exists, so the view can offer the toggle. */
  canToggle: boolean;
  /** The server is still translating it. */
  pending: boolean;
}

/**
 * What a reader of `lang` sees of a message: their language when there is a translation, made
 * on this device first (nothing to configure), else by the server's provider, else the original,
 * honestly marked as not translated.
 */
export function displayMessage(message: ChatMessage, lang: Lang, showOriginal: boolean, device?: DeviceReading): MessageDisplay {
  const source = device?.source ?? message.language;
  const foreign = source !== lang;
  const fromDevice = foreign ? (device?.text ?? undefined) : undefined;
  // The server translated from the author's UI language; if the text is really in the reader's, it is not needed.
  const fromServer = foreign && source === message.language ? message.translations[lang] : undefined;
  const translation = fromDevice ?? fromServer;
  const pending = foreign && translation === undefined && message.pendingTranslations.includes(lang);
  const base = { foreign, source, pending, canToggle: translation !== undefined };
  if (translation !== undefined && !showOriginal) return { ...base, text: translation, lang, translated: fromDevice !== undefined ? 'device' : 'server' };
  return { ...base, text: message.text, lang: source, translated: false };
}
