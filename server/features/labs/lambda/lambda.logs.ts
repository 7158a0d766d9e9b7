/**
 * The log group `/aws/lambda/jam-thumbnailer` as the team finds it: the last ten minutes of
 * production traffic on `$LATEST` (one log stream per execution environment, its first
 * invocation a cold start) and yesterday's power-tuning sweep, one published version per
 * memory size. Everything is computed from a fixed seed and the time the lab started, so
 * every team reads the same lines (the answers of the number tasks are the same for all)
 * and nothing but the start time is stored. Pure: no I/O.
 *
 * The figures follow how Lambda behaves: CPU is allocated in proportion to memory, so a
 * CPU-bound, single-threaded handler speeds up with memory until about one vCPU (1,769 MB)
 * and barely after; a cold start's `Init Duration` shrinks with CPU too; and since 1 August
 * 2025 `Billed Duration` includes the INIT phase for on-demand functions on managed runtimes.
 */
import { createHash } from 'node:crypto';

export const FUNCTION_NAME = 'jam-thumbnailer';
export const LOG_GROUP = `/aws/lambda/${FUNCTION_NAME}`;
export const PRODUCTION_MEMORY_MB = 512;
/** The production window: ten minutes ending a minute before the lab started. */
export const WINDOW_MS = 600_000;
export const INVOCATIONS = 1_500;
/** Memory sizes the sweep tried, each as a published version (1..6) invoked ten times. */
export const SWEEP: readonly { version: number; memoryMb: number; durationMs: number; initMs: number; maxUsedMb: number }[] = [
  { version: 1, memoryMb: 256, durationMs: 4_790, initMs: 1_020, maxUsedMb: 181 },
  { version: 2, memoryMb: 512, durationMs: 2_400, initMs: 525, maxUsedMb: 186 },
  { version: 3, memoryMb: 1_024, durationMs: 1_205, initMs: 281, maxUsedMb: 188 },
  { version: 4, memoryMb: 1_536, durationMs: 803, initMs: 198, maxUsedMb: 190 },
  { version: 5, memoryMb: 2_048, durationMs: 712, initMs: 176, maxUsedMb: 190 },
  { version: 6, memoryMb: 3_008, durationMs: 694, initMs: 171, maxUsedMb: 191 },
];
const SWEEP_RUNS = 10;
const SWEEP_AGO_MS = 20 * 3_600_000;
const RUNTIME_ARN = 'arn:aws:lambda:ap-northeast-1::runtime:0b7e1f6f4c5a3f0d8a2c9e4b7d1f3a6c5e8b2d4f6a1c3e5b7d9f2a4c6e8b0d1f';

export interface LogEvent {
  /** Offset from the lab's start, negative: the log lies in the past. */
  at: number;
  message: string;
}

export interface LogStream {
  name: string;
  /** Offset of the stream's creation (its first event). */
  createdAt: number;
  events: LogEvent[];
}

/** A deterministic stream of numbers in [0, 1): SHA-256 in counter mode over a label. */
function numbers(label: string): () => number {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 32;
  return () => {
    if (offset + 4 > block.length) {
      block = createHash('sha256').update(`${label}:${counter++}`).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset) / 2 ** 32;
    offset += 4;
    return value;
  };
}

function hex(next: () => number, digits: number): string {
  let out = '';
  while (out.length < digits) out += Math.floor(next() * 16).toString(16);
  return out;
}

function requestId(next: () => number): string {
  const h = hex(next, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(next() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ms = (value: number) => value.toFixed(2);

export interface Invocation {
  requestId: string;
  start: number;
  durationMs: number;
  initMs?: number;
  billedMs: number;
  memoryMb: number;
  maxUsedMb: number;
}

function invocationEvents(inv: Invocation, version: string, photo: string): LogEvent[] {
  const events: LogEvent[] = [];
  let t = inv.start;
  if (inv.initMs !== undefined) {
    events.push({ at: t, message: `INIT_START Runtime Version: nodejs:22.v48\tRuntime Version ARN: ${RUNTIME_ARN}\n` });
    t += inv.initMs;
  }
  const iso = (at: number) => `@${at}`;
  events.push({ at: Math.round(t), message: `START RequestId: ${inv.requestId} Version: ${version}\n` });
  events.push({
    at: Math.round(t + inv.durationMs * 0.9),
    message: `${iso(Math.round(t + inv.durationMs * 0.9))}\t${inv.requestId}\tINFO\tresized ${photo} to 3 sizes\n`,
  });
  const end = Math.round(t + inv.durationMs);
  events.push({ at: end, message: `END RequestId: ${inv.requestId}\n` });
  const init = inv.initMs === undefined ? '' : `\tInit Duration: ${ms(inv.initMs)} ms`;
  events.push({
    at: end,
    message: `REPORT RequestId: ${inv.requestId}\tDuration: ${ms(inv.durationMs)} ms\tBilled Duration: ${inv.billedMs} ms\tMemory Size: ${inv.memoryMb} MB\tMax Memory Used: ${inv.maxUsedMb} MB${init}\t\n`,
  });
  return events;
}

/** Since 1 August 2025 the INIT phase is part of the billed duration, rounded up to the millisecond. */
export function billedMs(durationMs: number, initMs: number | undefined): number {
  return Math.ceil(Number(ms(durationMs)) + (initMs === undefined ? 0 : Number(ms(initMs))));
}

function streamName(createdAt: number, startedAt: number, version: string, next: () => number): string {
  const day = new Date(startedAt + createdAt).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${hex(next, 32)}`;
}

/** Production: arrivals spread over the window; an arrival takes a free environment or starts a new one (a cold start). */
export function productionInvocations(): { environment: number; invocation: Invocation }[] {
  const next = numbers('jam-thumbnailer/production');
  const arrivals = Array.from({ length: INVOCATIONS }, () => -WINDOW_MS - 60_000 + Math.floor(next() * WINDOW_MS)).sort((a, b) => a - b);
  const freeAt: number[] = [];
  const out: { environment: number; invocation: Invocation }[] = [];
  for (const start of arrivals) {
    let environment = freeAt.findIndex((t) => t <= start);
    const cold = environment === -1;
    if (cold) {
      environment = freeAt.length;
      freeAt.push(0);
    }
    const durationMs = 2_160 + next() * 480;
    const initMs = cold ? 440 + next() * 170 : undefined;
    const invocation: Invocation = {
      requestId: requestId(next),
      start,
      durationMs,
      ...(initMs === undefined ? {} : { initMs }),
      billedMs: billedMs(durationMs, initMs),
      memoryMb: PRODUCTION_MEMORY_MB,
      maxUsedMb: 180 + Math.floor(next() * 12),
    };
    freeAt[environment] = start + (initMs ?? 0) + durationMs + 40;
    out.push({ environment, invocation });
  }
  return out;
}

/**
 * The busiest moment of the production window, as the logs show it: the most invocations in flight
 * at once (from INIT_START or START to END) and the environments Lambda kept for them. An
 * environment is created only when every existing one is busy (including its few milliseconds
 * after END), so the second is the first or one more.
 */
export function peakConcurrency(): { inFlight: number; environments: number } {
  if (!peak) {
    const production = productionInvocations();
    const edges = production.flatMap(({ invocation: i }) => [
      { at: i.start, delta: 1 },
      { at: i.start + (i.initMs ?? 0) + i.durationMs, delta: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let now = 0;
    let inFlight = 0;
    for (const edge of edges) {
      now += edge.delta;
      inFlight = Math.max(inFlight, now);
    }
    peak = { inFlight, environments: new Set(production.map((p) => p.environment)).size };
  }
  return peak;
}
let peak: { inFlight: number; environments: number } | undefined;

function sweepInvocations(): { version: number; invocations: Invocation[] }[] {
  return SWEEP.map((step) => {
    const next = numbers(`jam-thumbnailer/sweep/${step.version}`);
    let t = -SWEEP_AGO_MS + step.version * 120_000;
    const invocations: Invocation[] = [];
    for (let i = 0; i < SWEEP_RUNS; i++) {
      const durationMs = step.durationMs * (0.97 + next() * 0.06);
      const initMs = i === 0 ? step.initMs * (0.95 + next() * 0.1) : undefined;
      invocations.push({
        requestId: requestId(next),
        start: t,
        durationMs,
        ...(initMs === undefined ? {} : { initMs }),
        billedMs: billedMs(durationMs, initMs),
        memoryMb: step.memoryMb,
        maxUsedMb: step.maxUsedMb,
      });
      t += (initMs ?? 0) + durationMs + 300;
    }
    return { version: step.version, invocations };
  });
}

let cached: { streams: (Omit<LogStream, 'name'> & { label: string; seed: number })[] } | undefined;

/** The streams relative to the lab's start; names carry the UTC date, so they depend on `startedAt`. */
export function logStreams(startedAt: number): LogStream[] {
  cached ??= { streams: build() };
  const names = numbers('jam-thumbnailer/stream-names');
  return cached.streams.map((s) => ({
    name: streamName(s.createdAt, startedAt, s.label, names),
    createdAt: s.createdAt,
    events: s.events.map((e) => ({
      at: e.at,
      message: e.message.replace(/^@(-?\d+)\t/, (_m, at: string) => `${new Date(startedAt + Number(at)).toISOString()}\t`),
    })),
  }));
}

function build() {
  const streams: (Omit<LogStream, 'name'> & { label: string; seed: number })[] = [];
  let photo = 0;
  for (const { version, invocations } of sweepInvocations()) {
    const events = invocations.flatMap((inv) => invocationEvents(inv, String(version), `sweep/sample-${(photo++ % 10) + 1}.jpg`));
    streams.push({ label: String(version), createdAt: events[0]?.at ?? 0, events, seed: version });
  }
  const byEnvironment = new Map<number, LogEvent[]>();
  for (const { environment, invocation } of productionInvocations()) {
    const events = byEnvironment.get(environment) ?? [];
    events.push(...invocationEvents(invocation, '$LATEST', `uploads/2026/photo-${10_000 + photo++}.jpg`));
    byEnvironment.set(environment, events);
  }
  for (const [environment, events] of byEnvironment) {
    streams.push({ label: '$LATEST', createdAt: events[0]?.at ?? 0, events, seed: 100 + environment });
  }
  return streams;
}
