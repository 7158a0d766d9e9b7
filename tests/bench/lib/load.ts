import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.ts';
import type { CpuSnapshot } from './cpu.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** One request of a list: method, path, index into `cookies` (or null), JSON body (or null). */
export type PlannedRequest = [method: string, path: string, cookie: number | null, body: string | null];

export interface LoadPlan {
  url: string;
  connections: number;
  durationSec: number;
  /** A short unreported run first (JIT, connection pools). */
  warmupSec?: number;
  /** The same request over and over ... */
  single?: { method: string; path: string; cookie?: string; body?: string; headers?: Record<string, string> };
  /** ... or a list, each entry sent once in order (cycled when `cycle`, else the run ends when it runs out). */
  requests?: PlannedRequest[];
  cookies?: string[];
  cycle?: boolean;
  /** Classify attempt answers (first-solve, correct-again, wrong) from the response bodies. */
  tally?: boolean;
}

export interface LoadResult {
  requests: number;
  durationSec: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  tally: Record<string, number>;
  exhausted: boolean;
  /** CPU of the system under test during the measured part (not the warm-up), when asked for. */
  cpu?: CpuSnapshot;
}

/** Runs autocannon in a child process (the load generator is never in the server's process). */
export async function runLoad(plan: LoadPlan, onPhase?: (phase: 'measure-start' | 'measure-end') => void): Promise<LoadResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-load-'));
  const planFile = path.join(dir, 'plan.json');
  const resultFile = path.join(dir, 'result.json');
  fs.writeFileSync(planFile, JSON.stringify(plan));
  try {
    await runChild(path.join(here, 'load-child.ts'), [planFile, resultFile], (plan.durationSec + (plan.warmupSec ?? 0)) * 1000 + 60_000, (line) => {
      if (line === 'measure-start' || line === 'measure-end') onPhase?.(line);
    });
    return JSON.parse(fs.readFileSync(resultFile, 'utf8')) as LoadResult;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a TypeScript file in its own Node process; rejects on a non-zero exit or after `timeoutMs`. */
export function runChild(file: string, args: string[], timeoutMs: number, onStdout?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let buffer = '';
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      for (let nl = buffer.indexOf('\n'); nl !== -1; nl = buffer.indexOf('\n')) {
        onStdout?.(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const forget = onCleanup(() => child.exitCode === null && child.kill('SIGKILL'));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      forget();
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(file)} exited with ${code ?? signal}: ${err.slice(-2000)}`));
    });
  });
}
