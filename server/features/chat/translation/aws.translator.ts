import { createRequire } from 'node:module';
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
  /** Loads the SDK (tests hand in one that fails, as on an install without optional packages). */
  load?: () => Promise<Sdk>;
}

type Sdk = typeof import('@aws-sdk/client-translate');

export const AWS_SDK_PACKAGE = '@aws-sdk/client-translate';
/** What to tell the operator when the optional SDK is not installed. */
export const AWS_SDK_MISSING = `TRANSLATE_PROVIDER=aws needs the optional package ${AWS_SDK_PACKAGE}, which is not installed: run npm install ${AWS_SDK_PACKAGE} (or choose TRANSLATE_PROVIDER=libretranslate or none)`;

/** Whether the optional SDK can be loaded, without loading it (start-up check). */
export function awsSdkInstalled(resolve: (id: string) => string = createRequire(import.meta.url).resolve): boolean {
  try {
    resolve(AWS_SDK_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

function isMissingModule(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/**
 * Amazon Translate's TranslateText through the AWS SDK. The SDK is an optional dependency,
 * loaded on first use: servers on the other providers neither pay for it at start-up nor need
 * it installed.
 */
export class AwsTranslator implements Translator {
  readonly name = 'aws' as const;
  private client: { sdk: Sdk; client: TranslateClient } | undefined;

  constructor(private readonly options: AwsTranslatorOptions = {}) {}

  private async sdk(): Promise<{ sdk: Sdk; client: TranslateClient }> {
    if (!this.client) {
      let sdk: Sdk;
      try {
        sdk = await (this.options.load ?? (() => import('@aws-sdk/client-translate')))();
      } catch (error) {
        throw isMissingModule(error) ? new TranslationError(AWS_SDK_MISSING) : error;
      }
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
