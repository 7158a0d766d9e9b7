import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, joinPlayer, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { POLL, attempt, parseCsv, unlockClue } from './helpers.ts';

const HEADER = [
  'rank',
  'team',
  'members',
  'score',
  'solved_tasks',
  'adjustments_total',
  'clues_used',
  'penalty_total',
  'wrong_attempts',
  'wrong_penalty_total',
  'last_solve_at',
  'disqualified',
  'lab_resets',
];

describeBackends('admin: results export', (backend) => {
  let t: TestApp;
  let admin: Client;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    const kumo = await playerWithTeam(t, 'Aki', 'Kumo, "the cloud"');
    const daichi = await joinPlayer(t, '大地', 'ja');
    await daichi.post('/api/teams/join', { joinCode: kumo.team.joinCode });
    const formula = await playerWithTeam(t, '@ben', '=HYPERLINK("http://x")');
    const umi = await playerWithTeam(t, '-chie', 'Umi');
    const yama = await playerWithTeam(t, 'Eri', 'Yama');
    const kaze = await playerWithTeam(t, 'Fumi', 'Kaze');
    for (const [name, p] of Object.entries({ kumo, formula, umi, yama, kaze })) ids[name] = p.team.id;
    await startEvent(t);
    await unlockClue(kumo.client, 'alpha', 'status-code', 1);
    await unlockClue(kumo.client, 'beta', 'how-many', 1);
    await attempt(kumo.client, 'alpha', 'status-code', '307');
    t.clock.advance(30_000);
    await attempt(formula.client, 'alpha', 'status-code', '307');
    await attempt(umi.client, 'alpha', 'pick-stores', ['ddb', 's3']);
    await admin.post(`/api/admin/teams/${ids.kaze}/adjustments`, { points: -10, reason: 'Late, noisy' });
    await admin.post(`/api/admin/teams/${ids.kumo}/adjustments`, { points: 5, reason: 'Helped =others' });
    await admin.post(`/api/admin/teams/${ids.umi}/disqualify`, { reason: 'Shared answers' });
    for (let i = 0; i < 2; i++) expect((await kumo.client.post('/api/challenges/beta/tasks/lab-flag/lab/reset')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The raw download, bytes and headers, as a browser would save it. */
  const download = async () => {
    const res = await t.app.request('http://localhost/api/admin/export', { headers: { cookie: admin.cookieHeader() } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  it('sends a CSV attachment with a UTF-8 BOM, the header row and CRLF line ends', async () => {
    const { res, bytes } = await download();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="jamboree-results.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`\uFEFF${HEADER.join(',')}\r\n`)).toBe(true);
    expect(text).toContain('Aki; 大地');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('quotes commas and quotes, keeps negative scores numeric and defuses formulas in text cells', async () => {
    const { bytes } = await download();
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"Kumo, ""the cloud"""');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")",'@ben,100,`);
    const rows = parseCsv(text).slice(1);
    const byTeam = new Map(rows.map((r) => [r[1], r]));
    expect(byTeam.get('Kumo, "the cloud"')).toEqual([
      '2',
      'Kumo, "the cloud"',
      'Aki; 大地',
      '85',
      '1',
      '5',
      '2',
      '20',
      '0',
      '0',
      expect.stringMatching(/Z$/),
      'false',
      'ecr-registry: 2',
    ]);
    expect(byTeam.get(`'=HYPERLINK("http://x")`)).toEqual([
      '1',
      `'=HYPERLINK("http://x")`,
      "'@ben",
      '100',
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      expect.stringMatching(/Z$/),
      'false',
      '',
    ]);
    expect(byTeam.get('Kaze')).toEqual(['4', 'Kaze', 'Fumi', '-10', '0', '-10', '0', '0', '0', '0', '', 'false', '']);
    expect(byTeam.get('Umi')).toEqual(['', 'Umi', "'-chie", '200', '1', '0', '0', '0', '0', '0', expect.stringMatching(/Z$/), 'true', '']);
  });

  it('ranks exactly as the live scoreboard, with the disqualified team last and unranked', async () => {
    const rows = parseCsv(new TextDecoder().decode((await download()).bytes)).slice(1);
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      ['1', `'=HYPERLINK("http://x")`],
      ['2', 'Kumo, "the cloud"'],
      ['3', 'Yama'],
      ['4', 'Kaze'],
      ['', 'Umi'],
    ]);
    const exported = (await admin.get('/api/admin/export?format=json')).body.teams as { rank: number | null; name: string; score: number }[];
    const ranked = exported.filter((x) => x.rank !== null).map((x) => ({ rank: x.rank, name: x.name, score: x.score }));
    await expect
      .poll(
        async () =>
          (await admin.get('/api/scoreboard')).body.teams.map((x: { rank: number; name: string; score: number }) => ({
            rank: x.rank,
            name: x.name,
            score: x.score,
          })),
        POLL,
      )
      .toEqual(ranked);
  });

  it('exports JSON with the event, every team, its solves and clues, and scores that add up', async () => {
    const res = await admin.get('/api/admin/export?format=json');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      generatedAt: expect.stringMatching(/Z$/),
      event: { name: expect.any(String), state: 'running', penaltyMode: 'on-solve' },
    });
    const kumo = res.body.teams.find((x: { id: number }) => x.id === ids.kumo);
    expect(kumo).toEqual({
      rank: 2,
      id: ids.kumo,
      name: 'Kumo, "the cloud"',
      members: [
        { id: expect.any(Number), displayName: 'Aki', language: 'en' },
        { id: expect.any(Number), displayName: '大地', language: 'ja' },
      ],
      score: 85,
      solvedTasks: 1,
      adjustments: 5,
      adjustmentLog: [{ points: 5, reason: 'Helped =others', at: expect.any(String) }],
      cluesUsed: 2,
      penaltyTotal: 20,
      wrongAttempts: 0,
      wrongPenaltyTotal: 0,
      lastSolveAt: expect.any(String),
      disqualified: false,
      solves: [
        { challengeId: 'alpha', taskId: 'status-code', points: 100, cluePenalty: 20, wrongPenalty: 0, awarded: 80, at: expect.any(String), playerName: 'Aki' },
      ],
      clues: [
        { challengeId: 'alpha', taskId: 'status-code', index: 1, penalty: 20, at: expect.any(String) },
        { challengeId: 'beta', taskId: 'how-many', index: 1, penalty: 20, at: expect.any(String) },
      ],
      labResets: [{ lab: 'ecr-registry', resets: 2 }],
    });
    for (const team of res.body.teams as { score: number; adjustments: number; solves: { awarded: number }[] }[]) {
      expect(team.score).toBe(team.solves.reduce((sum, s) => sum + s.awarded, 0) + team.adjustments);
    }
    expect(res.body.teams.at(-1)).toMatchObject({ name: 'Umi', rank: null, disqualified: true });
  });

  it('rejects an unknown format with 400 naming the field', async () => {
    const res = await admin.get('/api/admin/export?format=xlsx');
    expect(res.status).toBe(400);
    expect(res.body.error.details.field).toBe('format');
  });
});
