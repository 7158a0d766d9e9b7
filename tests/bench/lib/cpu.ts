import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * CPU time used by the system under test (the server processes and every PostgreSQL
 * process of the cluster), read from /proc, so a figure can be given per request: on a
 * shared machine rates swing by a third, CPU per request much less. The load generators
 * are not counted.
 */
const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux.

function readStat(pid: number): string[] | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields start after its closing parenthesis.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime (+ those of waited-for children, which is where finished backends end up). */
function processMs(fields: string[], withChildren: boolean): number {
  // After the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const own = Number(fields[11]) + Number(fields[12]);
  return (withChildren ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS;
}

/** PostgreSQL: the postmaster with its finished children, plus every live child. */
function clusterMs(dataDir: string): number {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  const own = readStat(postmaster);
  if (!own) return 0;
  let total = processMs(own, true);
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = readStat(Number(entry));
    if (fields && Number(fields[1]) === postmaster) total += processMs(fields, false);
  }
  return total;
}

export interface CpuSources {
  /** Server processes (with PGlite, the database runs inside them). */
  pids(): number[];
  /** PostgreSQL data directories, if any. */
  clusters(): string[];
}

export interface CpuSnapshot {
  serverMs: number;
  dbMs: number;
}

/** CPU milliseconds used so far by the server processes and by the PostgreSQL clusters. */
export function cpuNow(sources: CpuSources): CpuSnapshot {
  let serverMs = 0;
  for (const pid of sources.pids()) {
    const fields = readStat(pid);
    if (fields) serverMs += processMs(fields, false);
  }
  let dbMs = 0;
  for (const dir of sources.clusters()) dbMs += clusterMs(dir);
  return { serverMs, dbMs };
}

export function cpuSince(start: CpuSnapshot, sources: CpuSources): CpuSnapshot {
  const end = cpuNow(sources);
  return { serverMs: end.serverMs - start.serverMs, dbMs: end.dbMs - start.dbMs };
}

/** "0.31 ms CPU/req (server 0.19 + db 0.12), load 3.2": what a reader compares between runs. */
export function cpuPerRequest(cpu: CpuSnapshot, requests: number): string {
  if (requests === 0) return 'no requests';
  const f = (v: number) => (v / requests).toFixed(3);
  return `${f(cpu.serverMs + cpu.dbMs)} ms CPU/req (server ${f(cpu.serverMs)} + db ${f(cpu.dbMs)}), load ${os.loadavg()[0]!.toFixed(1)}`;
}
