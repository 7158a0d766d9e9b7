import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../server/context.ts';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { EventBus } from '../../server/realtime/bus.ts';
import { ensureSecrets } from '../../server/secrets.ts';
import { createServices, type Services, type ServicesOptions } from '../../server/services.ts';
import type { Backend, TestDatabase } from './backends.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const GAME_FIXTURES = path.resolve(here, '../fixtures/game');
export const BUNDLED_CHALLENGES = path.resolve(here, '../../challenges');
export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const EVENT_CODE = 'TESTJAM';

/** A clock the test moves by hand. */
export class TestClock {
  private offset = 0;
  now = (): Date => new Date(Date.now() + this.offset);
  advance(ms: number): void {
    this.offset += ms;
  }
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  ctx: AppContext;
  clock: TestClock;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole app on a fresh database, challenges synced from `challengesDir`. */
export interface TestAppOptions {
  challengesDir?: string;
  database?: TestDatabase;
  /** A say over the realtime parts (translator, hub limits). */
  services?: ServicesOptions;
  /** More environment for loadConfig (e.g. TRUST_PROXY). */
  env?: Record<string, string>;
}

export async function createTestApp(backend: Backend, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await backend.open());
  const config = loadConfig({
    CHALLENGES_DIR: options.challengesDir ?? GAME_FIXTURES,
    DATA_DIR: path.join(here, '../../.tmp/unused'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const secrets = await ensureSecrets(database.handle.db, { adminToken: ADMIN_TOKEN, eventCode: EVENT_CODE, dataDir: config.dataDir });
  const bus = new EventBus(database.handle, silentLogger);
  await bus.start();
  const clock = new TestClock();
  const ctx: AppContext = { config, database: database.handle, db: database.handle.db, logger: silentLogger, secrets, bus, now: clock.now };
  const services = await createServices(ctx, options.services ?? {});
  const report = await services.challenges.reload(config.challengesDir, 'test');
  if (!report.ok) throw new Error(`fixture challenges invalid: ${report.problems.map((p) => p.text).join('\n')}`);
  const app = createApp(services);
  return {
    app,
    services,
    ctx,
    clock,
    database,
    async close() {
      await services.stop();
      await bus.stop();
      if (!options.database) await database.close();
    },
  };
}

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** An HTTP client with its own cookie jar, talking to the app in-process. */
export class Client {
  private cookies = new Map<string, string>();

  constructor(private readonly app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> }) {}

  async request<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
    }
    if (this.cookies.size > 0) {
      (init.headers as Record<string, string>).cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const res = await this.app.request(`http://localhost${url}`, init);
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const value = rest.join('=');
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (CSV export, HTML): keep the text.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A client of a server running at `baseUrl` (a real listener or process), over HTTP. */
  static over(baseUrl: string): Client {
    return new Client({ request: (input, init) => fetch(input.replace('http://localhost', baseUrl), init) });
  }

  /** The same player (the same cookies) talking to another app, e.g. the one after a restart. */
  withApp(app: { request: (input: string, init?: RequestInit) => Response | Promise<Response> }): Client {
    const client = new Client(app);
    client.cookies = new Map(this.cookies);
    return client;
  }

  get = <T = any>(url: string, headers?: Record<string, string>) => this.request<T>('GET', url, undefined, headers);
  post = <T = any>(url: string, body?: unknown, headers?: Record<string, string>) => this.request<T>('POST', url, body ?? {}, headers);
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Joins the event as a new player. */
export async function joinPlayer(t: TestApp, displayName: string, language: 'en' | 'ja' = 'en'): Promise<Client> {
  const client = new Client(t.app);
  const res = await client.post('/api/join', { eventCode: EVENT_CODE, displayName, language });
  if (res.status !== 201) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** A player who created a team; returns the client and the team. */
export async function playerWithTeam(t: TestApp, displayName: string, teamName: string, language: 'en' | 'ja' = 'en') {
  const client = await joinPlayer(t, displayName, language);
  const res = await client.post('/api/teams', { name: teamName });
  if (res.status !== 201) throw new Error(`team create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, team: res.body.team as { id: number; name: string; joinCode: string; labToken: string } };
}

export async function adminClient(t: TestApp): Promise<Client> {
  const client = new Client(t.app);
  const res = await client.post('/api/admin/login', { token: ADMIN_TOKEN });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status}`);
  return client;
}

export async function startEvent(t: TestApp): Promise<void> {
  const admin = await adminClient(t);
  const res = await admin.post('/api/admin/event/start');
  if (res.status !== 200) throw new Error(`start failed: ${res.status} ${JSON.stringify(res.body)}`);
}
