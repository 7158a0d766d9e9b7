/** Kinesis operations that change the stream: putting records and resharding. */
import { AwsError, type AwsOperation } from '../lab.ts';
import { optionalString, requiredBlob, requiredInteger, requiredList, requiredString } from '../aws/input.ts';
import {
  HASH_KEY_MAX,
  hashKeyOf,
  inRange,
  type KinesisState,
  MAX_RECORD_BYTES,
  MAX_SHARDS,
  MAX_STORED_BYTES,
  MAX_STORED_RECORDS,
  openShards,
  RESHARD_MS,
  SHARD_BYTES_PER_SECOND,
  SHARD_LIMIT,
  SHARD_RECORDS_PER_SECOND,
  type ShardState,
  STREAM_NAME,
  sequenceNumber,
  shardId,
  streamStatus,
} from './kinesis.model.ts';
import { shardLoad } from './kinesis.producer.ts';
import { findShard, HASH_KEY_PATTERN, type KinesisCall, kinesisCall, requireStream, SHARD_ID_PATTERN } from './kinesis.context.ts';

type Op = AwsOperation<KinesisState>;

interface RecordInput {
  data: Buffer;
  partitionKey: string;
  hash: bigint;
}

function recordInput(entry: Record<string, unknown>): RecordInput {
  const data = requiredBlob(entry, 'Data', MAX_RECORD_BYTES);
  const partitionKey = requiredString(entry, 'PartitionKey', { min: 1, max: 256 });
  const explicit = optionalString(entry, 'ExplicitHashKey', { pattern: HASH_KEY_PATTERN });
  const hash = explicit === undefined ? hashKeyOf(partitionKey) : BigInt(explicit);
  if (hash > HASH_KEY_MAX)
    throw new AwsError(
      'InvalidArgumentException',
      `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicit}`,
    );
  return { data, partitionKey, hash };
}

type PutOutcome = { ok: true; shard: ShardState; sequence: string } | { ok: false; message: string };

/**
 * Writes one record unless its shard is at its limit: the producer's load plus what the team
 * wrote in the last second must leave room for it.
 */
function put(state: KinesisState, record: RecordInput, call: KinesisCall): PutOutcome {
  const shard = openShards(state, call.now).find((s) => inRange(s, record.hash));
  if (!shard) throw new AwsError('InternalFailureException', 'No open shard covers the hash key.', 500);
  const load = shardLoad(shard, call.producer.keys);
  const recent = state.records.filter((r) => r.n === shard.n && r.t > call.now - 1000);
  const recentBytes = recent.reduce((sum, r) => sum + Math.floor((r.d.length * 3) / 4), 0);
  if (load.records + recent.length + 1 > SHARD_RECORDS_PER_SECOND || load.bytes + recentBytes + record.data.length > SHARD_BYTES_PER_SECOND) {
    return { ok: false, message: `Rate exceeded for shard ${shardId(shard.n)} in stream ${STREAM_NAME} under account ${call.account}.` };
  }
  const o = state.nextOrdinal++;
  state.records.push({ n: shard.n, t: call.now, o, k: record.partitionKey, d: record.data.toString('base64') });
  return { ok: true, shard, sequence: sequenceNumber(shard.n, { t: call.now, kind: 1, o }) };
}

/** Keeps the team's records within the lab's bounds, oldest out first. */
function trimRecords(state: KinesisState): void {
  let bytes = state.records.reduce((sum, r) => sum + r.d.length, 0);
  while (state.records.length > MAX_STORED_RECORDS || bytes > MAX_STORED_BYTES) {
    const dropped = state.records.shift();
    if (!dropped) break;
    bytes -= dropped.d.length;
  }
}

export const PutRecord: Op = {
  handle(current, input, ctx) {
    const state = structuredClone(current);
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    optionalString(input, 'SequenceNumberForOrdering', { pattern: /0|([1-9]\d{0,128})/ });
    const outcome = put(state, recordInput(input), call);
    if (!outcome.ok) throw new AwsError('ProvisionedThroughputExceededException', outcome.message);
    trimRecords(state);
    return { output: { ShardId: shardId(outcome.shard.n), SequenceNumber: outcome.sequence, EncryptionType: 'NONE' }, state };
  },
};

export const PutRecords: Op = {
  handle(current, input, ctx) {
    const state = structuredClone(current);
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const entries = requiredList(input, 'Records', { min: 1, max: 500 }).map(recordInput);
    let failed = 0;
    const records = entries.map((entry) => {
      const outcome = put(state, entry, call);
      if (outcome.ok) return { SequenceNumber: outcome.sequence, ShardId: shardId(outcome.shard.n) };
      failed++;
      return { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: outcome.message };
    });
    trimRecords(state);
    return { output: { FailedRecordCount: failed, Records: records, EncryptionType: 'NONE' }, state };
  },
};

function requireActive(state: KinesisState, call: KinesisCall): void {
  if (streamStatus(state, call.now) !== 'ACTIVE') {
    throw new AwsError('ResourceInUseException', `Stream ${STREAM_NAME} under account ${call.account} not ACTIVE, instead in state UPDATING`);
  }
}

function requireRoom(state: KinesisState, call: KinesisCall, openAfter: number, added: number): void {
  if (openAfter > SHARD_LIMIT) {
    throw new AwsError(
      'LimitExceededException',
      `This request would exceed the shard limit for the account ${call.account} in ${call.region}. Current limit of shards is ${SHARD_LIMIT}.`,
    );
  }
  if (state.shards.length + added > MAX_SHARDS) {
    throw new AwsError('LimitExceededException', `The lab keeps at most ${MAX_SHARDS} shards, closed ones included. Restart the lab to begin again.`);
  }
}

function requireOpen(state: KinesisState, id: string, call: KinesisCall): ShardState {
  const shard = findShard(state, id, call);
  if (shard.closedAt !== null) {
    throw new AwsError(
      'InvalidArgumentException',
      `Shard ${id} in stream ${STREAM_NAME} under account ${call.account} has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  }
  return shard;
}

/** Closes `parents` and opens `children` once the reshard completes, RESHARD_MS from now. */
function reshard(
  state: KinesisState,
  call: KinesisCall,
  parents: ShardState[],
  children: { start: bigint; end: bigint; parent: number; adjacentParent: number | null }[],
): void {
  const at = call.now + RESHARD_MS;
  for (const parent of parents) {
    const stored = state.shards.find((s) => s.n === parent.n);
    if (stored) stored.closedAt = at;
  }
  for (const child of children) {
    state.shards.push({
      n: state.nextShard++,
      start: String(child.start),
      end: String(child.end),
      parent: child.parent,
      adjacentParent: child.adjacentParent,
      openedAt: at,
      closedAt: null,
    });
  }
  state.updatingUntil = at;
}

export const SplitShard: Op = {
  handle(current, input, ctx) {
    const state = structuredClone(current);
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const id = requiredString(input, 'ShardToSplit', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
    const key = requiredString(input, 'NewStartingHashKey', { pattern: HASH_KEY_PATTERN });
    requireActive(state, call);
    const shard = requireOpen(state, id, call);
    const start = BigInt(shard.start);
    const end = BigInt(shard.end);
    const split = BigInt(key);
    if (!(split > start + 1n && split < end)) {
      throw new AwsError(
        'InvalidArgumentException',
        `NewStartingHashKey ${key} used in SplitShard() on shard ${id} in stream ${STREAM_NAME} under account ${call.account} is not both greater than one plus the shard's StartingHashKey ${shard.start} and less than the shard's EndingHashKey ${shard.end}.`,
      );
    }
    requireRoom(state, call, openShards(state, call.now).length + 1, 2);
    reshard(
      state,
      call,
      [shard],
      [
        { start, end: split - 1n, parent: shard.n, adjacentParent: null },
        { start: split, end, parent: shard.n, adjacentParent: null },
      ],
    );
    return { output: {}, state };
  },
};

export const MergeShards: Op = {
  handle(current, input, ctx) {
    const state = structuredClone(current);
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const id = requiredString(input, 'ShardToMerge', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
    const adjacentId = requiredString(input, 'AdjacentShardToMerge', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
    requireActive(state, call);
    const a = requireOpen(state, id, call);
    const b = requireOpen(state, adjacentId, call);
    const adjacent = BigInt(a.end) + 1n === BigInt(b.start) || BigInt(b.end) + 1n === BigInt(a.start);
    if (!adjacent) {
      throw new AwsError(
        'InvalidArgumentException',
        `Shards ${id} and ${adjacentId} in stream ${STREAM_NAME} under account ${call.account} are not an adjacent pair of shards eligible for merging`,
      );
    }
    requireRoom(state, call, openShards(state, call.now).length - 1, 1);
    const start = BigInt(a.start) < BigInt(b.start) ? BigInt(a.start) : BigInt(b.start);
    const end = BigInt(a.end) > BigInt(b.end) ? BigInt(a.end) : BigInt(b.end);
    reshard(state, call, [a, b], [{ start, end, parent: a.n, adjacentParent: b.n }]);
    return { output: {}, state };
  },
};

export const UpdateShardCount: Op = {
  handle(current, input, ctx) {
    const state = structuredClone(current);
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const target = requiredInteger(input, 'TargetShardCount', { min: 1 });
    requiredString(input, 'ScalingType', { oneOf: ['UNIFORM_SCALING'] });
    requireActive(state, call);
    const open = openShards(state, call.now).sort((x, y) => (BigInt(x.start) < BigInt(y.start) ? -1 : 1));
    const output = { StreamName: STREAM_NAME, CurrentShardCount: open.length, TargetShardCount: target, StreamARN: call.arn };
    if (target === open.length) return { output };
    if (target > open.length * 2) {
      throw new AwsError(
        'InvalidArgumentException',
        `UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: ${open.length} Target shard count: ${target}`,
      );
    }
    if (target < Math.ceil(open.length / 2)) {
      throw new AwsError(
        'InvalidArgumentException',
        `UpdateShardCount cannot scale down below half your current open shard count. Current open shard count: ${open.length} Target shard count: ${target}`,
      );
    }
    requireRoom(state, call, target, target);
    const space = HASH_KEY_MAX + 1n;
    const children = Array.from({ length: target }, (_, i) => {
      const start = (space * BigInt(i)) / BigInt(target);
      const end = (space * BigInt(i + 1)) / BigInt(target) - 1n;
      const overlapping = open.filter((s) => BigInt(s.start) <= end && BigInt(s.end) >= start);
      return { start, end, parent: overlapping[0]?.n ?? 0, adjacentParent: overlapping[1]?.n ?? null };
    });
    reshard(state, call, open, children);
    return { output, state };
  },
};
