import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/postgres-cluster.ts';
import { onCleanup } from './cleanup.ts';

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';
export const EVENT_CODE = 'BENCHJAM';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BenchServer {
  url: string;
  port: number;
  pid: number;
  /** Resident set size of the server process, in MB (from /proc). */
  rssMb(): number;
  output(): string;
  /** SIGTERM (graceful) or SIGKILL; resolves with the exit code once it is gone. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface BenchServerOptions {
  /** Real PostgreSQL; without it the server uses embedded PGlite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Kept across restarts (PGlite data, the admin-token file). */
  dataDir: string;
  /** Writes a V8 CPU profile there when the process exits (`--cpu-prof`). */
  profileDir?: string | undefined;
  port?: number;
}

/**
 * The production path: `node --import tsx server/main.ts` with DATABASE_URL (or DATA_DIR
 * for PGlite) and LOG_LEVEL=warn, on a random port; resolves once /healthz answers.
 */
export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    ADMIN_TOKEN,
    EVENT_CODE,
    LOG_LEVEL: 'warn',
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const flags = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', path.join(root, 'server/main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve((exitCode = code ?? (signal ? 128 : null)))));
  const forget = onCleanup(() => exitCode === undefined && child.kill('SIGKILL'));
  void exited.then(forget);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} before it was ready:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  return {
    url,
    port,
    pid,
    output: () => out,
    rssMb() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
