/** What every Kinesis operation needs from a call: the time, the producer, names and ARNs. */
import { AwsError, type LabCallContext } from '../lab.ts';
import { optionalString } from '../aws/input.ts';
import { type KinesisState, type ShardState, STREAM_NAME, sequenceNumber, shardId, shardNumber, visibleShards } from './kinesis.model.ts';
import { hotHalf, type ProducerContext, producerKeys } from './kinesis.producer.ts';

export const STREAM_NAME_PATTERN = /[a-zA-Z0-9_.-]+/;
export const SHARD_ID_PATTERN = /[a-zA-Z0-9_.-]+/;
export const HASH_KEY_PATTERN = /0|([1-9]\d{0,38})/;

export interface KinesisCall {
  now: number;
  arn: string;
  account: string;
  region: string;
  producer: ProducerContext;
}

/** Where the flag record sits: the first shard of the busy half, a few dozen records in. */
export function flagPlacement(seed: Buffer): { shard: number; index: number } {
  return { shard: hotHalf(seed), index: 20 + ((seed[1] ?? 0) % 60) };
}

export function kinesisCall(state: KinesisState, ctx: LabCallContext): KinesisCall {
  const flag = ctx.team.flag === undefined ? undefined : { ...flagPlacement(ctx.team.seed), value: ctx.team.flag };
  return {
    now: ctx.now.getTime(),
    arn: `arn:aws:kinesis:${ctx.region}:${ctx.team.accountId}:stream/${STREAM_NAME}`,
    account: ctx.team.accountId,
    region: ctx.region,
    producer: { keys: producerKeys(hotHalf(ctx.team.seed)), createdAt: state.createdAt, ...(flag ? { flag } : {}) },
  };
}

/** The stream a request names by StreamName or StreamARN; there is one per team. */
export function requireStream(input: Record<string, unknown>, call: KinesisCall): void {
  const name = optionalString(input, 'StreamName', { min: 1, max: 128, pattern: STREAM_NAME_PATTERN });
  const arn = optionalString(input, 'StreamARN', { min: 1, max: 2048 });
  if (name === undefined && arn === undefined) throw new AwsError('InvalidArgumentException', 'Either StreamName or StreamARN should be provided.');
  if (name !== undefined && name !== STREAM_NAME) throw notFound(name, call);
  if (arn !== undefined && arn !== call.arn) throw new AwsError('ResourceNotFoundException', `Stream ${arn} not found.`);
}

export function notFound(name: string, call: KinesisCall): AwsError {
  return new AwsError('ResourceNotFoundException', `Stream ${name} under account ${call.account} not found.`);
}

export function findShard(state: KinesisState, id: string, call: KinesisCall): ShardState {
  const n = shardNumber(id);
  const shard = n === undefined ? undefined : visibleShards(state, call.now).find((s) => s.n === n);
  if (!shard) throw new AwsError('ResourceNotFoundException', `Shard ${id} in stream ${STREAM_NAME} under account ${call.account} does not exist`);
  return shard;
}

/** A shard as DescribeStream and ListShards show it; a closed shard has an ending sequence number. */
export function describeShard(s: ShardState, now: number) {
  return {
    ShardId: shardId(s.n),
    ...(s.parent !== null ? { ParentShardId: shardId(s.parent) } : {}),
    ...(s.adjacentParent !== null ? { AdjacentParentShardId: shardId(s.adjacentParent) } : {}),
    HashKeyRange: { StartingHashKey: s.start, EndingHashKey: s.end },
    SequenceNumberRange: {
      StartingSequenceNumber: sequenceNumber(s.n, { t: s.openedAt, kind: 0, o: 0 }),
      ...(s.closedAt !== null && s.closedAt <= now ? { EndingSequenceNumber: sequenceNumber(s.n, { t: s.closedAt - 1, kind: 1, o: 999_999_999_999 }) } : {}),
    },
  };
}
