import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { describeBackends } from '../../../support/backends.ts';
import { passedIn, sharedDatabase } from '../../../support/shared-postgres.ts';
import { adminClient, type Client, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';
import { createStaff, type StaffMember } from '../staff/staff-support.ts';
import { announce, createCommsApp, openStream } from './helpers.ts';

const attempt = (client: Client, answer: string) => client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer });
const loggedSubmissions = async (t: TestApp) =>
  Number((await sql<{ n: string }>`select count(*) as n from event_log where type = 'submission'`.execute(t.ctx.db)).rows[0]?.n);

describeBackends('the live submissions feed reads the attempt log', (backend) => {
  let t: TestApp;
  let owner: Client;
  let support: StaffMember;

  beforeAll(async () => {
    t = await createCommsApp(backend);
    owner = await adminClient(t);
    support = await createStaff(t, owner, 'Sam Support', 'support');
    await startEvent(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes one attempt row and no event row for a wrong answer, and still shows it live to facilitators only', async () => {
    const { client, team } = await playerWithTeam(t, 'Aiko', 'Team A');
    const adminStream = await openStream(t, owner, { view: 'admin' });
    const supportStream = await openStream(t, support.client, { view: 'admin' });
    const before = Number((await sql<{ n: string }>`select count(*) as n from event_log`.execute(t.ctx.db)).rows[0]?.n);

    const answers = ['301', '302', '303'];
    for (const answer of answers) expect((await attempt(client, answer)).body.correct).toBe(false);
    const after = Number((await sql<{ n: string }>`select count(*) as n from event_log`.execute(t.ctx.db)).rows[0]?.n);
    expect(after).toBe(before);

    for (const answer of answers) await adminStream.waitForEvent('submission', (d) => d.answer === answer);
    const live = adminStream.named('submission').map((e) => JSON.parse(e.data));
    const page = (await owner.get(`/api/admin/submissions?teamId=${team.id}`)).body.submissions;
    // The same rows as the page, oldest first.
    expect(live).toEqual([...page].reverse());

    // A correct answer logs its solve and scores, and reaches the feed as a submission too.
    expect((await attempt(client, '307')).body.correct).toBe(true);
    await adminStream.waitForEvent('submission', (d) => d.answer === '307' && d.correct === true);
    expect(await loggedSubmissions(t)).toBe(0);

    await announce(owner, 'barrier');
    await supportStream.waitForEvent('announcement', (d) => d.text === 'barrier');
    expect(supportStream.named('submission')).toEqual([]);
    await Promise.all([adminStream.close(), supportStream.close()]);
  });

  it('keeps the stream ids of the event log: a submission goes out under the id the stream is at', async () => {
    const { client } = await playerWithTeam(t, 'Ben', 'Team B');
    const adminStream = await openStream(t, owner, { view: 'admin' });
    await announce(owner, 'before');
    await adminStream.waitForEvent('announcement', (d) => d.text === 'before');
    const id = adminStream.lastEventId;
    await attempt(client, '404');
    const submission = await adminStream.waitForEvent('submission', (d) => d.answer === '404');
    expect(submission.id).toBe(id);
    await adminStream.close();
  });
});

const skipReason = inject('pgSkipReason');

describe.skipIf(Boolean(skipReason))(`the live submissions feed on two instances${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let one: TestApp;
  let two: TestApp;
  let owner: Client;

  beforeAll(async () => {
    shared = await sharedDatabase();
    one = await createCommsApp(passedIn, { database: shared.first });
    two = await createCommsApp(passedIn, { database: await shared.open() });
    owner = await adminClient(one);
    await startEvent(one);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await shared?.drop();
  });

  it('shows a wrong answer made on instance A to an admin stream on instance B', async () => {
    const { client, team } = await playerWithTeam(one, 'Chie', 'Team C');
    const onTwo = await openStream(two, owner, { view: 'admin' });
    const wrong = await attempt(client, '500');
    expect(wrong.body.correct).toBe(false);
    const seen = await onTwo.waitForEvent('submission', (d) => d.answer === '500', 5000);
    expect(JSON.parse(seen.data)).toMatchObject({ teamId: team.id, teamName: 'Team C', playerName: 'Chie', correct: false, challengeId: 'alpha' });
    expect(await loggedSubmissions(one)).toBe(0);
    await onTwo.close();
  });

  it('shows an attempt whose id committed after later ones (a transaction held open on the database)', async () => {
    const { client, team } = await playerWithTeam(one, 'Dai', 'Team D');
    const onTwo = await openStream(two, owner, { view: 'admin' });
    const held = new pg.Client({ connectionString: shared.first.url });
    await held.connect();
    try {
      await held.query('begin');
      // Takes an id now and commits only after a later attempt was shown.
      await held.query(
        `insert into attempt (team_id, player_id, challenge_id, task_id, answer, correct, created_at) values ($1, null, 'alpha', 'status-code', '"held"', false, now())`,
        [team.id],
      );
      await attempt(client, '501');
      await onTwo.waitForEvent('submission', (d) => d.answer === '501', 5000);
      await held.query('commit');
    } finally {
      await held.end();
    }
    const late = await onTwo.waitForEvent('submission', (d) => d.answer === 'held', 5000);
    expect(JSON.parse(late.data)).toMatchObject({ teamId: team.id, correct: false });
    await onTwo.close();
  });
});
