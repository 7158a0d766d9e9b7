/**
 * The Kinesis lab's state and the rules of a stream's shard map. Pure: no I/O.
 *
 * Times are epoch milliseconds. A shard is visible from `openedAt` and open until `closedAt`:
 * a reshard sets both in the future (`RESHARD_MS`), so the stream is UPDATING for a moment
 * and the change completes by itself, computed from timestamps when the team next calls.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LAB_NAME = 'kinesis-hot-shard';
export const STREAM_NAME = 'jam-telemetry';
export const HASH_KEY_MAX = (1n << 128n) - 1n;
/** Open shards a stream may have in the lab (DescribeLimits' ShardLimit). */
export const SHARD_LIMIT = 10;
/** Shards kept in the state, closed ones included: the bound that keeps the state small. */
export const MAX_SHARDS = 64;
export const RESHARD_MS = 2_000;
export const RETENTION_HOURS = 24;
export const RETENTION_MS = RETENTION_HOURS * 3_600_000;
/** Per-shard write limits, as in Kinesis Data Streams. */
export const SHARD_RECORDS_PER_SECOND = 1_000;
export const SHARD_BYTES_PER_SECOND = 1_048_576;
export const MAX_RECORD_BYTES = 1_048_576;
/** Records put by the team that the lab keeps (oldest first out): the lab's retention bound. */
export const MAX_STORED_RECORDS = 400;
export const MAX_STORED_BYTES = 192 * 1024;

const ShardSchema = z.object({
  n: z.number().int().nonnegative(),
  start: z.string().regex(/^\d+$/),
  end: z.string().regex(/^\d+$/),
  parent: z.number().int().nullable(),
  adjacentParent: z.number().int().nullable(),
  openedAt: z.number(),
  closedAt: z.number().nullable(),
});

const StoredRecordSchema = z.object({
  /** Shard number, arrival time, ordinal. */
  n: z.number().int(),
  t: z.number(),
  o: z.number().int(),
  /** Partition key, base64 data, explicit hash key if one was given. */
  k: z.string(),
  d: z.string(),
});

export const KinesisStateSchema = z.object({
  v: z.literal(1),
  createdAt: z.number(),
  nextShard: z.number().int(),
  nextOrdinal: z.number().int(),
  updatingUntil: z.number(),
  shards: z.array(ShardSchema),
  records: z.array(StoredRecordSchema),
});

export type KinesisState = z.infer<typeof KinesisStateSchema>;
export type ShardState = z.infer<typeof ShardSchema>;
export type StoredRecord = z.infer<typeof StoredRecordSchema>;

/** Two shards splitting the hash key space in halves, as `create-stream --shard-count 2` makes. */
export function initialKinesisState(now: number): KinesisState {
  const half = 1n << 127n;
  return {
    v: 1,
    createdAt: now,
    nextShard: 2,
    nextOrdinal: 0,
    updatingUntil: 0,
    shards: [
      { n: 0, start: '0', end: String(half - 1n), parent: null, adjacentParent: null, openedAt: now, closedAt: null },
      { n: 1, start: String(half), end: String(HASH_KEY_MAX), parent: null, adjacentParent: null, openedAt: now, closedAt: null },
    ],
    records: [],
  };
}

export function shardId(n: number): string {
  return `shardId-${String(n).padStart(12, '0')}`;
}

export function shardNumber(id: string): number | undefined {
  const m = /^shardId-(\d{12})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The 128-bit hash key Kinesis maps a partition key to: MD5, read as an unsigned big-endian integer. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash('md5').update(partitionKey, 'utf8').digest('hex')}`);
}

/** Shards not yet trimmed away (closed more than the retention period ago) and already created. */
export function visibleShards(state: KinesisState, now: number): ShardState[] {
  return state.shards.filter((s) => s.openedAt <= now && (s.closedAt === null || s.closedAt > now - RETENTION_MS));
}

export function isOpen(shard: ShardState, now: number): boolean {
  return shard.openedAt <= now && (shard.closedAt === null || shard.closedAt > now);
}

export function openShards(state: KinesisState, now: number): ShardState[] {
  return state.shards.filter((s) => isOpen(s, now));
}

export function inRange(shard: ShardState, hash: bigint): boolean {
  return hash >= BigInt(shard.start) && hash <= BigInt(shard.end);
}

export function streamStatus(state: KinesisState, now: number): 'ACTIVE' | 'UPDATING' {
  return now < state.updatingUntil ? 'UPDATING' : 'ACTIVE';
}

/**
 * Records in a shard are ordered by position: time, then the producer's records before the
 * team's within one millisecond, then ordinal. A sequence number spells the position out in
 * fixed-width digits, so comparing numbers compares positions.
 */
export interface Position {
  t: number;
  kind: 0 | 1;
  o: number;
}

export function comparePositions(a: Position, b: Position): number {
  return a.t - b.t || a.kind - b.kind || a.o - b.o;
}

export function sequenceNumber(n: number, p: Position): string {
  return `49${String(n).padStart(6, '0')}${String(p.t).padStart(15, '0')}${p.kind}${String(p.o).padStart(12, '0')}`;
}

export function parseSequenceNumber(value: string): { n: number; position: Position } | undefined {
  const m = /^49(\d{6})(\d{15})([01])(\d{12})$/.exec(value);
  if (!m) return undefined;
  return { n: Number(m[1]), position: { t: Number(m[2]), kind: Number(m[3]) as 0 | 1, o: Number(m[4]) } };
}

/** The smallest position after `p`. */
export function after(p: Position): Position {
  return { t: p.t, kind: p.kind, o: p.o + 1 };
}
