import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type Client, createTestApp, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { expectError, tableSnapshot, teamOf } from '../engine/engine-support.ts';
import { openStream } from '../realtime/helpers.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/fair-play');
const MINUTE = 60_000;

/**
 * The fair-play rules a file can set, enforced through HTTP as an event runs: the board's
 * order, a challenge held back until an admin puts it in play, prerequisites and a time lock
 * (pauses do not count), an admin opening a lock for everyone (pushed live), several accepted
 * answers, and the admin preview that writes nothing.
 */
describeBackends('fair-play rules from challenge files', (backend) => {
  let t: TestApp;
  let admin: Client;
  let kumo: Client;
  let sora: Client;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: FIXTURES });
    admin = await adminClient(t);
    [kumo] = (await teamOf(t, 'Kumo', 1)).members as [Client];
    [sora] = (await teamOf(t, 'Sora', 1, 'ja')).members as [Client];
  });
  afterAll(async () => {
    await t.close();
  });

  const board = async (client: Client) => {
    const res = await client.get('/api/challenges');
    expect(res.status).toBe(200);
    return res.body.challenges as Array<{
      id: string;
      summary: string;
      locked: boolean;
      lock: { after: { id: string; title: string }[]; atMinute: number | null; opensInMs: number | null } | null;
    }>;
  };
  const lockOf = async (client: Client, id: string) => (await board(client)).find((c) => c.id === id)?.lock;

  it("lists the board in the files' order, the warm-up first, without held-back challenges or raw Markdown", async () => {
    const cards = await board(kumo);
    expect(cards.map((c) => c.id)).toEqual(['warm-up', 'timed', 'gated', 'flags']);
    expect(cards[0]!.summary).toBe('Start here: the hello task.');
    expectError(await kumo.get('/api/challenges/secret'), 404, 'not_found');
  });

  it('says why a card is locked, in data the client words in each language', async () => {
    expect(await lockOf(kumo, 'gated')).toEqual({ after: [{ id: 'warm-up', title: 'Warm-up' }], atMinute: null, opensInMs: null });
    expect(await lockOf(sora, 'gated')).toEqual({ after: [{ id: 'warm-up', title: 'ウォームアップ' }], atMinute: null, opensInMs: null });
    expect(await lockOf(kumo, 'timed')).toMatchObject({ after: [], atMinute: 90 });
    expect(await lockOf(kumo, 'warm-up')).toBeNull();
  });

  it('warns at the start about a time rule past the end of the event', async () => {
    expect((await admin.patch('/api/admin/event', { durationMinutes: 80 })).status).toBe(200);
    const started = await admin.post('/api/admin/event/start');
    expect(started.status).toBe(200);
    expect(started.body.warnings).toEqual(['timed: unlock.atMinute 90 is not before the end of the 80-minute event; it would never open by time']);
    expect((await admin.post('/api/admin/event/extend', { minutes: 60 })).body.warnings).toEqual([]);
  });

  it('refuses the prompts, attempts and clues of a locked challenge with 403 locked and the reason', async () => {
    const detail = await kumo.get('/api/challenges/gated');
    expectError(detail, 403, 'locked');
    expect(detail.body.error.message).toBe('this challenge is locked: solve "Warm-up" first');
    expectError(await kumo.post('/api/challenges/gated/tasks/gate/attempts', { answer: 'gate' }), 403, 'locked');
    expectError(await kumo.post('/api/challenges/gated/tasks/gate/clues/1'), 403, 'locked');
    expect(await t.ctx.db.selectFrom('attempt').select('id').where('challenge_id', '=', 'gated').execute()).toEqual([]);
  });

  it('opens a prerequisite-locked challenge once the team solved every task of the prerequisite', async () => {
    expect((await kumo.post('/api/challenges/warm-up/tasks/hello/attempts', { answer: 'hello' })).body.correct).toBe(true);
    expect(await lockOf(kumo, 'gated')).toBeNull();
    expect((await kumo.get('/api/challenges/gated')).status).toBe(200);
    expect((await kumo.post('/api/challenges/gated/tasks/gate/attempts', { answer: 'gate' })).body).toMatchObject({ correct: true, awarded: 100 });
    // Another team's solve opens nothing for Sora.
    expect(await lockOf(sora, 'gated')).toMatchObject({ after: [{ id: 'warm-up' }] });
  });

  it('opens a time-locked challenge at its minute of running time, not counting a pause', async () => {
    // The test clock is the real one moved by hand: allow for the milliseconds the test itself takes.
    t.clock.advance(60 * MINUTE);
    const early = await lockOf(kumo, 'timed');
    expect(early).toMatchObject({ after: [], atMinute: 90 });
    expect(early!.opensInMs).toBeGreaterThan(29 * MINUTE);
    expect(early!.opensInMs).toBeLessThanOrEqual(30 * MINUTE);
    expect((await admin.post('/api/admin/event/pause')).status).toBe(200);
    const atPause = (await lockOf(kumo, 'timed'))!.opensInMs!;
    t.clock.advance(45 * MINUTE);
    expect((await lockOf(kumo, 'timed'))!.opensInMs).toBe(atPause);
    expect((await kumo.get('/api/challenges/timed')).body.error.message).toBe('this challenge is locked: it opens at 1:30 into the event');
    expect((await admin.post('/api/admin/event/resume')).status).toBe(200);
    t.clock.advance(atPause - 10_000);
    expect((await lockOf(kumo, 'timed'))!.opensInMs).toBeLessThanOrEqual(10_000);
    t.clock.advance(10_000);
    expect(await lockOf(kumo, 'timed')).toBeNull();
    expect((await kumo.post('/api/challenges/timed/tasks/later/attempts', { answer: 'later' })).body.correct).toBe(true);
  });

  it('lets an admin open a locked challenge for everyone, pushed live to the players', async () => {
    const stream = await openStream(t, sora);
    try {
      const opened = await admin.post('/api/admin/challenges/gated/open');
      expect(opened.status).toBe(200);
      await stream.waitForEvent('challenges', (data) => data.reason === 'open');
    } finally {
      await stream.close();
    }
    expect(await lockOf(sora, 'gated')).toBeNull();
    expect((await sora.post('/api/challenges/gated/tasks/gate/attempts', { answer: 'gate' })).body.correct).toBe(true);
    expectError(await admin.post('/api/admin/challenges/gated/open'), 409, 'conflict');
    expectError(await admin.post('/api/admin/challenges/warm-up/open'), 409, 'conflict');
  });

  it('keeps a hidden challenge out of play until an admin puts it in play, and through later reloads', async () => {
    const before = (await admin.get('/api/admin/challenges')).body.challenges.find((c: { id: string }) => c.id === 'secret');
    expect(before).toMatchObject({ held: true, inPlay: false });
    expectError(await kumo.post('/api/challenges/secret/tasks/hidden-flag/attempts', { answer: 'secret-key-7781' }), 404, 'not_found');
    const stream = await openStream(t, kumo);
    try {
      expect((await admin.post('/api/admin/challenges/secret/release')).status).toBe(200);
      await stream.waitForEvent('challenges', (data) => data.reason === 'release');
    } finally {
      await stream.close();
    }
    expect((await board(kumo)).map((c) => c.id)).toContain('secret');
    expectError(await admin.post('/api/admin/challenges/secret/release'), 409, 'conflict');
    expect((await admin.post('/api/admin/challenges/reload')).body.ok).toBe(true);
    expect((await board(sora)).map((c) => c.id)).toContain('secret');
    expect(
      await t.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'target'])
        .where('action', 'in', ['challenges.release', 'challenges.open'])
        .orderBy('id')
        .execute(),
    ).toEqual([
      { action: 'challenges.open', target: 'gated' },
      { action: 'challenges.release', target: 'secret' },
    ]);
  });

  it('accepts any listed answer with its own rules: exact text, and Python first-match regex', async () => {
    const attempt = async (answer: string) => (await sora.post('/api/challenges/flags/tasks/either/attempts', { answer })).body.correct as boolean;
    expect(await attempt('flag{a b}')).toBe(false);
    expect(await attempt('flag{a}b')).toBe(false);
    expect(await attempt('flag{a  b}')).toBe(true);
    expect((await kumo.post('/api/challenges/flags/tasks/either/attempts', { answer: 'flag{a}' })).body.correct).toBe(true);
    const detail = await kumo.get('/api/challenges/flags');
    expect(detail.body.tasks[0].answer).toEqual({ type: 'text' });
  });

  it('shows an admin any challenge with its keys and tries answers without writing anything', async () => {
    const before = await tableSnapshot(t);
    const preview = await admin.get('/api/admin/challenges/timed/preview?language=ja');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: 'timed', title: '時間で開く', state: { unlock: { atMinute: 90 } } });
    expect(preview.body.tasks[0].key).toEqual({ type: 'text', accept: ['later'], caseSensitive: false });
    const held = await admin.get('/api/admin/challenges/flags/preview');
    expect(held.body.tasks[0].key.type).toBe('any');
    expect((await admin.post('/api/admin/challenges/flags/tasks/either/try', { answer: 'flag{a}b' })).body).toEqual({ correct: false });
    expect((await admin.post('/api/admin/challenges/flags/tasks/either/try', { answer: 'flag{a}' })).body).toEqual({ correct: true });
    expectError(await admin.post('/api/admin/challenges/flags/tasks/either/try', { answer: ['flag{a}'] }), 400, 'invalid_input');
    expectError(await admin.get('/api/admin/challenges/nope/preview'), 404, 'not_found');
    expect(await tableSnapshot(t)).toEqual(before);
    expectError(await kumo.get('/api/admin/challenges/timed/preview'), 403, 'forbidden');
    expectError(await kumo.post('/api/admin/challenges/timed/tasks/later/try', { answer: 'later' }), 403, 'forbidden');
  });
});
