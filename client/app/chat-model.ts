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

export interface MessageDisplay {
  /** The text to show. */
  text: string;
  /** Its language (for the `lang` attribute). */
  lang: Lang;
  /** Shown translated into the reader's language. */
  translated: boolean;
  /** Written in another language than the reader's (whether or not a translation exists). */
  foreign: boolean;
  /** A translation exists, so the view can offer the toggle. */
  canToggle: boolean;
}

/** What a reader of `lang` sees of a message: their language when there is a translation. */
export function displayMessage(message: ChatMessage, lang: Lang, showOriginal: boolean): MessageDisplay {
  const foreign = message.language !== lang;
  const translation = foreign ? message.translations[lang] : undefined;
  if (translation !== undefined && !showOriginal) {
    return { text: translation, lang, translated: true, foreign, canToggle: true };
  }
  return { text: message.text, lang: message.language, translated: false, foreign, canToggle: translation !== undefined };
}
