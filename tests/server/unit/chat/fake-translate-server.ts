import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for both providers, speaking their real wire formats: LibreTranslate's
 * `POST /translate` JSON, and Amazon Translate's JSON 1.1 protocol (`POST /` with
 * `X-Amz-Target: AWSShineFrontendService_20170701.TranslateText`). It "translates" by
 * prefixing the target language, so tests can tell a translation from the original.
 */
export type FakeMode = 'up' | 'down' | 'hang';

export interface FakeCall {
  api: 'libretranslate' | 'aws';
  body: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

export interface FakeTranslateServer {
  url: string;
  mode: FakeMode;
  apiKey: string | undefined;
  calls: FakeCall[];
  close(): Promise<void>;
}

export const fakeTranslation = (text: string, target: string) => `[${target}] ${text}`;

export async function startFakeTranslateServer(): Promise<FakeTranslateServer> {
  const state: Omit<FakeTranslateServer, 'url' | 'close'> = { mode: 'up', apiKey: undefined, calls: [] };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw || '{}') as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      const target = req.headers['x-amz-target'];
      const api = target ? 'aws' : 'libretranslate';
      state.calls.push({ api, body, headers: req.headers });
      if (state.mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (api === 'aws') answerAws(req, res, body, String(target), state.mode);
      else answerLibre(req, res, body, state);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = state as FakeTranslateServer;
  fake.url = `http://127.0.0.1:${port}`;
  fake.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}

function answerLibre(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Record<string, unknown>,
  state: { mode: FakeMode; apiKey: string | undefined },
): void {
  const json = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  if (req.method !== 'POST' || req.url !== '/translate') return json(404, { error: 'Not Found' });
  if (state.mode === 'down') return json(500, { error: 'translation engine unavailable' });
  if (state.apiKey !== undefined && body.api_key !== state.apiKey) return json(403, { error: 'Invalid API key' });
  if (typeof body.q !== 'string' || typeof body.source !== 'string' || typeof body.target !== 'string')
    return json(400, { error: 'Invalid request: missing q, source or target' });
  json(200, { translatedText: fakeTranslation(body.q, body.target) });
}

function answerAws(req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>, target: string, mode: FakeMode): void {
  const json = (status: number, value: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(value));
  };
  if (req.method !== 'POST' || req.url !== '/' || target !== 'AWSShineFrontendService_20170701.TranslateText') {
    return json(400, { __type: 'UnknownOperationException', message: `unknown target ${target}` });
  }
  if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
    return json(403, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  }
  if (mode === 'down') return json(503, { __type: 'ServiceUnavailableException', Message: 'Amazon Translate is unavailable' });
  const { Text, SourceLanguageCode, TargetLanguageCode } = body;
  if (typeof Text !== 'string' || typeof SourceLanguageCode !== 'string' || typeof TargetLanguageCode !== 'string') {
    return json(400, { __type: 'ValidationException', message: 'Text, SourceLanguageCode and TargetLanguageCode are required' });
  }
  json(200, { TranslatedText: fakeTranslation(Text, TargetLanguageCode), SourceLanguageCode, TargetLanguageCode });
}
