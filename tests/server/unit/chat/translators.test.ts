import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LibreTranslateTranslator } from '../../../../server/features/chat/translation/libretranslate.translator.ts';
import { AWS_SDK_MISSING, AwsTranslator, awsSdkInstalled } from '../../../../server/features/chat/translation/aws.translator.ts';
import { createTranslator, TranslationError, type Translator } from '../../../../server/features/chat/translation/translator.ts';
import { fakeTranslation, startFakeTranslateServer, type FakeTranslateServer } from './fake-translate-server.ts';

let fake: FakeTranslateServer;
beforeAll(async () => {
  fake = await startFakeTranslateServer();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = 'up';
  fake.apiKey = undefined;
  fake.calls.length = 0;
});

/**
 * A provider that answers gets 5 s (a loaded CI machine can take more than 300 ms for a
 * first request); only the hang test waits for the short deadline.
 */
const providers: Array<[string, (timeoutMs?: number) => Translator]> = [
  ['libretranslate', (timeoutMs = 5000) => new LibreTranslateTranslator({ url: `${fake.url}/`, timeoutMs })],
  [
    'aws',
    (timeoutMs = 5000) =>
      new AwsTranslator({ region: 'ap-northeast-1', endpoint: fake.url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, timeoutMs }),
  ],
];

describe.each(providers)('%s translator', (api, make) => {
  it('sends the text with source and target languages and returns the translation', async () => {
    const text = 'ログは CloudWatch に出ています\n次は?';
    await expect(make().translate(text, 'ja', 'en')).resolves.toBe(fakeTranslation(text, 'en'));
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]!.api).toBe(api);
    const body = fake.calls[0]!.body;
    if (api === 'aws') expect(body).toEqual({ Text: text, SourceLanguageCode: 'ja', TargetLanguageCode: 'en' });
    else expect(body).toEqual({ q: text, source: 'ja', target: 'en', format: 'text' });
  });

  it('rejects with a TranslationError when the provider is down', async () => {
    fake.mode = 'down';
    await expect(make().translate('hello', 'en', 'ja')).rejects.toBeInstanceOf(TranslationError);
  });

  it('gives up at its deadline when the provider does not answer', async () => {
    fake.mode = 'hang';
    await expect(make(300).translate('hello', 'en', 'ja')).rejects.toBeInstanceOf(TranslationError);
  });

  it('recovers as soon as the provider is back', async () => {
    const translator = make();
    fake.mode = 'down';
    await expect(translator.translate('hello', 'en', 'ja')).rejects.toThrow();
    fake.mode = 'up';
    await expect(translator.translate('hello', 'en', 'ja')).resolves.toBe('[ja] hello');
  });
});

describe('LibreTranslate api key', () => {
  it('sends api_key when configured and reports a refusal', async () => {
    fake.apiKey = 'k-123';
    await expect(new LibreTranslateTranslator({ url: fake.url }).translate('hi', 'en', 'ja')).rejects.toThrow(/403: Invalid API key/);
    await expect(new LibreTranslateTranslator({ url: fake.url, apiKey: 'k-123' }).translate('hi', 'en', 'ja')).resolves.toBe('[ja] hi');
    expect(fake.calls.at(-1)?.body.api_key).toBe('k-123');
  });
});

describe('createTranslator', () => {
  it('picks the provider named by the configuration, none meaning no translation', () => {
    expect(createTranslator({ provider: 'none', url: undefined, apiKey: undefined, region: undefined })).toBeNull();
    expect(createTranslator({ provider: 'libretranslate', url: fake.url, apiKey: undefined, region: undefined })?.name).toBe('libretranslate');
    expect(createTranslator({ provider: 'aws', url: undefined, apiKey: undefined, region: 'us-east-1' })?.name).toBe('aws');
  });
});

describe('the optional AWS SDK', () => {
  const missing = () => Promise.reject(Object.assign(new Error("Cannot find package '@aws-sdk/client-translate'"), { code: 'ERR_MODULE_NOT_FOUND' }));

  it('is loaded only when a message is translated, and its absence is named with the command that installs it', async () => {
    let loads = 0;
    const translator = new AwsTranslator({
      region: 'us-east-1',
      load: () => {
        loads++;
        return missing();
      },
    });
    expect(loads).toBe(0);
    const error = await translator.translate('hello', 'en', 'ja').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TranslationError);
    expect((error as Error).message).toBe(AWS_SDK_MISSING);
    expect(AWS_SDK_MISSING).toContain('npm install @aws-sdk/client-translate');
    expect(loads).toBe(1);
  });

  it('is checked at start-up without being loaded: a server set to aws without it refuses with that message', () => {
    expect(awsSdkInstalled()).toBe(true);
    expect(
      awsSdkInstalled(() => {
        throw Object.assign(new Error('not found'), { code: 'MODULE_NOT_FOUND' });
      }),
    ).toBe(false);
  });
});
