import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, playerWithTeam, type Client, type JsonResponse, type TestApp } from '../../../support/app.ts';

/** Streams never finish a response; they have their own tests (realtime). */
const SKIP = new Set(['GET /api/stream']);

const BAD_BODIES: { name: string; body: string; type?: string }[] = [
  { name: 'not JSON', body: '{"answer": ' },
  { name: 'not JSON, as text/plain', body: 'hello', type: 'text/plain' },
  { name: 'form-encoded', body: 'name=x&answer=y', type: 'application/x-www-form-urlencoded' },
  { name: 'an array', body: '[]' },
  { name: 'null', body: 'null' },
  { name: 'a string', body: '"text"' },
  { name: 'a number', body: '12' },
  { name: 'an empty object', body: '{}' },
  { name: 'unknown fields', body: '{"zzz":1,"__proto__":{"admin":true},"constructor":{"prototype":{}}}' },
  {
    name: 'wrong types everywhere',
    body: '{"name":[],"answer":{},"joinCode":1,"eventCode":null,"displayName":{},"language":7,"stars":"5","points":"x","reason":[],"text":1,"token":[],"minutes":"10"}',
  },
  { name: 'control characters', body: '{"name":"\\u0000\\u001f","text":"\\u0000","reason":"\\u0000"}' },
  { name: 'deep nesting', body: `${'['.repeat(2000)}${']'.repeat(2000)}` },
  { name: 'a lone surrogate', body: '{"name":"\\ud800","text":"\\udfff"}' },
];

const BAD_PARAMS = ['..%2F..', '%2e%2e', '%E0%A4%A', 'x'.repeat(500), '-1', '0', '1.5', '99999999999999999999', 'NaN', '%00', '%20'];

const BAD_QUERY = [
  '?offset=-1&limit=abc',
  '?limit=0',
  '?limit=501&offset=1e309',
  '?top=0',
  '?before=not-a-number&after=%00',
  '?format=xml',
  '?teamId=abc&challengeId=..%2F..&correct=maybe&result=perhaps',
  '?%E0%A4%A=1',
  `?q=${'x'.repeat(10_000)}`,
];

/**
 * Every API route, as a player and as an admin, with malformed bodies, parameters and
 * queries: the answer is never a 5xx, and every 4xx is the error envelope.
 */
describeBackends('malformed input on every route', (backend) => {
  let t: TestApp;
  let routes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await createTestApp(backend);
    await (await adminClient(t)).post('/api/admin/event/start');
    const seen = new Set<string>();
    routes = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && !SKIP.has(`${r.method} ${r.path}`))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  });
  afterAll(async () => {
    await t.close();
  });

  /** A fresh player in a fresh team and a fresh admin session: a route may log out or leave. */
  async function callers(n: number) {
    const { client, team } = await playerWithTeam(t, `Sweeper ${n}`, `Sweep ${n}`);
    const me = (await client.get('/api/me')).body.player.id as number;
    return { player: client, admin: await adminClient(t), teamId: team.id, playerId: me };
  }

  function fill(path: string, values: Record<string, string>): string {
    return path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => values[name] ?? 'x');
  }

  function goodParams(path: string, teamId: number, playerId: number): Record<string, string> {
    const challenge = path.startsWith('/api/challenges');
    return {
      id: challenge ? 'alpha' : String(teamId),
      taskId: 'status-code',
      index: '1',
      action: 'extend',
      teamId: String(teamId),
      playerId: String(playerId),
    };
  }

  function expectNo5xx(res: JsonResponse, what: string): void {
    expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.body, `${what} → envelope`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  }

  it('finds the routes it sweeps', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toContain('POST /api/challenges/:id/tasks/:taskId/attempts');
  });

  it('never answers a malformed body with a 5xx', async () => {
    let n = 0;
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const who = await callers(n++);
      const url = fill(route.path, goodParams(route.path, who.teamId, who.playerId));
      for (const client of [who.player, who.admin] as Client[]) {
        for (const bad of BAD_BODIES) {
          expectNo5xx(
            await client.request(route.method, url, bad.body, { 'content-type': bad.type ?? 'application/json' }),
            `${route.method} ${url} with ${bad.name}`,
          );
        }
      }
    }
  });

  it('answers a body over 64 KB with 413 on every route that takes one', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(70 * 1024), answer: 'y', text: 'z' });
    const who = await callers(1000);
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const url = fill(route.path, goodParams(route.path, who.teamId, who.playerId));
      const res = await who.admin.request(route.method, url, huge);
      expect(res.status, `${route.method} ${url}`).toBe(413);
      expect(res.body.error.code).toBe('payload_too_large');
    }
  });

  it('never answers a bad path parameter with a 5xx', async () => {
    const who = await callers(2000);
    for (const route of routes.filter((r) => r.path.includes(':'))) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      for (const name of names) {
        for (const bad of BAD_PARAMS) {
          const url = fill(route.path, { ...goodParams(route.path, who.teamId, who.playerId), [name]: bad });
          for (const client of [who.player, who.admin] as Client[]) {
            const res = await client.request(route.method, url, route.method === 'GET' ? undefined : {});
            expectNo5xx(res, `${route.method} ${url}`);
            // `%2e%2e` is a dot segment: the URL parser resolves it to another route, as any server would.
            if (bad !== '%2e%2e') expect(res.status, `${route.method} ${url}`).not.toBe(200);
          }
        }
      }
    }
  });

  it('never answers a bad query with a 5xx', async () => {
    const who = await callers(3000);
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const url = fill(route.path, goodParams(route.path, who.teamId, who.playerId));
      for (const query of BAD_QUERY) {
        for (const client of [who.player, who.admin] as Client[]) expectNo5xx(await client.get(`${url}${query}`), `GET ${url}${query.slice(0, 80)}`);
      }
    }
  });
});
