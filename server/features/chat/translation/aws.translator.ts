import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import type { Language } from '../../challenges/challenge.ts';
import { deadline, DEFAULT_TRANSLATE_TIMEOUT_MS, TranslationError, type Translator } from './translator.ts';

export interface AwsTranslatorOptions {
  region?: string | undefined;
  /** Another endpoint (a local fake in tests); otherwise the SDK's own resolution. */
  endpoint?: string;
  /** Explicit credentials (tests); otherwise the standard provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  timeoutMs?: number;
}

/** Amazon Translate's TranslateText through the AWS SDK. */
export class AwsTranslator implements Translator {
  readonly name = 'aws' as const;
  private readonly client: TranslateClient;

  constructor(private readonly options: AwsTranslatorOptions = {}) {
    this.client = new TranslateClient({
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // The worker retries with its own backoff; SDK retries would only stretch the deadline.
      maxAttempts: 1,
    });
  }

  async translate(text: string, from: Language, to: Language, signal?: AbortSignal): Promise<string> {
    try {
      const output = await this.client.send(new TranslateTextCommand({ Text: text, SourceLanguageCode: from, TargetLanguageCode: to }), {
        abortSignal: deadline(this.options.timeoutMs ?? DEFAULT_TRANSLATE_TIMEOUT_MS, signal),
      });
      if (typeof output.TranslatedText !== 'string') throw new TranslationError('Amazon Translate answered without TranslatedText');
      return output.TranslatedText;
    } catch (error) {
      if (error instanceof TranslationError) throw error;
      throw new TranslationError(`Amazon Translate failed: ${(error as Error).name}: ${(error as Error).message}`);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}
