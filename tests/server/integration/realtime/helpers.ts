import type { ServicesOptions } from '../../../../server/services.ts';
import type { Backend, TestDatabase } from '../../../support/backends.ts';
import { createTestApp, type Client, type TestApp } from '../../../support/app.ts';
import { SseReader } from './sse-client.ts';

/**
 * The whole app as `createTestApp` builds it, with a say over the realtime parts (the
 * translator, hub limits), for the stream and chat suites.
 */
export async function createCommsApp(backend: Backend, options: { database?: TestDatabase; services?: ServicesOptions } = {}): Promise<TestApp> {
  return createTestApp(backend, { ...(options.database && { database: options.database }), services: options.services ?? { translator: null } });
}

export interface StreamOptions {
  view?: 'player' | 'public' | 'admin';
  lastEventId?: string;
  /** Send the id as `?lastEventId=` instead of the header. */
  idInQuery?: boolean;
}

/** Opens `GET /api/stream` in-process as `client` (null: anonymous, like the screen). */
export async function openStream(t: Pick<TestApp, 'app'>, client: Client | null, options: StreamOptions = {}): Promise<SseReader> {
  const params = new URLSearchParams();
  if (options.view) params.set('view', options.view);
  if (options.lastEventId && options.idInQuery) params.set('lastEventId', options.lastEventId);
  const headers: Record<string, string> = {};
  if (client) headers.cookie = client.cookieHeader();
  if (options.lastEventId && !options.idInQuery) headers['last-event-id'] = options.lastEventId;
  const res = await t.app.request(`http://localhost/api/stream${params.size ? `?${params}` : ''}`, { headers });
  if (res.status !== 200) throw new Error(`stream refused: ${res.status} ${await res.text()}`);
  const reader = new SseReader(res.body);
  await reader.waitForEvent('hello');
  return reader;
}

/** Sends a team chat message and returns its id. */
export async function say(client: Client, text: string): Promise<number> {
  const res = await client.post('/api/team/chat', { text });
  if (res.status !== 201) throw new Error(`chat failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.message.id as number;
}

export async function announce(admin: Client, text: string, teamId?: number): Promise<number> {
  const res = await admin.post('/api/admin/announcements', { text, level: 'info', ...(teamId ? { teamId } : {}) });
  if (res.status !== 201) throw new Error(`announcement failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.announcement.id as number;
}

export const chatText = (e: { data: string }) => JSON.parse(e.data).text as string;
