import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, EVENT_CODE, joinPlayer, type Client, type TestApp } from '../../../support/app.ts';
import { tableSnapshot, teamOf } from './engine-support.ts';

const RUNS = 60;
const TASKS = ['alpha/status-code', 'alpha/pick-stores', 'beta/order-steps', 'beta/how-many', 'beta/secret-pattern', 'beta/match-services', 'beta/lab-flag'];

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('', ' ', '\u3000', 'Kumo', 'en', 'ja', EVENT_CODE));
const json = fc.jsonValue({ maxDepth: 4 });

/** A request body: raw text (often not JSON at all) or a JSON value near or far from the schema. */
function bodyOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<{ raw: string } | { json: unknown }> {
  const nearSchema = fc.record({ ...fields, extra: json }, { requiredKeys: [] });
  return fc.oneof(
    fc.record({ raw: fc.oneof(fc.string(), fc.string({ unit: 'binary' })) }),
    fc.record({ json }),
    fc.record({ json: nearSchema }),
    fc.record({ json: fc.record(fields, { requiredKeys: [] }) }),
  );
}

function send(client: Client, method: string, url: string, body: { raw: string } | { json: unknown }) {
  return client.request(method, url, 'raw' in body ? body.raw : JSON.stringify(body.json === undefined ? null : body.json));
}

/**
 * Random bodies on the routes that take player input: never a 5xx, always the error
 * envelope on a 4xx, and a refused request leaves every table as it was.
 */
describeBackends('random input (fast-check)', (backend) => {
  let t: TestApp;
  let player: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const admin = await adminClient(t);
    // A long event and a high per-task limit, so that the clock can move past the per-player limit.
    expect((await admin.patch('/api/admin/event', { durationMinutes: 10080, freezeMinutes: 0, attemptsPerMinute: 1000 })).status).toBe(200);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
    player = (await teamOf(t, 'Fuzz', 1)).members[0]!;
  });
  afterAll(async () => {
    await t.close();
  });

  async function check(res: Awaited<ReturnType<typeof send>>, before: Record<string, number>, what: string): Promise<void> {
    expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      expect(await tableSnapshot(t), `${what} was refused but changed the database`).toEqual(before);
    }
  }

  it('attempts: random answers on every task type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TASKS), bodyOf({ answer: json }), async (task, body) => {
        t.clock.advance(2_000);
        const [challenge, taskId] = task.split('/');
        const before = await tableSnapshot(t);
        await check(
          await send(player, 'POST', `/api/challenges/${challenge}/tasks/${taskId}/attempts`, body),
          before,
          `attempt ${task} ${JSON.stringify(body)}`,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('clues: random indexes and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TASKS),
        fc.oneof(fc.integer({ min: -5, max: 10 }).map(String), fc.string({ minLength: 1 }).map(encodeURIComponent)),
        bodyOf({ index: json }),
        async (task, index, body) => {
          const [challenge, taskId] = task.split('/');
          const before = await tableSnapshot(t);
          await check(await send(player, 'POST', `/api/challenges/${challenge}/tasks/${taskId}/clues/${index}`, body), before, `clue ${task} ${index}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('join: random event codes, names and languages', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyOf({ eventCode: fc.oneof(text, json), displayName: fc.oneof(text, json), language: fc.oneof(text, json) }),
        fc.nat(60_000),
        async (body, address) => {
          const before = await tableSnapshot(t);
          // A fresh address each time: wrong codes are rate-limited per address.
          const res = await t.app.request('http://localhost/api/join', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${address >> 16}.${(address >> 8) & 255}.${address & 255}` },
            body: 'raw' in body ? body.raw : JSON.stringify(body.json === undefined ? null : body.json),
          });
          const parsed = { status: res.status, body: JSON.parse(await res.text()) as unknown, headers: res.headers };
          await check(parsed, before, `join ${JSON.stringify(body)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('teams: random names and join codes for create, join and rename', async () => {
    let loner = await joinPlayer(t, 'Loner');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['POST', '/api/teams'] as const, ['POST', '/api/teams/join'] as const, ['PATCH', '/api/team'] as const),
        bodyOf({ name: fc.oneof(text, json), joinCode: fc.oneof(text, json) }),
        async ([method, url], body) => {
          const client = url === '/api/team' ? player : loner;
          const before = await tableSnapshot(t);
          const res = await send(client, method, url, body);
          await check(res, before, `${method} ${url} ${JSON.stringify(body)}`);
          // The loner may now be in a team: start again with a new one.
          if (res.status < 300 && client === loner) loner = await joinPlayer(t, 'Loner');
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('keeps every score equal to the awards it is made of', async () => {
    const teams = await t.ctx.db.selectFrom('team').select(['id', 'score', 'solved_tasks']).execute();
    for (const team of teams) {
      const solves = await t.ctx.db.selectFrom('solve').select('awarded').where('team_id', '=', team.id).execute();
      expect(team.score).toBe(solves.reduce((sum, s) => sum + s.awarded, 0));
      expect(team.solved_tasks).toBe(solves.length);
    }
  });
});
