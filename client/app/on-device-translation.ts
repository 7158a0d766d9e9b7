import type { Lang } from '../api-types.ts';

/**
 * Chat translation in the browser, with no server configuration: Chrome and Edge ship the
 * on-device Translator and LanguageDetector APIs (models downloaded by the browser). Both are
 * feature-detected; where they are missing or refuse, callers fall back to the server's
 * translation, then to the original text.
 */
interface OnDeviceTranslator {
  translate(text: string): Promise<string>;
}

interface TranslatorFactory {
  availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<string>;
  create(options: { sourceLanguage: string; targetLanguage: string }): Promise<OnDeviceTranslator>;
}

interface DetectorFactory {
  availability(options?: unknown): Promise<string>;
  create(options?: unknown): Promise<{ detect(text: string): Promise<Array<{ detectedLanguage: string; confidence: number }>> }>;
}

const MIN_CONFIDENCE = 0.6;

function api<T>(name: 'Translator' | 'LanguageDetector'): T | null {
  return typeof globalThis === 'object' && name in globalThis ? ((globalThis as unknown as Record<string, T>)[name] ?? null) : null;
}

/** Whether this browser offers on-device translation at all. */
export function hasOnDeviceTranslation(): boolean {
  return api('Translator') !== null;
}

const translators = new Map<string, Promise<OnDeviceTranslator | null>>();
const results = new Map<string, Promise<string | null>>();
let detector: Promise<Awaited<ReturnType<DetectorFactory['create']>> | null> | undefined;

function translatorFor(from: Lang, to: Lang): Promise<OnDeviceTranslator | null> {
  const key = `${from}>${to}`;
  let made = translators.get(key);
  if (!made) {
    const factory = api<TranslatorFactory>('Translator');
    made = (async () => {
      if (!factory) return null;
      const options = { sourceLanguage: from, targetLanguage: to };
      if ((await factory.availability(options)) === 'unavailable') return null;
      return factory.create(options);
    })().catch(() => null);
    translators.set(key, made);
  }
  return made;
}

/** The text in `to`, translated on this device, or null when the browser cannot. */
export function translateOnDevice(text: string, from: Lang, to: Lang): Promise<string | null> {
  if (from === to) return Promise.resolve(text);
  const key = `${from}>${to}:${text}`;
  let result = results.get(key);
  if (!result) {
    result = translatorFor(from, to)
      .then((t) => (t ? t.translate(text) : null))
      .catch(() => null);
    results.set(key, result);
  }
  return result;
}

/**
 * The language a text is really written in, when the browser can tell with confidence (a
 * player on the Japanese UI may well write English); null otherwise.
 */
export async function detectLanguage(text: string): Promise<Lang | null> {
  const factory = api<DetectorFactory>('LanguageDetector');
  if (!factory) return null;
  detector ??= (async () => ((await factory.availability()) === 'unavailable' ? null : factory.create()))().catch(() => null);
  try {
    const best = (await (await detector)?.detect(text))?.[0];
    if (!best || best.confidence < MIN_CONFIDENCE) return null;
    const lang = best.detectedLanguage.split('-')[0];
    return lang === 'en' || lang === 'ja' ? lang : null;
  } catch {
    return null;
  }
}
