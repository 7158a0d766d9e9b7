import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-cluster.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerProcess {
  url: string;
  port: number;
  dataDir: string;
  adminToken: string;
  eventCode: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface ServerProcessOptions {
  env?: Record<string, string>;
  dataDir?: string;
  challengesDir?: string;
  /** Keep DATA_DIR after stop (restart tests). */
  keepData?: boolean;
  timeoutMs?: number;
}

/**
 * Boots the real server (`node --import tsx server/main.ts`) on a random port with a temp
 * DATA_DIR, waits for /healthz, and stops it (SIGTERM) when asked. Browser tests and
 * restart tests use it; the client must be built (dist/client) for pages to load.
 */
export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  // A restart test passes the old PORT to come back where the clients are.
  const port = options.env?.PORT ? Number(options.env.PORT) : await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jam-data-'));
  const adminToken = options.env?.ADMIN_TOKEN ?? 'e2e-admin-token-0123456789';
  const eventCode = options.env?.EVENT_CODE ?? 'E2EJAM';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      EVENT_CODE: eventCode,
      LOG_LEVEL: 'warn',
      ...(options.challengesDir && { CHALLENGES_DIR: options.challengesDir }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited} before it was ready:\n${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${options.timeoutMs ?? 90_000} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    adminToken,
    eventCode,
    child,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        const done = (code: number | null) => {
          if (!options.keepData && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
          resolve(code);
        };
        if (exited !== undefined) return done(exited);
        child.once('exit', (code) => done(code));
        child.kill(signal);
      });
    },
  };
}
