/**
 * Reading a shard: shard iterators (opaque, signed with the team's seed, valid five
 * minutes) and GetRecords over the producer's computed records merged with the records the
 * team put. Pure: no I/O.
 */
import { createHmac } from 'node:crypto';
import { AwsError } from '../lab.ts';
import { after, comparePositions, type KinesisState, type Position, RETENTION_MS, type ShardState, shardId } from './kinesis.model.ts';
import { type LabRecord, type ProducerContext, producerRecords } from './kinesis.producer.ts';

export const ITERATOR_TTL_MS = 300_000;
/** GetRecords may return fewer records than asked; the lab answers at most this many a call. */
export const MAX_RECORDS_PER_CALL = 100;

export function makeIterator(seed: Buffer, state: KinesisState, n: number, position: Position, now: number): string {
  const payload = Buffer.from(JSON.stringify([1, state.createdAt, n, position.t, position.kind, position.o, now])).toString('base64url');
  return `${payload}.${mac(seed, payload)}`;
}

export function readIterator(seed: Buffer, state: KinesisState, token: string, now: number): { n: number; position: Position } {
  const [payload = '', signature = ''] = token.split('.');
  if (!payload || signature !== mac(seed, payload)) throw new AwsError('InvalidArgumentException', 'Invalid ShardIterator.');
  const [version, createdAt, n, t, kind, o, issuedAt] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as number[];
  if (version !== 1 || typeof issuedAt !== 'number') throw new AwsError('InvalidArgumentException', 'Invalid ShardIterator.');
  if (createdAt !== state.createdAt)
    throw new AwsError('ExpiredIteratorException', 'The shard iterator belongs to a stream that was restarted. Get a new iterator.');
  if (now - issuedAt > ITERATOR_TTL_MS) {
    throw new AwsError(
      'ExpiredIteratorException',
      `Iterator expired. The iterator was created at time ${new Date(issuedAt).toUTCString()} while right now it is ${new Date(now).toUTCString()} which is further in the future than the tolerated delay of ${ITERATOR_TTL_MS} milliseconds.`,
    );
  }
  return { n: n as number, position: { t: t as number, kind: kind as 0 | 1, o: o as number } };
}

function mac(seed: Buffer, payload: string): string {
  return createHmac('sha256', seed).update(`kinesis-iterator:${payload}`).digest('base64url').slice(0, 22);
}

/** The oldest position still retained in a shard. */
export function trimHorizon(shard: ShardState, now: number): Position {
  return { t: Math.max(shard.openedAt, now - RETENTION_MS), kind: 0, o: 0 };
}

export interface ReadResult {
  records: LabRecord[];
  /** Where the next read starts; undefined once a closed shard is read to its end. */
  next: Position | undefined;
  millisBehindLatest: number;
}

export function readShard(state: KinesisState, shard: ShardState, from: Position, now: number, limit: number, pc: ProducerContext): ReadResult {
  const start = comparePositions(from, trimHorizon(shard, now)) < 0 ? trimHorizon(shard, now) : from;
  const until = shard.closedAt !== null && shard.closedAt <= now ? shard.closedAt - 1 : now;
  const take = (p: Position, n: number) => merge(producerRecords(shard, p, until, n, pc), teamRecords(state, shard.n, p, until, n), n);
  const records = take(start, Math.min(limit, MAX_RECORDS_PER_CALL));
  const last = records.at(-1);
  const next = last ? after(last.position) : start;
  const more = take(next, 1)[0];
  const closedAndRead = shard.closedAt !== null && shard.closedAt <= now && more === undefined;
  return {
    records,
    next: closedAndRead ? undefined : next,
    millisBehindLatest: more && last ? Math.max(0, now - last.position.t) : 0,
  };
}

function teamRecords(state: KinesisState, n: number, from: Position, until: number, limit: number): LabRecord[] {
  const out: LabRecord[] = [];
  for (const r of state.records) {
    if (r.n !== n || r.t > until) continue;
    const position: Position = { t: r.t, kind: 1, o: r.o };
    if (comparePositions(position, from) >= 0) out.push({ position, partitionKey: r.k, data: r.d });
  }
  return out.sort((a, b) => comparePositions(a.position, b.position)).slice(0, limit);
}

function merge(a: LabRecord[], b: LabRecord[], limit: number): LabRecord[] {
  return [...a, ...b].sort((x, y) => comparePositions(x.position, y.position)).slice(0, limit);
}

/** Shards made from `n` by a split or merge, as GetRecords lists them at the end of a closed shard. */
export function childShards(state: KinesisState, n: number) {
  return state.shards
    .filter((s) => s.parent === n || s.adjacentParent === n)
    .map((s) => ({
      ShardId: shardId(s.n),
      ParentShards: [s.parent, s.adjacentParent].filter((p): p is number => p !== null).map(shardId),
      HashKeyRange: { StartingHashKey: s.start, EndingHashKey: s.end },
    }));
}
