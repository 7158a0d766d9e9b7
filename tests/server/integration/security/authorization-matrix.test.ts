import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  adminClient,
  Client,
  createTestApp,
  EVENT_CODE,
  joinPlayer,
  playerWithTeam,
  type JsonResponse,
  type TestApp,
} from '../../../support/app.ts';
import type { CatalogChallenge } from '../../../../server/features/challenges/catalog.ts';
import { appRoutes, expectEnvelope, fillPath, leaked, PGLITE, secretsFor, type Route } from './security-support.ts';
import { roleAtLeast, type StaffRole } from '../../../../server/features/staff/staff.ts';
import { createStaff, type StaffMember } from '../staff/staff-support.ts';

/**
 * Routes open to a caller without a session; everything else needs a player or an admin.
 * Both logouts only clear the caller's own cookie (and session, if it has one).
 */
const PUBLIC = [
  /^\/healthz$/,
  /^\/api\/event$/,
  /^\/api\/event\/join-info$/,
  /^\/api\/scoreboard(\/.*)?$/,
  /^\/api\/announcements$/,
  /^\/api\/join$/,
  /^\/api\/admin\/login$/,
  /^\/api\/admin\/session$/,
  /^\/api\/logout$/,
  /^\/api\/admin\/logout$/,
];
const isPublic = (path: string) => PUBLIC.some((p) => p.test(path));

/**
 * The least staff role each admin route declares. Every admin route must be listed: a new
 * one fails the matrix until it says who may use it.
 */
const ADMIN_ROLES: Record<string, StaffRole> = {
  'GET /api/admin/event': 'support',
  'PATCH /api/admin/event': 'owner',
  'GET /api/admin/event/setup': 'support',
  'PATCH /api/admin/event/screen': 'facilitator',
  'POST /api/admin/event/reset': 'owner',
  'POST /api/admin/event/:action': 'facilitator',
  'GET /api/admin/challenges': 'support',
  'POST /api/admin/challenges/reload': 'owner',
  'POST /api/admin/challenges/:id/release': 'owner',
  'POST /api/admin/challenges/:id/open': 'facilitator',
  'GET /api/admin/challenges/:id/preview': 'facilitator',
  'POST /api/admin/challenges/:id/tasks/:taskId/try': 'facilitator',
  'GET /api/admin/teams': 'support',
  'POST /api/admin/teams/assign': 'facilitator',
  'PATCH /api/admin/teams/:id': 'facilitator',
  'POST /api/admin/teams/:id/name-lock': 'facilitator',
  'DELETE /api/admin/teams/:id/members/:playerId': 'facilitator',
  'GET /api/admin/teams/:id/chat': 'facilitator',
  'POST /api/admin/teams/:id/disqualify': 'owner',
  'POST /api/admin/teams/:id/reinstate': 'owner',
  'GET /api/admin/teams/:id/adjustments': 'facilitator',
  'POST /api/admin/teams/:id/adjustments': 'owner',
  'POST /api/admin/players/:id/move': 'facilitator',
  'GET /api/admin/staff': 'support',
  'POST /api/admin/staff': 'owner',
  'DELETE /api/admin/staff/:id': 'owner',
  'GET /api/admin/attention': 'support',
  'GET /api/admin/archives': 'owner',
  'GET /api/admin/archives/:id/:file': 'owner',
  'GET /api/admin/adjustments': 'facilitator',
  'GET /api/admin/submissions': 'facilitator',
  'GET /api/admin/clue-usage': 'support',
  'GET /api/admin/ratings': 'facilitator',
  'GET /api/admin/audit': 'owner',
  'GET /api/admin/labs/requests': 'facilitator',
  'GET /api/admin/export': 'owner',
  'GET /api/admin/realtime': 'facilitator',
  'GET /api/admin/support': 'support',
  'GET /api/admin/support/:teamId': 'support',
  'POST /api/admin/support/:teamId': 'support',
  'POST /api/admin/support/:teamId/handled': 'support',
  'POST /api/admin/support/:teamId/claim': 'support',
  'POST /api/admin/support/:teamId/release': 'support',
  'POST /api/admin/support/:teamId/handover': 'support',
  'GET /api/admin/announcements': 'facilitator',
  'POST /api/admin/announcements': 'facilitator',
};

/** What the owner gets where the matrix's request cannot succeed without wrecking the rest. */
const OWNER_EXPECTS: Record<string, number> = {
  // The confirmation is deliberately wrong: a reset would empty the tables under test.
  'POST /api/admin/event/reset': 400,
  // No event was reset yet, so there is no archive to download.
  'GET /api/admin/archives/:id/:file': 404,
  // Alpha is neither held back (`hidden: true`) nor locked: past the guard, then a 409.
  'POST /api/admin/challenges/:id/release': 409,
  'POST /api/admin/challenges/:id/open': 409,
};

/** A body each route would accept from a caller allowed to use it; others send `{}`. */
const BODIES: Record<string, unknown> = {
  'POST /api/join': { eventCode: EVENT_CODE, displayName: 'Matrix Joiner', language: 'en' },
  'PATCH /api/me': { language: 'en' },
  'POST /api/teams': { name: 'Matrix Team' },
  'PATCH /api/team': { name: 'Renamed By Caller' },
  'POST /api/challenges/:id/tasks/:taskId/attempts': { answer: '307' },
  'POST /api/challenges/:id/rating': { stars: 5 },
  'POST /api/admin/login': { token: ADMIN_TOKEN },
  'PATCH /api/admin/event': { maxTeamSize: 4 },
  'PATCH /api/admin/event/screen': { screenLanguage: 'both' },
  'POST /api/admin/event/:action': { minutes: 5 },
  'PATCH /api/admin/teams/:id': { name: 'Kumo Renamed' },
  'POST /api/admin/teams/:id/disqualify': { reason: 'matrix' },
  'POST /api/admin/teams/:id/reinstate': { reason: 'matrix' },
  'POST /api/admin/teams/:id/adjustments': { points: 10, reason: 'matrix' },
  'POST /api/team/chat': { text: 'matrix chat line' },
  'POST /api/team/support': { text: 'matrix support line' },
  'POST /api/admin/support/:teamId': { text: 'matrix facilitator reply' },
  'POST /api/admin/support/:teamId/handled': { handled: true },
  'POST /api/admin/announcements': { text: 'matrix announcement', level: 'info' },
  'POST /api/admin/challenges/:id/tasks/:taskId/try': { answer: '307' },
  'POST /api/admin/event/reset': { confirm: 'not the event name' },
  'POST /api/admin/teams/assign': { mode: 'similar', preview: true },
  'POST /api/admin/teams/:id/name-lock': { locked: false },
  'POST /api/admin/staff': { name: 'Matrix Member', role: 'support' },
};

/** Routes that end a session or a membership run last, so that they do not disarm the rest. */
const LAST = ['POST /api/team/leave', 'POST /api/logout', 'POST /api/admin/logout'];

/** Team A's own rows, everything another caller must not be able to change. */
async function teamARows(t: TestApp, teamId: number, playerIds: number[]): Promise<string> {
  const db = t.ctx.db;
  const byTeam = async (table: 'chat_message' | 'solve' | 'clue_unlock' | 'attempt' | 'rating' | 'support_thread' | 'score_adjustment') =>
    (await db.selectFrom(table).selectAll().where('team_id', '=', teamId).execute()).map((row) => JSON.stringify(row)).sort();
  return JSON.stringify({
    team: await db.selectFrom('team').selectAll().where('id', '=', teamId).execute(),
    player: await db
      .selectFrom('player')
      .selectAll()
      .where((eb) => eb.or([eb('team_id', '=', teamId), eb('id', 'in', playerIds)]))
      .orderBy('id')
      .execute(),
    ...Object.fromEntries(
      await Promise.all(
        (['chat_message', 'solve', 'clue_unlock', 'attempt', 'rating', 'support_thread', 'score_adjustment'] as const).map(async (table) => [
          table,
          await byTeam(table),
        ]),
      ),
    ),
  });
}

/**
 * Every route × {anonymous, team A player, team B player, support, facilitator, owner},
 * with path parameters pointing at team A's resources. PGlite only: the matrix checks routing and guards, not
 * anything the database engine decides, and it makes hundreds of requests.
 */
describe('authorization matrix: every route × every kind of caller', () => {
  let t: TestApp;
  let catalog: CatalogChallenge[];
  let routes: Route[];
  const cookies: Record<'anonymous' | 'a' | 'b' | 'admin' | 'support' | 'facilitator', string> = {
    anonymous: '',
    a: '',
    b: '',
    admin: '',
    support: '',
    facilitator: '',
  };
  /** A staff member the owner revokes through the matrix's DELETE. */
  let throwaway: StaffMember;
  let ownerId: number;
  let teamA: { id: number; joinCode: string; labToken: string };
  let teamB: { id: number };
  let aPlayerIds: number[];
  /** Strings only team A (and the facilitators) may read. */
  let aOnly: string[];

  beforeAll(async () => {
    t = await createTestApp(PGLITE);
    catalog = t.services.challenges.inPlay();
    const a1 = await playerWithTeam(t, 'Akira Kumoyama', 'Kumo');
    const a2 = await joinPlayer(t, 'Ayumi Kumoyama');
    expect((await a2.post('/api/teams/join', { joinCode: a1.team.joinCode })).status).toBe(200);
    const b = await playerWithTeam(t, 'Ben Sorano', 'Sora');
    teamA = a1.team;
    teamB = b.team;
    const admin = await adminClient(t);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);

    const ok = (res: JsonResponse) => expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    ok(await a1.client.post('/api/challenges/alpha/tasks/status-code/clues/1'));
    ok(await a1.client.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: 'kumo-private-guess-4417' }));
    ok(await a2.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' }));
    ok(await a2.post('/api/challenges/alpha/tasks/pick-stores/clues/1'));
    ok(await a1.client.post('/api/team/chat', { text: 'kumo chat: meet at the blue door' }));
    ok(await a2.post('/api/team/support', { text: 'kumo support: our lab is stuck' }));
    ok(await admin.post(`/api/admin/support/${teamA.id}`, { text: 'facilitator to kumo: restart the lab' }));
    ok(await admin.post('/api/admin/announcements', { text: 'kumo only: check your inbox', level: 'info', teamId: teamA.id }));
    ok(await b.client.post('/api/challenges/beta/tasks/how-many/clues/1'));
    ok(await b.client.post('/api/team/chat', { text: 'sora chat: hello' }));
    ok(await b.client.post('/api/team/support', { text: 'sora support: hello' }));

    aPlayerIds = (await t.ctx.db.selectFrom('player').select('id').where('team_id', '=', teamA.id).orderBy('id').execute()).map((p) => p.id);
    aOnly = [
      'kumo chat: meet at the blue door',
      'kumo support: our lab is stuck',
      'facilitator to kumo: restart the lab',
      'kumo only: check your inbox',
      'kumo-private-guess-4417',
      teamA.joinCode,
      teamA.labToken,
      'Akira Kumoyama',
      'Ayumi Kumoyama',
    ];
    cookies.a = a1.client.cookieHeader();
    cookies.b = b.client.cookieHeader();
    cookies.admin = admin.cookieHeader();
    cookies.support = (await createStaff(t, admin, 'Matrix Support', 'support')).client.cookieHeader();
    cookies.facilitator = (await createStaff(t, admin, 'Matrix Facilitator', 'facilitator')).client.cookieHeader();
    throwaway = await createStaff(t, admin, 'Matrix Throwaway', 'support');
    ownerId = (await admin.get('/api/admin/session')).body.staff.id;
    routes = appRoutes(t).sort((x, y) => Number(LAST.includes(`${x.method} ${x.path}`)) - Number(LAST.includes(`${y.method} ${y.path}`)));
  });
  afterAll(async () => {
    await t?.close();
  });

  function urlOf(route: Route): string {
    const challenge = route.path.startsWith('/api/challenges') || route.path.startsWith('/api/admin/challenges/');
    const params: Record<string, string> = {
      taskId: 'status-code',
      index: '1',
      action: 'extend',
      teamId: String(teamA.id),
      playerId: String(aPlayerIds[1]),
      file: 'results.csv',
    };
    if (route.path.startsWith('/api/admin/staff/')) params.id = String(throwaway.id);
    if (route.path.startsWith('/api/admin/players/')) params.id = String(aPlayerIds[1]);
    // Any parameter not named above is taken to identify a team (or a challenge under /api/challenges).
    return fillPath(route.path, (name) => params[name] ?? (challenge ? 'alpha' : String(teamA.id)));
  }

  function bodyOf(route: Route): unknown {
    const key = `${route.method} ${route.path}`;
    if (key === 'POST /api/admin/players/:id/move') return { teamId: teamA.id };
    if (key === 'POST /api/admin/support/:teamId/handover') return { staffId: ownerId };
    return BODIES[key] ?? {};
  }

  /** One request with the caller's session cookie; cookies the answer sets are dropped. */
  function call(caller: keyof typeof cookies, route: Route): Promise<JsonResponse> {
    const body = route.method === 'GET' ? undefined : bodyOf(route);
    return new Client(t.app).request(route.method, urlOf(route), body, cookies[caller] ? { cookie: cookies[caller] } : {});
  }

  const isAdminRoute = (route: Route) => route.path.startsWith('/api/admin/') && !isPublic(route.path);

  it('finds every route family to check', () => {
    const paths = routes.map((r) => r.path);
    for (const p of [
      '/healthz',
      '/api/team/chat',
      '/api/admin/support/:teamId',
      '/api/admin/teams/:id/members/:playerId',
      '/api/challenges/:id/tasks/:taskId/attempts',
    ])
      expect(paths).toContain(p);
  });

  it('recognises a clue text as rendered for a player: the secret scan is not blind', async () => {
    const forB = await new Client(t.app).get('/api/challenges/beta', { cookie: cookies.b });
    // Team B unlocked how-many's first clue; to team A that text is still a secret.
    expect(leaked(forB, await secretsFor(t, catalog, teamA.id, [teamA.id, teamB.id]))).toContain('Single digit.');
  });

  // Hundreds of requests in sequence: well under 30 s alone, not always on a machine busy with other suites.
  it('lets anonymous and team B callers read nothing of team A and change none of its rows', async () => {
    const problems: string[] = [];
    for (const caller of ['anonymous', 'b'] as const) {
      for (const route of routes) {
        const what = `${caller} ${route.method} ${urlOf(route)}`;
        const before = await teamARows(t, teamA.id, aPlayerIds);
        const res = await call(caller, route);
        expectEnvelope(res, what);
        if (caller === 'anonymous' && res.status < 300 && !isPublic(route.path)) problems.push(`${what} → ${res.status} without a session`);
        if (caller === 'b' && res.status < 300 && route.path.startsWith('/api/admin/') && !isPublic(route.path))
          problems.push(`${what} → ${res.status} to a player`);
        for (const found of leaked(res, aOnly)) problems.push(`${what} shows team A's "${found}"`);
        for (const found of leaked(res, await secretsFor(t, catalog, caller === 'b' ? teamB.id : null, [teamA.id, teamB.id])))
          problems.push(`${what} shows the secret "${found.slice(0, 60)}"`);
        if ((await teamARows(t, teamA.id, aPlayerIds)) !== before) problems.push(`${what} changed team A's rows`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('gives a team A player no admin route and no answer key or locked clue', async () => {
    const problems: string[] = [];
    const ownSeen = new Set<string>();
    for (const route of routes) {
      const what = `A ${route.method} ${urlOf(route)}`;
      const res = await call('a', route);
      expectEnvelope(res, what);
      for (const found of leaked(res, aOnly)) ownSeen.add(found);
      if (res.status < 300 && route.path.startsWith('/api/admin/') && !isPublic(route.path)) problems.push(`${what} → ${res.status} to a player`);
      for (const found of leaked(res, await secretsFor(t, catalog, teamA.id, [teamA.id, teamB.id])))
        problems.push(`${what} shows the secret "${found.slice(0, 60)}"`);
    }
    expect(problems).toEqual([]);
    // The same scan finds team A's own data in its own answers: it is not blind.
    expect([...ownSeen].sort()).toEqual(aOnly.filter((s) => s !== 'kumo-private-guess-4417').sort());
  });

  it('has every admin route declare the least role it needs', () => {
    const declared = routes.filter(isAdminRoute).map((r) => `${r.method} ${r.path}`);
    expect(declared.filter((key) => !(key in ADMIN_ROLES))).toEqual([]);
    expect(Object.keys(ADMIN_ROLES).filter((key) => !declared.includes(key))).toEqual([]);
  });

  /**
   * Support and facilitators against every admin route. The role guard runs before any
   * validation, so a write is sent with an invalid id and body: a caller the role lets
   * through gets 400 and nothing changes, one it does not gets 403 naming the role needed.
   */
  it('refuses support and facilitators exactly the routes above their role, with 403', async () => {
    const problems: string[] = [];
    for (const role of ['support', 'facilitator'] as const) {
      for (const route of routes.filter(isAdminRoute)) {
        const needed = ADMIN_ROLES[`${route.method} ${route.path}`] as StaffRole;
        const write = route.method !== 'GET';
        const url = write ? fillPath(route.path, () => 'x') : urlOf(route);
        const res = await new Client(t.app).request(route.method, url, write ? { matrix: 'invalid' } : undefined, { cookie: cookies[role] });
        expectEnvelope(res, `${role} ${route.method} ${url}`);
        const refused = res.status === 403 && res.body?.error?.details?.role === needed;
        if (refused !== !roleAtLeast(role, needed))
          problems.push(`${role} ${route.method} ${url} (needs ${needed}) → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
        if (res.status === 401) problems.push(`${role} ${route.method} ${url} → 401: the session was lost`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets the owner through every admin route with the same requests', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.path.startsWith('/api/admin/'))) {
      const res = await call('admin', route);
      expectEnvelope(res, `admin ${route.method} ${route.path}`);
      const expected = OWNER_EXPECTS[`${route.method} ${route.path}`];
      if (expected !== undefined ? res.status !== expected : res.status >= 300)
        failures.push(`${route.method} ${urlOf(route)} → ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(failures).toEqual([]);
  });
});
