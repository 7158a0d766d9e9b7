import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { Client, createTestApp, EVENT_CODE, type JsonResponse, type TestApp } from '../../../support/app.ts';
import { staffTrio, type StaffMember } from './staff-support.ts';

const PLAYERS = 5000;
const CAP = 4;

/** Runs `tasks` with at most `width` in flight, like a crowd hitting the server at once. */
async function crowd<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

/**
 * Sends like a player's browser: a 503 (the server shedding load while its connections are
 * all busy) is tried again after a moment, as the app does after `Retry-After`. Speed is the
 * benchmarks' business; this suite checks what the crowd ends up with.
 */
async function patiently(send: () => Promise<JsonResponse>, retried: { n: number }): Promise<JsonResponse> {
  for (let attempt = 0; ; attempt++) {
    const res = await send();
    if (res.status !== 503 || attempt >= 20) return res;
    retried.n += 1;
    await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
  }
}

/** A deterministic spread of choices, so a failing run can be repeated. */
function pick(i: number, n: number): number {
  return ((i * 2_654_435_761) % 2 ** 32) % n;
}

/**
 * The start of a big event: 5,000 players join within moments; most ask to be matched,
 * some start teams and others join those by code, while a facilitator assigns whoever is
 * left, all at once. No team may end up over the cap and no player in two teams.
 */
describeBackends('team formation under a 5,000-player start burst', (backend) => {
  let t: TestApp;
  let facilitator: StaffMember;
  let players: Client[];

  beforeAll(async () => {
    t = await createTestApp(backend);
    ({ facilitator } = await staffTrio(t));
    players = await crowd(
      Array.from({ length: PLAYERS }, (_, i) => async () => {
        const client = new Client(t.app);
        const res = await patiently(
          () => client.post('/api/join', { eventCode: EVENT_CODE, displayName: `Player ${i + 1}`, language: i % 4 === 0 ? 'ja' : 'en' }),
          {
            n: 0,
          },
        );
        if (res.status !== 201) throw new Error(`join ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        return client;
      }),
      200,
    );
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps every team within the cap and every player in one team at most', { timeout: 300_000 }, async () => {
    const founders = players.slice(0, 300);
    const codes = await crowd(
      founders.map((client, i) => async () => {
        const res = await patiently(() => client.post('/api/teams', { name: `Crew ${i + 1}` }), { n: 0 });
        if (res.status !== 201) throw new Error(`create ${i}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.team.joinCode as string;
      }),
      100,
    );
    // 1,200 joiners for 900 free seats by code, and 3,200 matchers, interleaved, with one
    // facilitator assignment fired in the middle of it.
    const joiners = players.slice(300, 1500);
    const matchers = players.slice(1500, 4700);
    const tasks: Array<() => Promise<JsonResponse>> = [];
    const retried = { n: 0 };
    for (let i = 0; i < Math.max(joiners.length, matchers.length); i++) {
      const joiner = joiners[i];
      if (joiner) tasks.push(() => patiently(() => joiner.post('/api/teams/join', { joinCode: codes[pick(i, codes.length)] }), retried));
      const matcher = matchers[i];
      if (matcher)
        tasks.push(() =>
          patiently(() => matcher.post('/api/teams/match', { skill: pick(i + 7, 5) + 1, goal: pick(i + 3, 3) === 0 ? 'win' : 'learn' }), retried),
        );
      if (i === 1000) tasks.push(() => patiently(() => facilitator.client.post('/api/admin/teams/assign', { mode: 'similar' }), retried));
    }
    const started = performance.now();
    const responses = await crowd(tasks, 300);
    const seconds = (performance.now() - started) / 1000;

    const unexpected = responses.filter((r) => r.status !== 200 && !(r.status === 409 && ['team_full', 'already_in_team'].includes(r.body?.error?.code)));
    expect(unexpected.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}`)).toEqual([]);

    const members = await t.ctx.db.selectFrom('player').select(['id', 'team_id', 'goal']).execute();
    const teams = await t.ctx.db.selectFrom('team').select(['id', 'goal']).execute();
    const sizes = new Map<number, number>();
    for (const p of members) if (p.team_id !== null) sizes.set(p.team_id, (sizes.get(p.team_id) ?? 0) + 1);
    const over = [...sizes].filter(([, n]) => n > CAP);
    expect(over).toEqual([]);
    // The running member counts matching reads agree with the rows.
    const counted = await t.ctx.db.selectFrom('team').select(['id', 'members']).execute();
    expect(counted.filter((team) => team.members !== (sizes.get(team.id) ?? 0))).toEqual([]);
    // One row per player and one team column: a player in two teams would be two rows.
    expect(members).toHaveLength(PLAYERS);
    expect(new Set(members.map((p) => p.id)).size).toBe(PLAYERS);
    // Every matcher got a team, of the goal they asked for.
    const goalOf = new Map(teams.map((team) => [team.id, team.goal]));
    const matchedWrong = members.filter((p) => p.goal !== null && (p.team_id === null || goalOf.get(p.team_id) !== p.goal));
    expect(matchedWrong).toEqual([]);
    // Matching fills teams: all but a few per goal are full.
    for (const goal of ['learn', 'win'] as const) {
      const goalTeams = teams.filter((team) => team.goal === goal).map((team) => sizes.get(team.id) ?? 0);
      expect(goalTeams.filter((n) => n < CAP).length, `${goal} teams not full`).toBeLessThan(Math.max(3, goalTeams.length * 0.05));
    }
    console.info(
      `[burst ${backend.name}] ${tasks.length} formation requests in ${seconds.toFixed(1)} s (${retried.n} tried again after a 503); ${teams.length} teams`,
    );
  });
});
