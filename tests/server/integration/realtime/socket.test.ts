import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { publish } from '../../../../server/realtime/outbox.ts';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, type TestApp } from '../../../support/app.ts';
import { createCommsApp } from './helpers.ts';
import { SseReader } from './sse-client.ts';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`gave up waiting: ${what}`);
}

describeBackends('the stream over a real socket', (backend) => {
  let t: TestApp;
  let server: ServerType;
  let port: number;

  beforeAll(async () => {
    t = await createCommsApp(backend, { services: { translator: null, hub: { stallMs: 300, heartbeatMs: 100 } } });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => serverSockets.push(socket));
  });
  /** The server's side of every connection, to see which ones it let go. */
  const serverSockets: net.Socket[] = [];
  afterAll(async () => {
    t.services.hub.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    (server as unknown as { closeAllConnections(): void }).closeAllConnections();
    await closed;
    await t.close();
  });

  it('streams events over HTTP and forgets a client that hangs up', async () => {
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/stream?view=public`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = new SseReader(res.body);
    await reader.waitForEvent('hello');
    await reader.waitForEvent('scoreboard');
    expect(t.services.hub.stats().connections).toBe(1);
    abort.abort();
    await until(() => t.services.hub.stats().connections === 0, 'the hub to notice the hang-up');
  });

  it('drops a client that stopped reading while a reading client gets every event of a burst', async () => {
    const stalled = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(`GET /api/stream?view=public HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    await new Promise<void>((resolve) => stalled.once('data', () => resolve()));
    stalled.pause();
    const serverSide = serverSockets.find((s) => s.remotePort === stalled.localPort);
    expect(serverSide).toBeDefined();

    const res = await fetch(`http://127.0.0.1:${port}/api/stream?view=public`);
    const reader = new SseReader(res.body);
    await reader.waitForEvent('hello');
    const before = t.services.hub.stats().droppedSlow;

    // 24 batches of 500 events of 2 KB (24 MB in all): more than the stalled client's socket
    // buffers hold. Each batch waits for the reading client, as a reader keeping up would.
    const batch = 500;
    const count = 24 * batch;
    const text = 'x'.repeat(2000);
    for (let from = 1; from <= count; from += batch) {
      const at = new Date().toISOString();
      await t.ctx.database.transaction((trx) =>
        publish(
          trx,
          ...Array.from({ length: batch }, (_, i) => ({
            type: 'announcement' as const,
            scope: 'public' as const,
            payload: { id: from + i, text, texts: {}, level: 'info' as const, teamId: null, dismissAfterSeconds: null, at },
          })),
        ),
      );
      await reader.waitForEvent('announcement', (d) => d.id === from + batch - 1, 30_000);
    }
    const last = await reader.waitForEvent('announcement', (d) => d.id === count);
    expect(reader.named('announcement')).toHaveLength(count);
    expect(Number(last.id) - Number(reader.named('announcement')[0]!.id)).toBe(count - 1);
    await until(() => t.services.hub.stats().droppedSlow > before, 'the stalled client to be dropped');
    expect(t.services.hub.stats().connections).toBe(1);
    // Its socket is cut at once, though the client still reads nothing: the buffers it held go.
    await until(() => serverSide?.destroyed === true, "the server to let go of the stalled client's socket");
    stalled.destroy();
    await reader.close();
  }, 120_000);

  it('sends the head the middlewares set, never compressed, and heartbeats to an idle stream', async () => {
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/stream?view=public`, { signal: abort.signal, headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    expect(res.headers.get('content-encoding')).toBeNull();
    const reader = new SseReader(res.body);
    await reader.waitForEvent('hello');
    // heartbeatMs is 100 in this suite: two sweeps reach a stream that gets nothing else.
    for (let i = 0; i < 60 && (reader.raw.match(/: ping\nid: \d+\n\n/g) ?? []).length < 2; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect((reader.raw.match(/: ping\nid: \d+\n\n/g) ?? []).length).toBeGreaterThanOrEqual(2);
    abort.abort();
    await until(() => t.services.hub.stats().connections === 0, 'the hub to notice the hang-up');

    const head = await fetch(`http://127.0.0.1:${port}/api/stream?view=public`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(t.services.hub.stats().connections).toBe(0);
  });

  it("ends a revoked staff member's streams and, at shutdown, every stream, each with a clean end", async () => {
    const admin = await adminClient(t);
    const adminRes = await fetch(`http://127.0.0.1:${port}/api/stream?view=admin`, { headers: { cookie: admin.cookieHeader() } });
    const adminStream = new SseReader(adminRes.body);
    expect(JSON.parse((await adminStream.waitForEvent('hello')).data).role).toBe('admin');
    const screen = new SseReader((await fetch(`http://127.0.0.1:${port}/api/stream?view=public`)).body);
    await screen.waitForEvent('hello');
    expect(t.services.hub.stats().connections).toBe(2);

    // What revoking does (services.ts): close the streams of that staff member.
    expect(t.services.hub.disconnect((viewer) => viewer.role === 'admin')).toBe(1);
    await adminStream.waitForEnd();
    expect(t.services.hub.stats().connections).toBe(1);
    expect(screen.closed).toBe(false);

    // Shutdown (server.ts stops the hub first): the screen's stream ends, it is not cut.
    t.services.hub.stop();
    await screen.waitForEnd();
    expect(screen.raw.endsWith('\n\n')).toBe(true);
    expect(t.services.hub.stats().connections).toBe(0);
    t.services.hub.start();
  });
});
