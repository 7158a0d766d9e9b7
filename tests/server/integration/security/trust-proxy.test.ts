import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { createTestApp, type TestApp } from '../../../support/app.ts';
import { PGLITE } from './security-support.ts';

/** The app on a real socket (rate-limit keys come from the peer address), on a random port. */
async function served(env: Record<string, string> = {}): Promise<{ t: TestApp; url: string; close(): Promise<void> }> {
  const t = await createTestApp(PGLITE, { env });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    t,
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}

function post(url: string, path: string, body: unknown, forwardedFor?: string) {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor !== undefined && { 'x-forwarded-for': forwardedFor }) },
    body: JSON.stringify(body),
  });
}

const wrongCode = (i: number) => ({ eventCode: `WRONG${i}`, displayName: `Guesser ${i}`, language: 'en' });

/**
 * The join and sign-in limits count per client address. A forged `X-Forwarded-For` must not
 * make one client look like many; behind proxies the operator trusts (TRUST_PROXY), the
 * header names the client instead.
 */
describe('rate-limit keys and X-Forwarded-For', () => {
  let current: Awaited<ReturnType<typeof served>> | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });

  it('ignores a forged header without TRUST_PROXY: wrong event codes and sign-ins are still limited', async () => {
    current = await served();
    for (let i = 0; i < 20; i++) expect((await post(current.url, '/api/join', wrongCode(i), `198.51.100.${i}`)).status).toBe(400);
    const join = await post(current.url, '/api/join', wrongCode(99), '198.51.100.200');
    expect(join.status).toBe(429);
    expect(Number(join.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await post(current.url, '/api/admin/login', { token: `guess-${i}` }, `203.0.113.${i}`)).status).toBe(401);
    expect((await post(current.url, '/api/admin/login', { token: 'guess-last' }, '203.0.113.250')).status).toBe(429);
  });

  it('with TRUST_PROXY=1 takes the client from the header the proxy appended', async () => {
    current = await served({ TRUST_PROXY: '1' });
    // Twenty-five different clients behind the proxy, one wrong code each: nobody is limited.
    for (let i = 0; i < 25; i++) expect((await post(current.url, '/api/join', wrongCode(i), `198.51.100.${i}`)).status).toBe(400);
    // One client guessing: limited, whatever it puts in front of what the proxy appended.
    for (let i = 0; i < 20; i++) expect((await post(current.url, '/api/join', wrongCode(i), `10.9.9.${i}, 192.0.2.7`)).status).toBe(400);
    expect((await post(current.url, '/api/join', wrongCode(0), '10.9.9.99, 192.0.2.7')).status).toBe(429);
  });

  it('with trusted networks walks past them only', async () => {
    current = await served({ TRUST_PROXY: 'loopback, 10.0.0.0/8' });
    // Through two trusted hops (127.0.0.1, then 10.1.2.3): the client is 192.0.2.8.
    for (let i = 0; i < 20; i++) expect((await post(current.url, '/api/join', wrongCode(i), `172.16.0.${i}, 192.0.2.8, 10.1.2.3`)).status).toBe(400);
    expect((await post(current.url, '/api/join', wrongCode(0), '172.16.9.9, 192.0.2.8, 10.1.2.3')).status).toBe(429);
    // Someone else behind the same proxies is not.
    expect((await post(current.url, '/api/join', wrongCode(0), '192.0.2.9, 10.1.2.3')).status).toBe(400);
  });
});
