import type { Language } from '../../challenges/challenge.ts';
import { deadline, DEFAULT_TRANSLATE_TIMEOUT_MS, TranslationError, type Translator } from './translator.ts';

export interface LibreTranslateOptions {
  /** The server's base URL; requests go to `${url}/translate`. */
  url: string;
  apiKey?: string | undefined;
  timeoutMs?: number;
}

/** LibreTranslate's `POST /translate` (the open-source, self-hostable server). */
export class LibreTranslateTranslator implements Translator {
  readonly name = 'libretranslate' as const;
  private readonly endpoint: string;

  constructor(private readonly options: LibreTranslateOptions) {
    this.endpoint = `${options.url.replace(/\/+$/, '')}/translate`;
  }

  async translate(text: string, from: Language, to: Language, signal?: AbortSignal): Promise<string> {
    const body = { q: text, source: from, target: to, format: 'text', ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}) };
    let response: Response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: deadline(this.options.timeoutMs ?? DEFAULT_TRANSLATE_TIMEOUT_MS, signal),
      });
    } catch (error) {
      throw new TranslationError(`libretranslate unreachable: ${(error as Error).message}`);
    }
    const payload = (await response.json().catch(() => null)) as { translatedText?: unknown; error?: unknown } | null;
    if (!response.ok) {
      const reason = typeof payload?.error === 'string' ? payload.error : response.statusText;
      throw new TranslationError(`libretranslate answered ${response.status}: ${reason}`);
    }
    if (typeof payload?.translatedText !== 'string') throw new TranslationError('libretranslate answered without translatedText');
    return payload.translatedText;
  }
}
