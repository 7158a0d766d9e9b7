import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, joinPlayer, type TestApp } from '../../../support/app.ts';
import { expectError, JOIN, tableSnapshot, teamOf } from './engine-support.ts';

type Who = 'anonymous' | 'loner' | 'player' | 'admin';

interface Case {
  who: Who;
  method: string;
  url: string;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  status: number;
  code: string;
  /** Must appear in the message: the failing field. */
  field?: string;
}

const A = '/api/challenges/alpha/tasks';
const B = '/api/challenges/beta/tasks';
const long = (n: number) => 'x'.repeat(n);

const CASES: Case[] = [
  // POST /api/join
  { who: 'anonymous', method: 'POST', url: '/api/join', body: {}, status: 400, code: 'invalid_input', field: 'eventCode' },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: { ...JOIN('x'), displayName: 5 }, status: 400, code: 'invalid_input', field: 'displayName' },
  {
    who: 'anonymous',
    method: 'POST',
    url: '/api/join',
    body: { ...JOIN('x'), displayName: ' \u3000 ' },
    status: 400,
    code: 'invalid_input',
    field: 'displayName',
  },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: JOIN(long(41)), status: 400, code: 'invalid_input', field: 'displayName' },
  {
    who: 'anonymous',
    method: 'POST',
    url: '/api/join',
    body: { ...JOIN('x'), displayName: 'a\u0007b' },
    status: 400,
    code: 'invalid_input',
    field: 'displayName',
  },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: { ...JOIN('x'), language: 'fr' }, status: 400, code: 'invalid_input', field: 'language' },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: { ...JOIN('x'), admin: true }, status: 400, code: 'invalid_input', field: 'admin' },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: { ...JOIN('x'), eventCode: long(65) }, status: 400, code: 'invalid_input', field: 'eventCode' },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: { ...JOIN('x'), eventCode: 'WRONG' }, status: 400, code: 'invalid_input', field: 'eventCode' },
  { who: 'anonymous', method: 'POST', url: '/api/join', body: '{"eventCode":', status: 400, code: 'invalid_json' },
  // Teams and the player
  { who: 'loner', method: 'POST', url: '/api/teams', body: {}, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: '' }, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: long(41) }, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: long(5000) }, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: 123 }, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: 'Kumo' }, status: 409, code: 'name_taken', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: 'KUMO' }, status: 409, code: 'name_taken', field: 'name' },
  { who: 'loner', method: 'POST', url: '/api/teams', body: { name: 'Fine', id: 1 }, status: 400, code: 'invalid_input', field: 'id' },
  { who: 'loner', method: 'POST', url: '/api/teams/join', body: { joinCode: 'ab' }, status: 400, code: 'invalid_input', field: 'joinCode' },
  { who: 'loner', method: 'POST', url: '/api/teams/join', body: { joinCode: 42 }, status: 400, code: 'invalid_input', field: 'joinCode' },
  { who: 'loner', method: 'POST', url: '/api/teams/join', body: { joinCode: 'ZZZZZZZZ' }, status: 404, code: 'not_found', field: 'joinCode' },
  { who: 'player', method: 'PATCH', url: '/api/team', body: { name: [] }, status: 400, code: 'invalid_input', field: 'name' },
  { who: 'player', method: 'PATCH', url: '/api/me', body: {}, status: 400, code: 'invalid_input', field: 'displayName' },
  { who: 'player', method: 'PATCH', url: '/api/me', body: { language: 'de' }, status: 400, code: 'invalid_input', field: 'language' },
  // Attempts: the envelope, then the answer's shape for the task's type
  { who: 'player', method: 'POST', url: `${A}/status-code/attempts`, body: {}, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${A}/status-code/attempts`, body: { answer: null }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${A}/status-code/attempts`, body: { answer: 307 }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${A}/status-code/attempts`, body: { answer: long(1001) }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${A}/status-code/attempts`, body: { answer: '307', teamId: 1 }, status: 400, code: 'invalid_input', field: 'teamId' },
  { who: 'player', method: 'POST', url: `${A}/pick-stores/attempts`, body: { answer: 'ddb' }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${A}/pick-stores/attempts`, body: { answer: [1, 2] }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${B}/order-steps/attempts`, body: { answer: { one: 1 } }, status: 400, code: 'invalid_input', field: 'answer' },
  {
    who: 'player',
    method: 'POST',
    url: `${B}/order-steps/attempts`,
    body: { answer: Array(51).fill('one') },
    status: 400,
    code: 'invalid_input',
    field: 'answer',
  },
  { who: 'player', method: 'POST', url: `${B}/match-services/attempts`, body: { answer: ['control'] }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${B}/match-services/attempts`, body: { answer: { control: 1 } }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${B}/how-many/attempts`, body: { answer: [7] }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${B}/how-many/attempts`, body: { answer: true }, status: 400, code: 'invalid_input', field: 'answer' },
  { who: 'player', method: 'POST', url: `${B}/lab-flag/attempts`, body: { answer: { flag: 'x' } }, status: 400, code: 'invalid_input', field: 'answer' },
  {
    who: 'player',
    method: 'POST',
    url: '/api/challenges/..%2F../tasks/status-code/attempts',
    body: { answer: '307' },
    status: 400,
    code: 'invalid_input',
    field: 'id',
  },
  {
    who: 'player',
    method: 'POST',
    url: '/api/challenges/alpha/tasks/..%2F..%2Fetc/attempts',
    body: { answer: '307' },
    status: 400,
    code: 'invalid_input',
    field: 'taskId',
  },
  {
    who: 'player',
    method: 'POST',
    url: `/api/challenges/${long(81)}/tasks/status-code/attempts`,
    body: { answer: '307' },
    status: 400,
    code: 'invalid_input',
    field: 'id',
  },
  { who: 'player', method: 'POST', url: '/api/challenges/nope/tasks/status-code/attempts', body: { answer: '307' }, status: 404, code: 'not_found' },
  { who: 'player', method: 'POST', url: `${A}/nope/attempts`, body: { answer: '307' }, status: 404, code: 'not_found' },
  // Clues
  { who: 'player', method: 'POST', url: `${A}/status-code/clues/abc`, body: {}, status: 400, code: 'invalid_input', field: 'index' },
  { who: 'player', method: 'POST', url: `${A}/status-code/clues/0`, body: {}, status: 400, code: 'invalid_input', field: 'index' },
  { who: 'player', method: 'POST', url: `${A}/status-code/clues/4`, body: {}, status: 400, code: 'invalid_input', field: 'index' },
  { who: 'player', method: 'POST', url: `${A}/status-code/clues/1.5`, body: {}, status: 400, code: 'invalid_input', field: 'index' },
  { who: 'player', method: 'POST', url: `${A}/status-code/clues/3`, body: {}, status: 404, code: 'not_found' },
  // Rating
  { who: 'player', method: 'POST', url: '/api/challenges/alpha/rating', body: { stars: 6 }, status: 400, code: 'invalid_input', field: 'stars' },
  { who: 'player', method: 'POST', url: '/api/challenges/alpha/rating', body: { stars: '5' }, status: 400, code: 'invalid_input', field: 'stars' },
  {
    who: 'player',
    method: 'POST',
    url: '/api/challenges/alpha/rating',
    body: { stars: 5, comment: long(501) },
    status: 400,
    code: 'invalid_input',
    field: 'comment',
  },
  // Scoreboard queries
  { who: 'anonymous', method: 'GET', url: '/api/scoreboard?limit=0', status: 400, code: 'invalid_input', field: 'limit' },
  { who: 'anonymous', method: 'GET', url: '/api/scoreboard?limit=501', status: 400, code: 'invalid_input', field: 'limit' },
  { who: 'anonymous', method: 'GET', url: '/api/scoreboard?limit=abc', status: 400, code: 'invalid_input', field: 'limit' },
  { who: 'anonymous', method: 'GET', url: '/api/scoreboard?offset=-1', status: 400, code: 'invalid_input', field: 'offset' },
  { who: 'anonymous', method: 'GET', url: '/api/scoreboard/history?top=21', status: 400, code: 'invalid_input', field: 'top' },
  // Admin
  { who: 'anonymous', method: 'POST', url: '/api/admin/login', body: {}, status: 400, code: 'invalid_input', field: 'token' },
  { who: 'anonymous', method: 'POST', url: '/api/admin/login', body: { token: 5 }, status: 400, code: 'invalid_input', field: 'token' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: {}, status: 400, code: 'invalid_input' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: { maxTeamSize: 0 }, status: 400, code: 'invalid_input', field: 'maxTeamSize' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: { attemptsPerMinute: 'x' }, status: 400, code: 'invalid_input', field: 'attemptsPerMinute' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: { penaltyMode: 'never' }, status: 400, code: 'invalid_input', field: 'penaltyMode' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: { inPlay: ['BAD ID!'] }, status: 400, code: 'invalid_input', field: 'inPlay' },
  { who: 'admin', method: 'PATCH', url: '/api/admin/event', body: { durationMinutes: 1.5 }, status: 400, code: 'invalid_input', field: 'durationMinutes' },
  { who: 'admin', method: 'POST', url: '/api/admin/event/explode', body: {}, status: 400, code: 'invalid_input', field: 'action' },
  { who: 'admin', method: 'POST', url: '/api/admin/event/extend', body: {}, status: 400, code: 'invalid_input', field: 'minutes' },
  { who: 'admin', method: 'POST', url: '/api/admin/event/extend', body: { minutes: 0 }, status: 400, code: 'invalid_input', field: 'minutes' },
  { who: 'admin', method: 'POST', url: '/api/admin/event/extend', body: 'ten', status: 400, code: 'invalid_input', field: 'minutes' },
];

describeBackends('malformed input, field by field', (backend) => {
  let t: TestApp;
  let clients: Record<Who, Client>;

  beforeAll(async () => {
    t = await createTestApp(backend);
    const { members } = await teamOf(t, 'Kumo', 1);
    const admin = await adminClient(t);
    await admin.post('/api/admin/event/start');
    clients = { anonymous: new Client(t.app), loner: await joinPlayer(t, 'Loner'), player: members[0]!, admin };
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers each malformed request with its status, code and the failing field, and changes nothing', async () => {
    const before = await tableSnapshot(t);
    for (const c of CASES) {
      const what = `${c.who} ${c.method} ${c.url.slice(0, 100)} ${typeof c.body === 'string' ? c.body : JSON.stringify(c.body)?.slice(0, 80)}`;
      const res = await clients[c.who].request(c.method, c.url, c.body);
      expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBe(c.status);
      expect(res.body, what).toMatchObject({ error: { code: c.code, message: expect.any(String) } });
      if (c.field) expect(res.body.error.message, what).toContain(c.field);
    }
    expect(await tableSnapshot(t)).toEqual(before);
  });

  it('answers a body over 64 KB with 413 before reading it', async () => {
    const before = await tableSnapshot(t);
    expectError(await clients.loner.post('/api/teams', { name: long(70 * 1024) }), 413, 'payload_too_large');
    expectError(await clients.player.post(`${A}/status-code/attempts`, { answer: long(70 * 1024) }), 413, 'payload_too_large');
    expectError(await clients.anonymous.post('/api/join', { ...JOIN('x'), displayName: long(65 * 1024) }), 413, 'payload_too_large');
    expect(await tableSnapshot(t)).toEqual(before);
  });

  it('checks the input before the rate limit', async () => {
    for (let i = 0; i < 10; i++) expect((await clients.player.post(`${B}/secret-pattern/attempts`, { answer: `guess ${i}` })).status).toBe(200);
    const limited = await clients.player.post(`${B}/secret-pattern/attempts`, { answer: 'one more' });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const before = await tableSnapshot(t);
    const invalid = await clients.player.post(`${B}/secret-pattern/attempts`, { answer: ['not', 'a', 'string'] });
    expectError(invalid, 400, 'invalid_input');
    expect(invalid.body.error.message).toContain('answer');
    expectError(await clients.player.post(`${B}/secret-pattern/attempts`, { answer: 'split-shard' }), 429, 'rate_limited');
    expect(await tableSnapshot(t)).toEqual(before);
  });
});
