import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findPgBin, freePort } from '../../support/postgres-cluster.ts';
import { onCleanup } from './cleanup.ts';

export interface PgClusterOptions {
  /**
   * Durable commits (fsync and synchronous_commit on), as in production. The test suites'
   * cluster runs with fsync=off; the attempt figures must not.
   */
  durable?: boolean;
  maxConnections?: number;
  /** More `-c name=value` settings (diagnostics: `shared_preload_libraries=pg_stat_statements`). */
  settings?: string[];
}

/**
 * A throwaway PostgreSQL that can be stopped and started again on the same port and data
 * directory: the resilience scenarios take the database away mid-event and bring it back.
 */
export class PgCluster {
  readonly url: string;
  private running = false;
  private removed = false;

  private constructor(
    private readonly bin: string,
    private readonly root: string,
    readonly port: number,
    private readonly options: Required<PgClusterOptions>,
  ) {
    this.url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  }

  static async create(options: PgClusterOptions = {}): Promise<PgCluster> {
    const bin = findPgBin();
    if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-bench-pg-'));
    if (isRoot()) {
      try {
        execFileSync('id', ['postgres'], { stdio: 'ignore' });
      } catch {
        execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
      }
      execFileSync('chown', ['postgres:', root]);
    }
    const full = { durable: options.durable ?? true, maxConnections: options.maxConnections ?? 300, settings: options.settings ?? [] };
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const cluster = new PgCluster(bin, root, await freePort(), full);
      try {
        if (attempt === 0) cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
        cluster.start();
        onCleanup(() => cluster.destroy());
        return cluster;
      } catch (error) {
        lastError = error;
      }
    }
    fs.rmSync(root, { recursive: true, force: true });
    throw lastError;
  }

  get dataDir(): string {
    return path.join(this.root, 'data');
  }

  /** The server log (`deadlock detected` and other errors are counted from it). */
  get logFile(): string {
    return path.join(this.root, 'server.log');
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    const durable = this.options.durable ? 'on' : 'off';
    const settings = [
      `-p ${this.port}`,
      `-k ${this.root}`,
      '-c listen_addresses=127.0.0.1',
      `-c fsync=${durable}`,
      `-c synchronous_commit=${durable}`,
      `-c full_page_writes=${durable}`,
      `-c max_connections=${this.options.maxConnections}`,
      '-c shared_buffers=256MB',
      ...this.options.settings.map((setting) => `-c ${setting}`),
    ].join(' ');
    this.run('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.root, 'server.log'), '-w', '-t', '30', '-o', settings, 'start']);
    this.running = true;
  }

  /** `pg_ctl stop -m fast`: connections are terminated, the data stays. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (!this.running) return;
    this.run('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
    this.running = false;
  }

  destroy(): void {
    if (this.removed) return;
    this.removed = true;
    try {
      this.stop('immediate');
    } finally {
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }

  /** A URL for another database on this cluster (created by `createDatabase`). */
  databaseUrl(name: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  private run(cmd: string, args: string[]): void {
    const file = isRoot() ? 'runuser' : path.join(this.bin, cmd);
    const full = isRoot() ? ['-u', 'postgres', '--', path.join(this.bin, cmd), ...args] : args;
    const result = spawnSync(file, full, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}
