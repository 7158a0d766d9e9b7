import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeBackends } from '../../../support/backends.ts';
import { ADMIN_TOKEN, Client, createTestApp, EVENT_CODE, joinPlayer, playerWithTeam, type TestApp } from '../../../support/app.ts';
import { KEPT_TABLES, PER_EVENT_TABLES } from '../../../../server/features/event/per-event-tables.ts';
import { openStream } from '../realtime/helpers.ts';
import { parseCsv } from '../admin/helpers.ts';
import { staffTrio, type StaffMember } from './staff-support.ts';

async function counts(t: TestApp, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0]?.n);
  return out;
}

describeBackends('rehearsal reset', (backend) => {
  let t: TestApp;
  let owner: Client;
  let facilitator: StaffMember;

  beforeAll(async () => {
    t = await createTestApp(backend);
    ({ owner, facilitator } = await staffTrio(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists every table of the schema on exactly one side: per event or kept', async () => {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(t.ctx.db);
    const tables = rows.map((r) => r.name).filter((name) => !name.startsWith('kysely_'));
    const listed: string[] = [...PER_EVENT_TABLES, ...KEPT_TABLES];
    expect(new Set(listed).size, 'a table on both sides').toBe(listed.length);
    expect([...listed].sort()).toEqual(tables);
  });

  it('archives the rehearsal, empties every per-event table, keeps the rest, and sends everyone back to the join page', async () => {
    // A rehearsal with something in every per-event table.
    expect((await owner.patch('/api/admin/event', { maxTeamSize: 3, name: 'Spring Jam' })).status).toBe(200);
    expect((await facilitator.client.post('/api/admin/event/start')).status).toBe(200);
    const kumo = await playerWithTeam(t, 'Aki', 'Kumo');
    const sora = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    const ok = (status: number) => expect(status).toBeLessThan(300);
    ok((await kumo.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '302' })).status);
    ok((await kumo.client.post('/api/challenges/alpha/tasks/status-code/clues/1')).status);
    ok((await kumo.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' })).status);
    ok((await kumo.client.post('/api/challenges/alpha/tasks/pick-stores/attempts', { answer: ['ddb', 's3'] })).status);
    ok((await kumo.client.post('/api/challenges/alpha/rating', { stars: 5, comment: 'rehearsal rating' })).status);
    ok((await sora.client.post('/api/team/chat', { text: 'rehearsal chat' })).status);
    ok((await sora.client.post('/api/team/support', { text: 'rehearsal support' })).status);
    ok((await owner.post('/api/admin/announcements', { text: 'rehearsal announcement', level: 'info' })).status);
    ok((await owner.post(`/api/admin/teams/${sora.team.id}/adjustments`, { points: 5, reason: 'rehearsal bonus' })).status);
    await t.ctx.db.insertInto('lab_request').values({ team_id: kumo.team.id, lab: 'ecr-registry', method: 'GET', path: '/v2/', status: 200 }).execute();
    // A clue released by time during the rehearsal: the live event releases it afresh.
    await t.ctx.db.insertInto('clue_release').values({ challenge_id: 'alpha', task_id: 'status-code', idx: 2, released_at: new Date() }).execute();
    await t.ctx.db
      .insertInto('lab_state')
      .values({
        team_id: kumo.team.id,
        lab: 'kinesis-hot-shard',
        state: JSON.stringify({ shards: 1 }),
        resets: 2,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
    ok(
      (
        await t.ctx.db
          .insertInto('chat_translation')
          .values({ message_id: (await t.ctx.db.selectFrom('chat_message').select('id').executeTakeFirstOrThrow()).id, language: 'en', updated_at: new Date() })
          .execute()
      ).length,
    );
    const perEventBefore = await counts(t, PER_EVENT_TABLES);
    expect(Object.entries(perEventBefore).filter(([, n]) => n === 0)).toEqual([]);
    const keptBefore = await counts(t, ['challenge', 'task', 'clue', 'staff', 'app_secret']);

    const screen = await openStream(t, null);
    const player = await openStream(t, kumo.client);
    const refused = await owner.post('/api/admin/event/reset', { confirm: 'spring jam' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.field).toBe('confirm');
    expect((await facilitator.client.post('/api/admin/event/reset', { confirm: 'Spring Jam' })).status).toBe(403);
    expect(await counts(t, PER_EVENT_TABLES)).toEqual(perEventBefore);

    const reset = await owner.post('/api/admin/event/reset', { confirm: 'Spring Jam', newEventCode: true });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    expect(reset.body.eventCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(reset.body.archive).toMatchObject({ eventName: 'Spring Jam', teams: 2, players: 2, archivedBy: 'Owner' });

    // Screens and players connected now are told.
    for (const stream of [screen, player]) {
      const restart = await stream.waitForEvent('restart');
      expect(JSON.parse(restart.data)).toMatchObject({ eventName: 'Spring Jam' });
      await stream.close();
    }
    const after = await counts(t, PER_EVENT_TABLES);
    const { event_log: logRows, ...rest } = after;
    expect(Object.entries(rest).filter(([, n]) => n > 0)).toEqual([]);
    const log = await t.ctx.db.selectFrom('event_log').select('type').orderBy('id').execute();
    expect(log.map((r) => r.type)).toEqual(['restart', 'clock', 'scores']);
    expect(logRows).toBe(3);
    expect(await counts(t, ['challenge', 'task', 'clue', 'staff', 'app_secret'])).toEqual(keptBefore);

    // Back to draft with its settings; staff still signed in; players signed out.
    const event = (await facilitator.client.get('/api/admin/event')).body;
    expect(event).toMatchObject({ name: 'Spring Jam', state: 'draft', maxTeamSize: 3, startsAt: null, frozen: false, revealed: false });
    expect((await kumo.client.get('/api/me')).status).toBe(401);
    expect((await t.ctx.db.selectFrom('auth_session').select('id_hash').where('player_id', 'is not', null).execute()).length).toBe(0);

    // The new event code works and the old one does not.
    const again = new Client(t.app);
    expect((await again.post('/api/join', { eventCode: EVENT_CODE, displayName: 'Old Code', language: 'en' })).status).toBe(400);
    expect((await again.post('/api/join', { eventCode: reset.body.eventCode, displayName: 'New Code', language: 'en' })).status).toBe(201);
    expect((await again.post('/api/teams', { name: 'Kumo' })).status).toBe(201);

    const audit = (await owner.get('/api/admin/audit?limit=3')).body.entries;
    expect(audit.find((e: { action: string }) => e.action === 'event.reset')).toMatchObject({ actor: 'Owner', details: { eventName: 'Spring Jam', teams: 2 } });
  });

  it('keeps the archived results downloadable: the board, per-team solves and the submissions', async () => {
    const list = await owner.get('/api/admin/archives');
    expect(list.status).toBe(200);
    expect(list.body.archives).toHaveLength(1);
    const archive = list.body.archives[0];
    expect(archive.files.map((f: { name: string }) => f.name)).toEqual(['results.json', 'results.csv', 'submissions.csv']);

    const json = await owner.get(`/api/admin/archives/${archive.id}/results.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toContain('attachment');
    const board = json.body.teams as Array<{ name: string; rank: number; score: number; solves: Array<{ taskId: string }> }>;
    expect(board.map((team) => [team.rank, team.name])).toEqual([
      [1, 'Kumo'],
      [2, 'Sora'],
    ]);
    expect(board[0]?.solves.map((s) => s.taskId).sort()).toEqual(['pick-stores', 'status-code']);

    const csv = await owner.get(`/api/admin/archives/${archive.id}/results.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(String(csv.body).replace(/^\uFEFF/, ''));
    expect(rows[1]?.slice(0, 2)).toEqual(['1', 'Kumo']);

    const submissions = parseCsv(String((await owner.get(`/api/admin/archives/${archive.id}/submissions.csv`)).body).replace(/^\uFEFF/, ''));
    expect(submissions[0]).toEqual(['id', 'at', 'team', 'player', 'challenge', 'task', 'correct', 'answer', 'flags']);
    expect(submissions.slice(1).map((r) => [r[2], r[5], r[6], r[7]])).toEqual([
      ['Kumo', 'status-code', 'false', '"302"'],
      ['Kumo', 'status-code', 'true', '"307"'],
      ['Kumo', 'pick-stores', 'true', '["ddb","s3"]'],
    ]);
    expect((await owner.get(`/api/admin/archives/${archive.id}/secrets.txt`)).status).toBe(400);
    expect((await owner.get('/api/admin/archives/999/results.csv')).status).toBe(404);
    expect((await facilitator.client.get(`/api/admin/archives/${archive.id}/results.csv`)).status).toBe(403);
  });

  it('refuses a new event code while EVENT_CODE fixes it in the environment', async () => {
    const fixed = await createTestApp(backend, { database: t.database });
    try {
      fixed.ctx.config.eventCode = 'FIXEDCODE';
      const name = (await owner.get('/api/admin/event')).body.name as string;
      const admin = new Client(fixed.app);
      expect((await admin.post('/api/admin/login', { token: ADMIN_TOKEN })).status).toBe(200);
      const res = await admin.post('/api/admin/event/reset', { confirm: name, newEventCode: true });
      expect(res.status).toBe(409);
      expect(res.body.error.details.field).toBe('newEventCode');
    } finally {
      await fixed.close();
    }
  });

  it('forgets players cached on another instance and gives it the new event code', async () => {
    const other = await createTestApp(backend, { database: t.database });
    try {
      const name = (await owner.get('/api/admin/event')).body.name as string;
      const cached = await joinPlayer(other, 'Cached Elsewhere');
      const elsewhere = new Client(other.app);
      // Known to the other instance from its own cache.
      expect((await other.app.request('http://localhost/api/me', { headers: { cookie: cached.cookieHeader() } })).status).toBe(200);
      const reset = await owner.post('/api/admin/event/reset', { confirm: name, newEventCode: true });
      expect(reset.status).toBe(200);
      await expect
        .poll(async () => (await other.app.request('http://localhost/api/me', { headers: { cookie: cached.cookieHeader() } })).status, { timeout: 5000 })
        .toBe(401);
      await expect
        .poll(async () => (await elsewhere.post('/api/join', { eventCode: reset.body.eventCode, displayName: 'Next', language: 'en' })).status, {
          timeout: 5000,
        })
        .toBe(201);
    } finally {
      await other.close();
    }
  });
});
