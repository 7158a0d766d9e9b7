import type { TranslateClient } from '@aws-sdk/client-translate';
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

type Sdk = typeof import('@aws-sdk/client-translate');

/**
 * Amazon Translate's TranslateText through the AWS SDK. The SDK is loaded on first use, so
 * servers on the default provider do not pay for it at start-up.
 */
export class AwsTranslator implements Translator {
  readonly name = 'aws' as const;
  private client: { sdk: Sdk; client: TranslateClient } | undefined;

  constructor(private readonly options: AwsTranslatorOptions = {}) {}

  private async sdk(): Promise<{ sdk: Sdk; client: TranslateClient }> {
    if (!this.client) {
      const sdk = await import('@aws-sdk/client-translate');
      const client = new sdk.TranslateClient({
        ...(this.options.region ? { region: this.options.region } : {}),
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
        // The worker retries with its own backoff; SDK retries would only stretch the deadline.
        maxAttempts: 1,
      });
      this.client = { sdk, client };
    }
    return this.client;
  }

  async translate(text: string, from: Language, to: Language, signal?: AbortSignal): Promise<string> {
    try {
      const { sdk, client } = await this.sdk();
      const output = await client.send(new sdk.TranslateTextCommand({ Text: text, SourceLanguageCode: from, TargetLanguageCode: to }), {
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
    this.client?.client.destroy();
  }
}
