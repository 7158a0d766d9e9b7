import type { Config } from '../../../config.ts';
import type { Language } from '../../challenges/challenge.ts';
import { AWS_SDK_MISSING, AwsTranslator, awsSdkInstalled } from './aws.translator.ts';
import { LibreTranslateTranslator } from './libretranslate.translator.ts';

/**
 * A machine translation provider. `translate` resolves with the text in `to`, or rejects
 * (provider down, refused, too slow): the caller keeps the original and retries later.
 */
export interface Translator {
  readonly name: 'libretranslate' | 'aws';
  translate(text: string, from: Language, to: Language, signal?: AbortSignal): Promise<string>;
}

export class TranslationError extends Error {
  override readonly name = 'TranslationError';
}

/** Every call gets at most this long; a message is never held up by a slow provider. */
export const DEFAULT_TRANSLATE_TIMEOUT_MS = 3000;

/**
 * The provider from TRANSLATE_PROVIDER, or null for `none` (messages are shown as written,
 * marked with their language).
 */
export function createTranslator(config: Config['translate'], timeoutMs = DEFAULT_TRANSLATE_TIMEOUT_MS): Translator | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'libretranslate':
      if (!config.url) throw new TranslationError('TRANSLATE_URL must be set for the libretranslate provider');
      return new LibreTranslateTranslator({ url: config.url, apiKey: config.apiKey, timeoutMs });
    case 'aws':
      // Refuse at start-up rather than fail every message later.
      if (!awsSdkInstalled()) throw new TranslationError(AWS_SDK_MISSING);
      // Credentials come from the standard chain; AWS_ENDPOINT_URL_TRANSLATE can point elsewhere.
      return new AwsTranslator({ region: config.region, timeoutMs });
  }
}

/** Aborts after `ms`, or when `outer` aborts, whichever comes first. */
export function deadline(ms: number, outer?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return outer ? AbortSignal.any([timeout, outer]) : timeout;
}
