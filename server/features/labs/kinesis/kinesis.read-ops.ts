/** Kinesis operations that only read: describing the stream and its shards, reading records. */
import { AwsError, type AwsOperation } from '../lab.ts';
import { optionalInteger, optionalObject, optionalString, optionalTimestamp, requiredString } from '../aws/input.ts';
import {
  type KinesisState,
  openShards,
  parseSequenceNumber,
  type Position,
  RETENTION_HOURS,
  SHARD_LIMIT,
  STREAM_NAME,
  sequenceNumber,
  shardId,
  shardNumber,
  streamStatus,
  visibleShards,
  after,
} from './kinesis.model.ts';
import { childShards, makeIterator, readIterator, readShard, trimHorizon } from './kinesis.records.ts';
import { describeShard, findShard, kinesisCall, requireStream, SHARD_ID_PATTERN, STREAM_NAME_PATTERN } from './kinesis.context.ts';

type Op = AwsOperation<KinesisState>;

const MODE = { StreamMode: 'PROVISIONED' };

export const ListStreams: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    optionalInteger(input, 'Limit', { min: 1, max: 10_000 });
    const exclusive = optionalString(input, 'ExclusiveStartStreamName', { min: 1, max: 128, pattern: STREAM_NAME_PATTERN });
    const listed = exclusive === undefined || exclusive < STREAM_NAME;
    return {
      output: {
        StreamNames: listed ? [STREAM_NAME] : [],
        HasMoreStreams: false,
        StreamSummaries: listed
          ? [
              {
                StreamName: STREAM_NAME,
                StreamARN: call.arn,
                StreamStatus: streamStatus(state, call.now),
                StreamModeDetails: MODE,
                StreamCreationTimestamp: new Date(state.createdAt),
              },
            ]
          : [],
      },
    };
  },
};

export const DescribeStream: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const limit = optionalInteger(input, 'Limit', { min: 1, max: 10_000 }) ?? 100;
    const exclusive = optionalString(input, 'ExclusiveStartShardId', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
    const after = exclusive === undefined ? -1 : (shardNumber(exclusive) ?? -1);
    const shards = visibleShards(state, call.now).filter((s) => s.n > after);
    return {
      output: {
        StreamDescription: {
          StreamName: STREAM_NAME,
          StreamARN: call.arn,
          StreamStatus: streamStatus(state, call.now),
          StreamModeDetails: MODE,
          Shards: shards.slice(0, limit).map((s) => describeShard(s, call.now)),
          HasMoreShards: shards.length > limit,
          RetentionPeriodHours: RETENTION_HOURS,
          StreamCreationTimestamp: new Date(state.createdAt),
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
        },
      },
    };
  },
};

export const DescribeStreamSummary: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    return {
      output: {
        StreamDescriptionSummary: {
          StreamName: STREAM_NAME,
          StreamARN: call.arn,
          StreamStatus: streamStatus(state, call.now),
          StreamModeDetails: MODE,
          RetentionPeriodHours: RETENTION_HOURS,
          StreamCreationTimestamp: new Date(state.createdAt),
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: openShards(state, call.now).length,
          ConsumerCount: 0,
        },
      },
    };
  },
};

const SHARD_FILTERS = ['AFTER_SHARD_ID', 'AT_TRIM_HORIZON', 'FROM_TRIM_HORIZON', 'AT_LATEST', 'AT_TIMESTAMP', 'FROM_TIMESTAMP'] as const;

export const ListShards: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    const token = optionalString(input, 'NextToken', { min: 1, max: 1_048_576 });
    let afterShard = -1;
    if (token !== undefined) {
      if (input.StreamName !== undefined || input.StreamARN !== undefined) {
        throw new AwsError('InvalidArgumentException', 'NextToken and StreamName cannot be provided together.');
      }
      afterShard = readListToken(token, state);
    } else {
      requireStream(input, call);
      const exclusive = optionalString(input, 'ExclusiveStartShardId', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
      if (exclusive !== undefined) afterShard = shardNumber(exclusive) ?? -1;
    }
    const max = optionalInteger(input, 'MaxResults', { min: 1, max: 10_000 }) ?? 1000;
    const filter = optionalObject(input, 'ShardFilter');
    let shards = visibleShards(state, call.now).filter((s) => s.n > afterShard);
    if (filter) {
      const type = requiredString(filter, 'Type', { oneOf: SHARD_FILTERS });
      const openAt = (t: number) => (s: (typeof shards)[number]) => s.openedAt <= t && (s.closedAt === null || s.closedAt > t);
      const ts = optionalTimestamp(filter, 'Timestamp');
      const trim = Math.min(...shards.map((s) => trimHorizon(s, call.now).t), call.now);
      if (type === 'AFTER_SHARD_ID') {
        const id = requiredString(filter, 'ShardId', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
        shards = shards.filter((s) => s.n > (shardNumber(id) ?? -1));
      } else if (type === 'AT_LATEST') shards = shards.filter(openAt(call.now));
      else if (type === 'AT_TRIM_HORIZON') shards = shards.filter(openAt(trim));
      else if (type === 'AT_TIMESTAMP' || type === 'FROM_TIMESTAMP') {
        if (ts === undefined) throw new AwsError('InvalidArgumentException', `ShardFilter ${type} requires a Timestamp.`);
        shards = type === 'AT_TIMESTAMP' ? shards.filter(openAt(ts)) : shards.filter((s) => s.closedAt === null || s.closedAt > ts);
      }
    }
    const page = shards.slice(0, max);
    const last = page.at(-1);
    return {
      output: {
        Shards: page.map((s) => describeShard(s, call.now)),
        ...(shards.length > max && last ? { NextToken: Buffer.from(JSON.stringify([state.createdAt, last.n])).toString('base64url') } : {}),
      },
    };
  },
};

function readListToken(token: string, state: KinesisState): number {
  try {
    const [createdAt, n] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as [number, number];
    if (createdAt === state.createdAt && Number.isInteger(n)) return n;
  } catch {
    // Falls through to the error below.
  }
  throw new AwsError('ExpiredNextTokenException', 'The NextToken is invalid or belongs to a stream that was restarted.');
}

const ITERATOR_TYPES = ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP'] as const;

export const GetShardIterator: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    requireStream(input, call);
    const id = requiredString(input, 'ShardId', { min: 1, max: 128, pattern: SHARD_ID_PATTERN });
    const type = requiredString(input, 'ShardIteratorType', { oneOf: ITERATOR_TYPES });
    const shard = findShard(state, id, call);
    let position: Position;
    if (type === 'TRIM_HORIZON') position = trimHorizon(shard, call.now);
    else if (type === 'LATEST') position = { t: call.now + 1, kind: 0, o: 0 };
    else if (type === 'AT_TIMESTAMP') {
      const ts = optionalTimestamp(input, 'Timestamp');
      if (ts === undefined)
        throw new AwsError(
          'InvalidArgumentException',
          'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
        );
      position = { t: ts, kind: 0, o: 0 };
    } else {
      const value = requiredString(input, 'StartingSequenceNumber', { pattern: /0|([1-9]\d{0,128})/ });
      const parsed = parseSequenceNumber(value);
      if (!parsed || parsed.n !== shard.n) {
        throw new AwsError(
          'InvalidArgumentException',
          `StartingSequenceNumber ${value} used in GetShardIterator on shard ${id} in stream ${STREAM_NAME} under account ${call.account} is invalid because it did not come from this stream.`,
        );
      }
      position = type === 'AT_SEQUENCE_NUMBER' ? parsed.position : after(parsed.position);
    }
    return { output: { ShardIterator: makeIterator(ctx.team.seed, state, shard.n, position, call.now) } };
  },
};

export const GetRecords: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const call = kinesisCall(state, ctx);
    const token = requiredString(input, 'ShardIterator', { min: 1, max: 512 });
    const limit = optionalInteger(input, 'Limit', { min: 1, max: 10_000 }) ?? 10_000;
    const { n, position } = readIterator(ctx.team.seed, state, token, call.now);
    const shard = visibleShards(state, call.now).find((s) => s.n === n);
    if (!shard) throw new AwsError('ResourceNotFoundException', `Shard ${shardId(n)} in stream ${STREAM_NAME} under account ${call.account} does not exist`);
    const read = readShard(state, shard, position, call.now, limit, call.producer);
    return {
      output: {
        Records: read.records.map((r) => ({
          SequenceNumber: sequenceNumber(n, r.position),
          ApproximateArrivalTimestamp: new Date(r.position.t),
          Data: r.data,
          PartitionKey: r.partitionKey,
        })),
        ...(read.next ? { NextShardIterator: makeIterator(ctx.team.seed, state, n, read.next, call.now) } : { ChildShards: childShards(state, n) }),
        MillisBehindLatest: read.millisBehindLatest,
      },
    };
  },
};

export const DescribeLimits: Op = {
  readOnly: true,
  handle(state, _input, ctx) {
    return {
      output: { ShardLimit: SHARD_LIMIT, OpenShardCount: openShards(state, ctx.now.getTime()).length, OnDemandStreamCount: 0, OnDemandStreamCountLimit: 50 },
    };
  },
};
