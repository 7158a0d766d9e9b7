import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminClient, Client, createTestApp, EVENT_CODE, type TestApp } from '../../../support/app.ts';
import { passedIn, type SharedDatabase, sharedDatabase } from '../../../support/shared-postgres.ts';

const skipReason = inject('pgSkipReason');
const TEAMS = 40;
const TEAM_SIZE = 4;
const BURST_MS = 6000;

const TASKS = [
  { path: '/api/challenges/alpha/tasks/status-code', right: '307', wrong: '302', clues: 2 },
  { path: '/api/challenges/alpha/tasks/pick-stores', right: ['ddb', 's3'], wrong: ['rds'], clues: 2 },
  { path: '/api/challenges/beta/tasks/how-many', right: '7 times', wrong: '8', clues: 0 },
];

async function deadlocks(t: TestApp): Promise<number> {
  const { rows } = await sql<{ n: number }>`select deadlocks::int as n from pg_stat_database where datname = current_database()`.execute(t.ctx.db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * 160 players on two instances of one PostgreSQL, answering right and wrong and unlocking
 * clues without pauses: the load that deadlocked batches against each other and against
 * clue unlocks (a batch locked the teams with correct answers, then inserted attempts for
 * other teams, whose foreign keys wait on those teams' locks).
 */
describe.skipIf(Boolean(skipReason))(`a burst of play on two instances of one PostgreSQL${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: SharedDatabase;
  let instances: TestApp[];

  beforeAll(async () => {
    shared = await sharedDatabase();
    instances = [await createTestApp(passedIn, { database: shared.first }), await createTestApp(passedIn, { database: await shared.open() })];
    const admin = await adminClient(instances[0]!);
    expect((await admin.patch('/api/admin/event', { attemptsPerMinute: 1000 })).status).toBe(200);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    for (const t of instances ?? []) await t.close();
    await shared?.drop();
  });

  it('ends with no deadlock, no 5xx, no batch written one by one, and every score equal to its awards', async () => {
    const players: Client[] = [];
    for (let team = 0; team < TEAMS; team++) {
      let joinCode = '';
      for (let member = 0; member < TEAM_SIZE; member++) {
        const t = instances[(team + member) % 2] as TestApp;
        const client = new Client(t.app);
        expect((await client.post('/api/join', { eventCode: EVENT_CODE, displayName: `B${team}.${member}`, language: 'en' })).status).toBe(201);
        const res = member === 0 ? await client.post('/api/teams', { name: `Burst ${team}` }) : await client.post('/api/teams/join', { joinCode });
        expect(res.status).toBeLessThan(300);
        if (member === 0) joinCode = res.body.team.joinCode;
        players.push(client);
      }
    }
    const before = await deadlocks(instances[0]!);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const end = Date.now() + BURST_MS;
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    await Promise.all(
      players.map(async (player) => {
        while (Date.now() < end) {
          const task = TASKS[Math.floor(random() * TASKS.length)]!;
          const roll = random();
          const res =
            roll < 0.25 && task.clues > 0
              ? await player.post(`${task.path}/clues/${1 + Math.floor(random() * task.clues)}`)
              : await player.post(`${task.path}/attempts`, { answer: roll < 0.55 ? task.right : task.wrong });
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status >= 500) failures.push(JSON.stringify(res.body));
        }
      }),
    );

    expect(failures).toEqual([]);
    expect(await deadlocks(instances[0]!)).toBe(before);
    for (const t of instances) expect(t.services.play.writerStats().fallbacks).toBe(0);
    expect((statuses.get(200) ?? 0) + (statuses.get(429) ?? 0) + (statuses.get(409) ?? 0)).toBe([...statuses.values()].reduce((a, b) => a + b, 0));
    expect(statuses.get(200) ?? 0).toBeGreaterThan(TEAMS * TEAM_SIZE);
    const { rows } = await sql<{ id: number; score: number; awards: number; solved_tasks: number; solves: number }>`
      select t.id, t.score, coalesce(sum(s.awarded), 0)::int as awards, t.solved_tasks, count(s.task_id)::int as solves
      from team t left join solve s on s.team_id = t.id group by t.id`.execute(instances[0]!.ctx.db);
    expect(rows.length).toBe(TEAMS);
    for (const row of rows) {
      expect(row.score).toBe(row.awards);
      expect(row.solved_tasks).toBe(row.solves);
    }
  }, 120_000);
});
