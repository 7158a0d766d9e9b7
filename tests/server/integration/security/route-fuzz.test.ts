import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createTestApp, EVENT_CODE, playerWithTeam, type JsonResponse, type TestApp } from '../../../support/app.ts';
import { ADMIN_COOKIE, PLAYER_COOKIE } from '../../../../server/http/auth.ts';
import { BODY_LIMIT_BYTES } from '../../../../server/app.ts';
import { appRoutes, expectEnvelope, fillPath, PGLITE, rowCounts, type Route } from './security-support.ts';

const RUNS = 200;

/** Values a path segment might hold: valid ids, near misses, and arbitrary text. */
const segment = fc.oneof(
  fc.constantFrom('alpha', 'beta', 'status-code', 'lab-flag', '1', '2', 'extend', 'start', '0', '-1', '1e3', '2147483648', '..', '%', ' '),
  fc.integer().map(String),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** A body under the 64 KB limit: JSON of any shape, text that is not JSON, deep nesting, or a long string. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v === undefined ? null : v)),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .integer({ min: 1, max: (BODY_LIMIT_BYTES - 16) / 2 })
    .chain((depth) =>
      fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(Math.floor(depth / 3))}1${'}'.repeat(Math.floor(depth / 3))}`),
    ),
  fc.integer({ min: 1, max: BODY_LIMIT_BYTES - 64 }).map((n) => JSON.stringify({ text: 'x'.repeat(n), name: 'y', answer: 'z' })),
  fc
    .record(
      { answer: fc.jsonValue(), name: fc.jsonValue(), text: fc.jsonValue(), eventCode: fc.constantFrom(EVENT_CODE, ''), token: fc.string() },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=zz',
      'application/json; charset=latin1',
      '',
    ),
    fc.string({ maxLength: 30 }),
  ),
  { nil: undefined },
);

/** Cookies that are not a live session: garbage values, odd names, duplicates. */
const bogusCookie = fc.option(
  fc.oneof(
    fc.string({ maxLength: 60 }).map((v) => `${PLAYER_COOKIE}=${encodeURIComponent(v)}`),
    fc.string({ maxLength: 60 }).map((v) => `${ADMIN_COOKIE}=${encodeURIComponent(v)}`),
    fc.constantFrom(`${PLAYER_COOKIE}=`, `${ADMIN_COOKIE}=; ${ADMIN_COOKIE}=x`, '=;;=', `${PLAYER_COOKIE}="unterminated`),
  ),
  { nil: undefined },
);

const caller = fc.constantFrom('anonymous', 'player', 'admin');

/**
 * Random bodies, headers and path segments on every route of the app (from its router),
 * as every kind of caller: never a 5xx, every error in the envelope, and a request
 * answered 4xx leaves the row count of every table as it was.
 */
describe('every route under random input (fast-check)', () => {
  let t: TestApp;
  let routes: Route[];
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(PGLITE);
    const admin = await adminClient(t);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
    routes = appRoutes(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A fresh session each run: an earlier run may have logged out, left a team or been removed. */
  async function sessionCookie(kind: 'anonymous' | 'player' | 'admin'): Promise<string | undefined> {
    if (kind === 'admin') return (await adminClient(t)).cookieHeader();
    if (kind === 'player') return (await playerWithTeam(t, `Fuzzer ${n}`, `Fuzz Team ${n++}`)).client.cookieHeader();
    return undefined;
  }

  async function send(route: Route, url: string, headers: Record<string, string>, payload: string | undefined): Promise<JsonResponse> {
    const init: RequestInit = { method: route.method, headers };
    if (payload !== undefined) init.body = payload;
    const res = await t.app.request(`http://localhost${url}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // CSV export: keep the text.
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  it('never answers 5xx, always uses the error envelope, and a refused request writes nothing', { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.array(segment, { minLength: 4, maxLength: 4 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
        body,
        contentType,
        bogusCookie,
        caller,
        async (route, segments, query, payload, type, bogus, kind) => {
          let i = 0;
          const url =
            fillPath(route.path, () => encodeURIComponent(segments[i++ % segments.length]!)) +
            (query === undefined ? '' : `?${encodeURIComponent(query)}=${encodeURIComponent(query)}`);
          const session = await sessionCookie(kind);
          const headers: Record<string, string> = {};
          if (type !== undefined && route.method !== 'GET') headers['content-type'] = type;
          const cookie = [session, bogus].filter(Boolean).join('; ');
          if (cookie) headers.cookie = cookie;
          const before = await rowCounts(t);
          const res = await send(route, url, headers, route.method === 'GET' ? undefined : payload);
          const what = `${kind} ${route.method} ${url.slice(0, 120)} (${type ?? 'no type'}, ${payload.length} bytes)`;
          expectEnvelope(res, what);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 400) expect(await rowCounts(t), `${what} → ${res.status} but changed the database`).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
    // The runs reached past the guards: some were refused as invalid input, some were not found.
    expect([...statuses.keys()].some((s) => s === 400 || s === 422)).toBe(true);
  });
});
