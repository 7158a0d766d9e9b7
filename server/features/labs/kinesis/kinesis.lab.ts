/**
 * `kinesis-hot-shard`: a Kinesis data stream with one hot shard. A producer writes a skewed
 * load (kinesis.producer.ts), so the shard that owns the busy sensors throttles it with
 * ProvisionedThroughputExceededException. The team diagnoses which shard and why, then
 * reshards; the `hot-shard-fixed` check passes once the stream has at least three open shards
 * and no shard is over its write limit. The team's flag is in one of the stream's records.
 */
import type { AwsServiceDefinition, LabModule } from '../lab.ts';
import { initialKinesisState, type KinesisState, KinesisStateSchema, LAB_NAME, openShards, STREAM_NAME, streamStatus } from './kinesis.model.ts';
import { hotHalf, producerKeys, shardLoad } from './kinesis.producer.ts';
import * as read from './kinesis.read-ops.ts';
import * as write from './kinesis.write-ops.ts';

const MIN_OPEN_SHARDS = 3;

const kinesis: AwsServiceDefinition<KinesisState> = {
  signingName: 'kinesis',
  protocols: ['json-1.1'],
  targetPrefix: 'Kinesis_20131202',
  throttling: {
    code: 'LimitExceededException',
    message: (ctx) => `Rate exceeded for stream ${STREAM_NAME} under account ${ctx.team.accountId}.`,
  },
  operations: {
    ListStreams: read.ListStreams,
    DescribeStream: read.DescribeStream,
    DescribeStreamSummary: read.DescribeStreamSummary,
    ListShards: read.ListShards,
    GetShardIterator: read.GetShardIterator,
    GetRecords: read.GetRecords,
    DescribeLimits: read.DescribeLimits,
    PutRecord: write.PutRecord,
    PutRecords: write.PutRecords,
    SplitShard: write.SplitShard,
    MergeShards: write.MergeShards,
    UpdateShardCount: write.UpdateShardCount,
  },
};

export const kinesisHotShardLab: LabModule<KinesisState> = {
  name: LAB_NAME,
  title: { en: 'Kinesis: the hot shard', ja: 'Kinesis: ホットシャード' },
  schema: KinesisStateSchema,
  initialState: (_team, now) => initialKinesisState(now.getTime()),
  maxStateBytes: 512 * 1024,
  aws: [kinesis],
  checks: {
    'hot-shard-fixed'(state, { now, team }) {
      const t = now.getTime();
      const open = openShards(state, t);
      const keys = producerKeys(hotHalf(team.seed));
      const throttled = open.filter((s) => shardLoad(s, keys).throttled).length;
      const active = streamStatus(state, t) === 'ACTIVE';
      const progress = [
        {
          label: {
            en: `The stream has at least ${MIN_OPEN_SHARDS} open shards (now ${open.length})`,
            ja: `ストリームのオープンなシャードが ${MIN_OPEN_SHARDS} つ以上ある（現在 ${open.length}）`,
          },
          done: open.length >= MIN_OPEN_SHARDS,
        },
        {
          label: {
            en: throttled === 0 ? 'No shard throttles the producer' : `The producer is still throttled on ${throttled} shard${throttled === 1 ? '' : 's'}`,
            ja:
              throttled === 0
                ? 'プロデューサーの書き込みをスロットリングしているシャードはない'
                : `プロデューサーの書き込みが ${throttled} つのシャードでまだスロットリングされている`,
          },
          done: throttled === 0,
        },
        {
          label: { en: 'The stream is ACTIVE (no resharding in progress)', ja: 'ストリームが ACTIVE である（リシャーディング中ではない）' },
          done: active,
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      resources: { streamName: STREAM_NAME },
      labels: { streamName: { en: 'Stream name', ja: 'ストリーム名' } },
      firstCommand: `aws kinesis describe-stream-summary --stream-name ${STREAM_NAME} --endpoint-url ${access.endpoint} --region ${access.region}`,
      sdk: { package: '@aws-sdk/client-kinesis', client: 'KinesisClient' },
    };
  },
};
