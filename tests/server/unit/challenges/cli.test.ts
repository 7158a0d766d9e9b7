import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROKEN_TREE, BROKEN_TREE_LINES, BROKEN_TREE_WARNINGS } from './broken-tree.expected.ts';
import { jam } from './cli-support.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((fn) => fn()));
});

describe('jam lint', () => {
  it('exits 0 on a valid tree and says so on stderr', async () => {
    const run = await jam(['lint', 'tests/fixtures/challenges/valid', '--require-languages', 'en,ja']);
    expect(run).toEqual({
      code: 0,
      stdout: '',
      stderr: 'tests/fixtures/challenges/valid: 3 challenges, 10 tasks, no problems\n',
    });
  });

  it('prints one path:line:column line per problem and exits 1', async () => {
    const run = await jam(['lint', BROKEN_TREE]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines.filter((line) => !line.includes(' warning: '))).toEqual(BROKEN_TREE_LINES);
    expect(lines.filter((line) => line.includes(' warning: '))).toEqual(BROKEN_TREE_WARNINGS);
    expect(run.stderr).toBe('27 problems in 6 files, 3 warnings\n');
  });

  it('checks languages only when asked', async () => {
    expect((await jam(['lint', 'tests/fixtures/challenges/plain'])).code).toBe(0);
    const strict = await jam(['lint', 'tests/fixtures/challenges/plain', '--require-languages=en,ja']);
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n').filter(Boolean)).toHaveLength(6);
  });

  it('uses CHALLENGES_DIR when no directory is given', async () => {
    const run = await jam(['lint'], { CHALLENGES_DIR: 'tests/fixtures/challenges/plain' });
    expect(run.stderr).toBe('tests/fixtures/challenges/plain: 1 challenge, 1 task, no problems\n');
  });

  it('exits 2 with the usage on a bad option or an unknown command', async () => {
    const bad = await jam(['lint', '--require-languages', 'fr']);
    expect(bad).toEqual({
      code: 2,
      stdout: '',
      stderr: 'unknown language fr; expected en, ja\nusage: npm run jam -- lint [DIR] [--require-languages en,ja]\n',
    });
    expect((await jam(['lint', '--nope'])).code).toBe(2);
    const unknown = await jam(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('unknown command "frobnicate"; try: npm run jam -- help\n');
  });
});

describe('jam import-ctfd', () => {
  it('writes challenges that lint clean, with notes on stderr, and exits 0 on the folder of real-world shapes', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'jam-cli-'));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    const run = await jam(['import-ctfd', 'tests/fixtures/ctfd/shapes', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(21);
    expect(run.stderr).toContain(
      'note: tests/fixtures/ctfd/shapes/dynamic/challenge.yml: dynamic scoring (initial 500, decay 100, minimum 50): fixed 500 used\n',
    );
    expect(run.stderr).toMatch(/note: difficulty: not set in ctfcli; medium used\n21 challenges imported, 0 errors\n$/);
    expect((await jam(['lint', out])).code).toBe(0);
  });

  it('exits 1 naming each file it refused, and in one line when --out is a file', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'jam-cli-'));
    cleanup.push(() => rm(out, { recursive: true, force: true }));
    const refused = await jam(['import-ctfd', 'tests/fixtures/ctfd/refused', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error: tests/fixtures/ctfd/refused/latin1/challenge.yml: the file is not UTF-8');
    const onFile = await jam(['import-ctfd', 'tests/fixtures/ctfd/shapes', '--out', 'package.json']);
    expect(onFile).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error: --out package.json is a file; give a folder to write the challenges into\n0 challenges imported, 1 error\n',
    });
  });

  it('exits 2 without --out', async () => {
    const run = await jam(['import-ctfd', 'tests/fixtures/ctfd/shapes']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run jam -- import-ctfd FILE|DIR --out DIR');
  });
});

describe('jam reload', () => {
  async function fakeServer(answer: { ok: boolean; problems: unknown[] }) {
    const seen: Array<{ url: string; cookie?: string; body: string }> = [];
    const server: Server = createServer(async (request: IncomingMessage, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      seen.push({ url: request.url ?? '', body, ...(request.headers.cookie && { cookie: request.headers.cookie }) });
      response.setHeader('content-type', 'application/json');
      if (request.url === '/api/admin/login') {
        if (JSON.parse(body).token !== 'secret') {
          response.statusCode = 401;
          response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'wrong token' } }));
          return;
        }
        response.setHeader('set-cookie', 'jam_admin=abc123; Path=/; HttpOnly; SameSite=Lax');
        response.end(JSON.stringify({ ok: true }));
      } else if (request.url === '/api/admin/challenges/reload' && request.headers.cookie === 'jam_admin=abc123') {
        response.end(JSON.stringify(answer));
      } else {
        response.statusCode = 401;
        response.end(JSON.stringify({ error: { code: 'unauthorized', message: 'no session' } }));
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it('logs in with the token, sends the session cookie and prints the report of a refused reload', async () => {
    const problems = [{ file: 'challenges/x/challenge.yaml', line: 3, column: 5, message: 'difficulty: bad' }];
    const { url, seen } = await fakeServer({ ok: false, problems });
    const run = await jam(['reload', '--url', url], { ADMIN_TOKEN: 'secret' });
    expect(run).toEqual({
      code: 1,
      stdout: 'challenges/x/challenge.yaml:3:5 difficulty: bad\n',
      stderr: 'reload refused: 1 problem; the challenges in play are unchanged\n',
    });
    expect(seen.map((request) => request.url)).toEqual(['/api/admin/login', '/api/admin/challenges/reload']);
    expect(seen[0]!.body).toBe('{"token":"secret"}');
    expect(seen[1]!.cookie).toBe('jam_admin=abc123');
  });

  it('exits 0 when the server applied the reload', async () => {
    const { url } = await fakeServer({ ok: true, problems: [] });
    const run = await jam(['reload', '--url', url, '--token', 'secret']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: 'reload applied\n' });
  });

  it('exits 1 when the token is refused', async () => {
    const { url } = await fakeServer({ ok: true, problems: [] });
    const run = await jam(['reload', '--url', url, '--token', 'wrong']);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'admin login refused (401): wrong token\n' });
  });
});
