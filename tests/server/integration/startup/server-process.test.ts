import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../../support/server-process.ts';
import { freePort } from '../../../support/postgres-cluster.ts';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('starting the server', () => {
  it('keeps its data, event code and admin token across a restart on the same DATA_DIR', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-restart-'));
    // No ADMIN_TOKEN / EVENT_CODE: both are generated on first start and kept.
    const env = { ADMIN_TOKEN: '', EVENT_CODE: '' };
    const first = await startServerProcess({ dataDir, env });
    const out1 = first.output();
    const code = /event code (\w+)/.exec(out1)?.[1];
    const token = /Admin token\s+(\S+)/.exec(out1)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(token?.length).toBeGreaterThanOrEqual(16);
    expect(fs.readFileSync(path.join(dataDir, 'admin-token'), 'utf8').trim()).toBe(token);
    const join = await fetch(`${first.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ eventCode: code, displayName: 'Aki', language: 'en' }),
    });
    expect(join.status).toBe(201);

    // A second process on the same DATA_DIR refuses with a clear message.
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), ADMIN_TOKEN: '', EVENT_CODE: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('is in use by another Jamboree process');

    expect(await first.stop()).toBe(0);
    const again = await startServerProcess({ dataDir, env });
    expect(again.output()).toContain(`event code ${code}`);
    const login = await fetch(`${again.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(login.status).toBe(200);
    await again.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('stops with one clear line and exit code 1 on a bad environment value', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'abc' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe('jamboree: PORT must be an integer 1-65535');
  });
});
