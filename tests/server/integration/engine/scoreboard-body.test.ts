import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, Client, createTestApp, playerWithTeam, startEvent, type TestApp } from '../../../support/app.ts';

interface Raw {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** The board as bytes on the wire, with the request headers a browser would send. */
async function raw(t: TestApp, headers: Record<string, string> = {}, url = '/api/scoreboard'): Promise<Raw> {
  const res = await t.app.request(url, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

function decode(r: Raw): unknown {
  const encoding = r.headers.get('content-encoding');
  const plain = encoding === 'br' ? brotliDecompressSync(r.bytes) : encoding === 'gzip' ? gunzipSync(r.bytes) : r.bytes;
  return JSON.parse(plain.toString('utf8'));
}

/**
 * The default board page is one body per board version, serialised and compressed once:
 * each encoding must carry exactly the board, the tag must follow the version, and a
 * matching If-None-Match must cost nothing but a 304.
 */
describeBackends('the scoreboard body in each encoding', (backend) => {
  let t: TestApp;
  let screen: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    await startEvent(t);
    await playerWithTeam(t, 'Ada', 'Compressed');
    screen = new Client(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends the same board plain, as gzip and as brotli, each with its own tag', async () => {
    await expect.poll(async () => (await screen.get('/api/scoreboard')).body.total).toBe(1);
    const plain = await raw(t);
    const gzip = await raw(t, { 'accept-encoding': 'gzip, deflate' });
    const br = await raw(t, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect([plain.status, gzip.status, br.status]).toEqual([200, 200, 200]);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(br.headers.get('content-encoding')).toBe('br');
    const board = (await screen.get('/api/scoreboard')).body;
    expect(board).toMatchObject({ frozen: false, total: 1, teams: [{ name: 'Compressed', score: 0 }] });
    for (const r of [plain, gzip, br]) {
      expect(decode(r)).toEqual(board);
      expect(r.headers.get('vary')).toContain('Accept-Encoding');
      expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
    expect(br.bytes.length).toBeLessThan(plain.bytes.length);
    const tags = [plain, gzip, br].map((r) => r.headers.get('etag'));
    expect(new Set(tags).size).toBe(3);
  });

  it('honours q=0 and answers a client that accepts nothing it knows uncompressed', async () => {
    expect((await raw(t, { 'accept-encoding': 'br;q=0, gzip;q=0.5' })).headers.get('content-encoding')).toBe('gzip');
    expect((await raw(t, { 'accept-encoding': 'identity' })).headers.get('content-encoding')).toBeNull();
  });

  it('answers 304 to a matching If-None-Match, and the body again once the board changed', async () => {
    const first = await raw(t, { 'accept-encoding': 'br' });
    const tag = first.headers.get('etag') as string;
    const same = await raw(t, { 'accept-encoding': 'br', 'if-none-match': tag });
    expect(same.status).toBe(304);
    expect(same.bytes.length).toBe(0);
    expect(same.headers.get('etag')).toBe(tag);

    const { client: player, team } = await playerWithTeam(t, 'Grace', 'Solvers');
    expect((await player.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' })).body).toMatchObject({ correct: true, awarded: 100 });
    await expect
      .poll(async () => {
        const r = await raw(t, { 'accept-encoding': 'br', 'if-none-match': tag });
        return r.status === 200 ? (decode(r) as { teams: { id: number; score: number }[] }).teams.find((x) => x.id === team.id)?.score : r.status;
      })
      .toBe(100);
    const changed = await raw(t, { 'accept-encoding': 'br' });
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(decode(changed)).toEqual(decode(await raw(t, { 'accept-encoding': 'gzip' })));
    expect(decode(changed)).toEqual(decode(await raw(t)));
  });

  it('gives players the frozen board and admins the live one, each its own body', async () => {
    const admin = await adminClient(t);
    expect((await admin.post('/api/admin/event/freeze')).status).toBe(200);
    await expect.poll(async () => (decode(await raw(t, { 'accept-encoding': 'gzip' })) as { frozen: boolean }).frozen).toBe(true);
    const { client: late, team } = await playerWithTeam(t, 'Linus', 'After Freeze');
    expect((await late.post('/api/challenges/alpha/tasks/status-code/attempts', { answer: '307' })).body).toMatchObject({ correct: true });
    const adminBoard = async () => {
      const r = await raw(t, { 'accept-encoding': 'br', cookie: admin.cookieHeader() });
      return { tag: r.headers.get('etag'), board: decode(r) as { frozen: boolean; teams: { id: number; score: number }[] } };
    };
    await expect.poll(async () => (await adminBoard()).board.teams.find((x) => x.id === team.id)?.score).toBe(100);
    const publicBr = await raw(t, { 'accept-encoding': 'br' });
    const publicBoard = decode(publicBr) as { frozen: boolean; teams: { id: number; score: number }[] };
    expect(publicBoard.frozen).toBe(true);
    expect(publicBoard.teams.find((x) => x.id === team.id)?.score).toBe(0);
    expect((await adminBoard()).tag).not.toBe(publicBr.headers.get('etag'));
    // A player's own request (cookie, query) gets the same public body as the screen's.
    const player = await raw(t, { 'accept-encoding': 'br', cookie: late.cookieHeader() }, '/api/scoreboard?offset=0&limit=100');
    expect(player.headers.get('etag')).toBe(publicBr.headers.get('etag'));
    expect(decode(player)).toEqual(publicBoard);
  });

  it('serialises any other page on request, uncompressed and not cached', async () => {
    const r = await raw(t, { 'accept-encoding': 'br' }, '/api/scoreboard?limit=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect((decode(r) as { teams: unknown[] }).teams).toHaveLength(1);
  });
});
