import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, joinPlayer, type TestApp } from '../../../support/app.ts';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';
import { expectError, JOIN, tableSnapshot, teamOf } from './engine-support.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';

/** Every route a player acts through, with a body that would be valid. */
const PLAY_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/challenges'],
  ['GET', '/api/challenges/alpha'],
  ['POST', `${STATUS}/attempts`, { answer: '307' }],
  ['POST', `${STATUS}/clues/1`, {}],
  ['POST', '/api/challenges/alpha/rating', { stars: 5 }],
  ['POST', '/api/team/leave', {}],
  ['PATCH', '/api/team', { name: 'Renamed' }],
  ['POST', '/api/team/lab-token/rotate', {}],
];

const ADMIN_ROUTES: [string, string, unknown?][] = [
  ['GET', '/api/admin/event'],
  ['PATCH', '/api/admin/event', { maxTeamSize: 2 }],
  ...['start', 'pause', 'resume', 'end', 'freeze', 'unfreeze', 'reveal'].map((action): [string, string, unknown] => ['POST', `/api/admin/event/${action}`, {}]),
  ['POST', '/api/admin/event/extend', { minutes: 5 }],
  ['GET', '/api/admin/challenges'],
  ['POST', '/api/admin/challenges/reload', {}],
];

describeBackends('who may do what', (backend) => {
  let t: TestApp;
  let aki: Client;
  let ayu: Client;
  let ben: Client;
  let kumo: { id: number; joinCode: string; labToken: string };
  let sora: { id: number; joinCode: string; labToken: string };

  beforeAll(async () => {
    t = await createTestApp(backend);
    const a = await teamOf(t, 'Kumo', 2);
    const b = await teamOf(t, 'Sora', 1);
    [aki, ayu] = a.members as [Client, Client];
    [ben] = b.members as [Client];
    kumo = a.team;
    sora = b.team;
    await (await adminClient(t)).post('/api/admin/event/start');
    expect((await aki.post(`${STATUS}/clues/1`)).status).toBe(200);
    expect((await aki.post('/api/challenges/alpha/tasks/pick-stores/clues/1')).status).toBe(200);
    expect((await aki.post(`${STATUS}/attempts`, { answer: '307' })).body).toMatchObject({ correct: true, awarded: 80 });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('another team', () => {
    it('sees only its own progress in the challenge detail and list', async () => {
      const detail = await ben.get('/api/challenges/alpha');
      const [status, stores] = detail.body.tasks;
      expect(status).toMatchObject({ solved: false, penalty: 0, available: 100 });
      expect(status).not.toHaveProperty('awarded');
      expect(status).not.toHaveProperty('debrief');
      const closed = { paid: false, released: false, releaseInMs: null, unlocked: false };
      expect(status.clues).toEqual([
        { index: 1, penalty: 20, ...closed },
        { index: 2, penalty: 30, ...closed },
      ]);
      expect(stores.clues[0]).toEqual({ index: 1, penalty: 50, ...closed });
      const list = await ben.get('/api/challenges');
      expect(list.body.challenges.find((c: { id: string }) => c.id === 'alpha')).toMatchObject({ solvedTasks: 0 });
      // A query naming the other team changes nothing.
      expect((await ben.get(`/api/challenges/alpha?teamId=${kumo.id}`)).body).toEqual(detail.body);
    });

    it('gets only its own team from /api/me, with its own lab token', async () => {
      for (const url of ['/api/me', `/api/me?teamId=${kumo.id}`]) {
        const me = await ben.get(url);
        expect(me.body.team).toMatchObject({ id: sora.id, name: 'Sora', joinCode: sora.joinCode, labToken: sora.labToken });
        expect(me.body.team.members.map((m: { displayName: string }) => m.displayName)).toEqual(['Sora 1']);
        const raw = JSON.stringify(me.body);
        expect(raw).not.toContain(kumo.joinCode);
        expect(raw).not.toContain(kumo.labToken);
        expect(raw).not.toContain('Kumo');
      }
      const lab = (await ben.get('/api/challenges/beta')).body.tasks.find((task: { id: string }) => task.id === 'lab-flag');
      expect(lab.answer.token).toBe(sora.labToken);
    });

    it('unlocks and solves for its own team only', async () => {
      expectError(await ben.post(`${STATUS}/clues/2`), 409, 'clue_locked');
      expect((await ben.post(`${STATUS}/attempts`, { answer: '307' })).body).toEqual({ correct: true, awarded: 100, alreadySolved: false });
      expectError(await ben.post(`${STATUS}/attempts`, { answer: '307', teamId: kumo.id }), 400, 'invalid_input');
      expect((await ben.post('/api/challenges/alpha/tasks/pick-stores/clues/1')).status).toBe(200);

      const solves = await t.ctx.db.selectFrom('solve').select(['team_id', 'awarded']).orderBy('team_id').execute();
      expect(solves).toEqual([
        { team_id: kumo.id, awarded: 80 },
        { team_id: sora.id, awarded: 100 },
      ]);
      const unlocks = await t.ctx.db.selectFrom('clue_unlock').select(['team_id', 'task_id', 'idx']).orderBy('team_id').orderBy('task_id').execute();
      expect(unlocks).toEqual([
        { team_id: kumo.id, task_id: 'pick-stores', idx: 1 },
        { team_id: kumo.id, task_id: 'status-code', idx: 1 },
        { team_id: sora.id, task_id: 'pick-stores', idx: 1 },
      ]);
      const kumoView = (await ayu.get('/api/challenges/alpha')).body.tasks[0];
      expect(kumoView).toMatchObject({ solved: true, awarded: 80, penalty: 20 });
    });

    it('cannot solve with the lab flag of another team', async () => {
      const kumoFlag = deriveLabFlag(t.ctx.secrets.labSecret, kumo.id, 'beta', 'lab-flag');
      expect((await ben.post('/api/challenges/beta/tasks/lab-flag/attempts', { answer: kumoFlag })).body).toEqual({
        correct: false,
        awarded: 0,
        alreadySolved: false,
      });
      const soraFlag = deriveLabFlag(t.ctx.secrets.labSecret, sora.id, 'beta', 'lab-flag');
      expect((await ben.post('/api/challenges/beta/tasks/lab-flag/attempts', { answer: soraFlag })).body).toEqual({
        correct: true,
        awarded: 250,
        alreadySolved: false,
      });
      const kumoLab = await t.ctx.db.selectFrom('solve').select('team_id').where('task_id', '=', 'lab-flag').execute();
      expect(kumoLab).toEqual([{ team_id: sora.id }]);
    });

    it('cannot join, rename or rotate the token of a team it is not in', async () => {
      expectError(await ben.post('/api/teams/join', { joinCode: kumo.joinCode }), 409, 'already_in_team');
      expectError(await ayu.patch('/api/team', { name: 'Not the owner' }), 403, 'forbidden');
      expect((await ben.patch('/api/team', { name: 'Sora Two' })).body.team).toMatchObject({ id: sora.id, name: 'Sora Two' });
      expect((await ben.post('/api/team/lab-token/rotate')).body.team.id).toBe(sora.id);
      const teams = await t.ctx.db.selectFrom('team').select(['id', 'name', 'lab_token']).orderBy('id').execute();
      expect(teams[0]).toEqual({ id: kumo.id, name: 'Kumo', lab_token: kumo.labToken });
      expect(teams[1]).toMatchObject({ id: sora.id, name: 'Sora Two' });
      expect(teams[1]!.lab_token).not.toBe(sora.labToken);
      expectError(await ben.post('/api/challenges/alpha/rating', { stars: 5 }), 409, 'not_solved');
    });
  });

  describe('a player without a team', () => {
    it('gets 409 not_in_team on every play route and changes nothing', async () => {
      const loner = await joinPlayer(t, 'Loner');
      const before = await tableSnapshot(t);
      for (const [method, url, body] of PLAY_ROUTES) expectError(await loner.request(method, url, body), 409, 'not_in_team');
      expect(await tableSnapshot(t)).toEqual(before);
      expect((await loner.get('/api/me')).body).toMatchObject({ player: { displayName: 'Loner', teamId: null }, team: null });
    });
  });

  describe('an anonymous caller', () => {
    it('gets 401 on every player route', async () => {
      const anonymous = new Client(t.app);
      const routes: [string, string, unknown?][] = [
        ...PLAY_ROUTES,
        ['GET', '/api/me'],
        ['PATCH', '/api/me', { language: 'ja' }],
        ['POST', '/api/teams', { name: 'Ghosts' }],
        ['POST', '/api/teams/join', { joinCode: kumo.joinCode }],
      ];
      for (const [method, url, body] of routes) expectError(await anonymous.request(method, url, body), 401, 'unauthenticated');
    });
  });

  describe('admin routes', () => {
    it('answer 401 without a session and 403 to a player, and change nothing', async () => {
      const before = await tableSnapshot(t);
      const anonymous = new Client(t.app);
      for (const [method, url, body] of ADMIN_ROUTES) {
        expectError(await anonymous.request(method, url, body), 401, 'unauthenticated');
        expectError(await aki.request(method, url, body), 403, 'forbidden');
      }
      expect(await tableSnapshot(t)).toEqual(before);
      expect((await anonymous.get('/api/event')).body.state).toBe('running');
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request from another origin and accepts the same origin', async () => {
      const player = new Client(t.app);
      const before = await tableSnapshot(t);
      expectError(await player.post('/api/join', JOIN('Mallory'), { origin: 'https://evil.example' }), 403, 'csrf');
      expectError(await player.post('/api/join', JOIN('Mallory'), { origin: 'null' }), 403, 'csrf');
      expectError(await aki.post(`${STATUS}/clues/2`, {}, { origin: 'https://evil.example' }), 403, 'csrf');
      expectError(await aki.request('PATCH', '/api/team', { name: 'Pwned' }, { origin: 'https://evil.example' }), 403, 'csrf');
      expectError(await (await adminClient(t)).post('/api/admin/event/pause', {}, { origin: 'https://evil.example' }), 403, 'csrf');
      // An attacker's page on another port or scheme is another origin too.
      expectError(await aki.post(`${STATUS}/clues/2`, {}, { origin: 'http://localhost:6666', host: 'localhost' }), 403, 'csrf');
      const after = await tableSnapshot(t);
      // The admin login above wrote its own session and audit row; nothing else moved.
      expect({ ...after, auth_session: before.auth_session, audit_log: before.audit_log }).toEqual(before);

      const same = { origin: 'http://localhost', host: 'localhost' };
      expect((await player.post('/api/join', JOIN('Mallory'), same)).status).toBe(201);
      expect((await aki.post(`${STATUS}/clues/2`, {}, same)).status).toBe(200);
    });
  });
});
