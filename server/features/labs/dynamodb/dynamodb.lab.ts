/**
 * `dynamodb-right-size`: an on-demand table under a steady load, with 14 days of consumed
 * capacity in CloudWatch. The team prices both capacity modes from the metrics and the price
 * sheet, then switches the table (`UpdateTable`). The `right-sized` check passes when the table
 * is provisioned, its capacity covers the busiest hour, and at that capacity it costs less a
 * month than on demand: the direction the data points to.
 */
import { AwsError, type AwsServiceDefinition, type LabCallContext, type LabModule } from '../lab.ts';
import { cloudWatchService, type MetricSeries, type MetricSource } from '../aws/cloudwatch.ts';
import { optionalObject, optionalString, requiredInteger, requiredString } from '../aws/input.ts';
import {
  consumedPerSecond,
  costs,
  type DynamoState,
  DynamoStateSchema,
  HISTORY_HOURS,
  HOUR,
  initialDynamoState,
  LAB_NAME,
  MAX_CAPACITY_UNITS,
  provisionedMonthly,
  SWITCHES_TO_ON_DEMAND_PER_DAY,
  TABLE_NAME,
  tableStatus,
  UPDATE_MS,
} from './dynamodb.model.ts';

const DAY = 86_400_000;

function tableArn(ctx: LabCallContext): string {
  return `arn:aws:dynamodb:${ctx.region}:${ctx.team.accountId}:table/${TABLE_NAME}`;
}

function requireTable(input: Record<string, unknown>, ctx: LabCallContext): void {
  const name = requiredString(input, 'TableName', { min: 1, max: 1024 });
  if (name !== TABLE_NAME && name !== tableArn(ctx)) throw new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${name} not found`);
}

function describe(state: DynamoState, ctx: LabCallContext) {
  const now = ctx.now.getTime();
  const id = ctx.team.seed.toString('hex');
  const provisioned = state.billingMode === 'PROVISIONED';
  return {
    AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
    TableName: TABLE_NAME,
    KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    TableStatus: tableStatus(state, now),
    CreationDateTime: new Date(state.createdAt - 400 * DAY),
    ProvisionedThroughput: {
      ...(state.lastIncrease !== null ? { LastIncreaseDateTime: new Date(state.lastIncrease) } : {}),
      ...(state.lastDecrease !== null ? { LastDecreaseDateTime: new Date(state.lastDecrease) } : {}),
      NumberOfDecreasesToday: state.decreases.filter((t) => t > now - DAY).length,
      ReadCapacityUnits: provisioned ? state.readCapacity : 0,
      WriteCapacityUnits: provisioned ? state.writeCapacity : 0,
    },
    TableSizeBytes: 48_213_504_311,
    ItemCount: 91_532_801,
    TableArn: tableArn(ctx),
    TableId: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
    BillingModeSummary: {
      BillingMode: state.billingMode,
      ...(state.lastToOnDemand !== null ? { LastUpdateToPayPerRequestDateTime: new Date(state.lastToOnDemand) } : {}),
    },
    TableClassSummary: { TableClass: 'STANDARD' },
    DeletionProtectionEnabled: true,
  };
}

function invalid(message: string): AwsError {
  return new AwsError('ValidationException', `One or more parameter values were invalid: ${message}`);
}

function readThroughput(input: Record<string, unknown>): { read: number; write: number } | undefined {
  const t = optionalObject(input, 'ProvisionedThroughput');
  if (!t) return undefined;
  const read = requiredInteger(t, 'ReadCapacityUnits', { min: 1 });
  const write = requiredInteger(t, 'WriteCapacityUnits', { min: 1 });
  for (const [what, value] of [
    ['read', read],
    ['write', write],
  ] as const) {
    if (value > MAX_CAPACITY_UNITS) {
      throw new AwsError(
        'LimitExceededException',
        `Subscriber limit exceeded: Provisioned throughput for a single table cannot exceed the table level ${what} capacity limit of ${MAX_CAPACITY_UNITS}.`,
      );
    }
  }
  return { read, write };
}

function update(state: DynamoState, input: Record<string, unknown>, ctx: LabCallContext): DynamoState {
  const now = ctx.now.getTime();
  const mode = optionalString(input, 'BillingMode', { oneOf: ['PROVISIONED', 'PAY_PER_REQUEST'] });
  const throughput = readThroughput(input);
  if (mode === undefined && throughput === undefined) {
    throw new AwsError(
      'ValidationException',
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required',
    );
  }
  if (tableStatus(state, now) !== 'ACTIVE')
    throw new AwsError('ResourceInUseException', `Attempt to change a resource which is still in use: Table is being updated: ${TABLE_NAME}`);
  const target = mode ?? state.billingMode;
  if (target === 'PAY_PER_REQUEST') {
    if (throughput) throw invalid('Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST');
    if (state.billingMode === 'PAY_PER_REQUEST') throw invalid('The table is already in PAY_PER_REQUEST billing mode');
    const recent = state.toOnDemand.filter((t) => t > now - DAY);
    if (recent.length >= SWITCHES_TO_ON_DEMAND_PER_DAY) {
      throw new AwsError(
        'LimitExceededException',
        `Subscriber limit exceeded: a table can be switched to PAY_PER_REQUEST at most ${SWITCHES_TO_ON_DEMAND_PER_DAY} times in 24 hours. Last update to PAY_PER_REQUEST: ${new Date(recent.at(-1) ?? now).toISOString()}`,
      );
    }
    return { ...state, billingMode: 'PAY_PER_REQUEST', updatingUntil: now + UPDATE_MS, lastToOnDemand: now, toOnDemand: [...recent, now] };
  }
  if (!throughput) throw invalid('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  if (state.billingMode === 'PROVISIONED' && throughput.read === state.readCapacity && throughput.write === state.writeCapacity) {
    throw invalid(
      `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${state.readCapacity}. Requested ReadCapacityUnits: ${throughput.read}. Current WriteCapacityUnits provisioned for the table: ${state.writeCapacity}. Requested WriteCapacityUnits: ${throughput.write}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
    );
  }
  const fromProvisioned = state.billingMode === 'PROVISIONED';
  const decrease = fromProvisioned && (throughput.read < state.readCapacity || throughput.write < state.writeCapacity);
  const increase = !fromProvisioned || throughput.read > state.readCapacity || throughput.write > state.writeCapacity;
  return {
    ...state,
    billingMode: 'PROVISIONED',
    readCapacity: throughput.read,
    writeCapacity: throughput.write,
    updatingUntil: now + UPDATE_MS,
    ...(increase ? { lastIncrease: now } : {}),
    ...(decrease ? { lastDecrease: now, decreases: [...state.decreases.filter((t) => t > now - DAY), now].slice(-30) } : {}),
  };
}

const dynamodb: AwsServiceDefinition<DynamoState> = {
  signingName: 'dynamodb',
  protocols: ['json-1.0'],
  targetPrefix: 'DynamoDB_20120810',
  throttling: { code: 'ThrottlingException', message: () => 'Rate of requests exceeds the allowed throughput.' },
  operations: {
    ListTables: { readOnly: true, handle: () => ({ output: { TableNames: [TABLE_NAME] } }) },
    DescribeTable: {
      readOnly: true,
      handle(state, input, ctx) {
        requireTable(input, ctx);
        return { output: { Table: describe(state, ctx) } };
      },
    },
    UpdateTable: {
      handle(state, input, ctx) {
        requireTable(input, ctx);
        const next = update(state, input, ctx);
        return { output: { TableDescription: { ...describe(next, ctx), TableStatus: 'UPDATING' } }, state: next };
      },
    },
  },
};

/** Consumed capacity, one sample an hour: the 14 days before the lab and every hour since. */
function tableMetrics(state: DynamoState, ctx: LabCallContext): MetricSource {
  const dims = [{ Name: 'TableName', Value: TABLE_NAME }];
  const series: MetricSeries[] = [
    { namespace: 'AWS/DynamoDB', name: 'ConsumedReadCapacityUnits', dimensions: dims, unit: 'Count' },
    { namespace: 'AWS/DynamoDB', name: 'ConsumedWriteCapacityUnits', dimensions: dims, unit: 'Count' },
  ];
  return {
    series,
    from: (Math.floor(state.createdAt / HOUR) - HISTORY_HOURS) * HOUR,
    to: Math.floor(ctx.now.getTime() / HOUR) * HOUR,
    resolutionMs: HOUR,
    sample(s, at) {
      const perSecond = consumedPerSecond(at)[s.name === 'ConsumedReadCapacityUnits' ? 'reads' : 'writes'];
      // Published every minute: Sum adds up the hour, Minimum and Maximum see single minutes.
      return { sum: perSecond * 3_600, count: 60, min: perSecond * 60 * 0.97, max: perSecond * 60 * 1.03 };
    },
  };
}

export const dynamodbRightSizeLab: LabModule<DynamoState> = {
  name: LAB_NAME,
  title: { en: 'DynamoDB: right-size the table', ja: 'DynamoDB: テーブルを適正化する' },
  schema: DynamoStateSchema,
  initialState: (_team, now) => initialDynamoState(now.getTime()),
  maxStateBytes: 16 * 1024,
  aws: [dynamodb, cloudWatchService(tableMetrics)],
  checks: {
    'right-sized'(state, { now }) {
      const c = costs(state.createdAt);
      const provisioned = state.billingMode === 'PROVISIONED';
      const monthly = provisionedMonthly(state.readCapacity, state.writeCapacity);
      const progress = [
        {
          label: {
            en: `${TABLE_NAME} uses the capacity mode that costs less for this traffic`,
            ja: `${TABLE_NAME} がこのトラフィックで安くなる容量モードになっている`,
          },
          done: provisioned,
        },
        {
          label: {
            en: 'Its read and write capacity cover the busiest hour of the last 14 days',
            ja: '読み込みと書き込みのキャパシティが、直近 14 日間で最も忙しい 1 時間をまかなえる',
          },
          done: provisioned && state.readCapacity >= c.peakReads && state.writeCapacity >= c.peakWrites,
        },
        {
          label: { en: 'At that capacity the table costs less a month than on demand', ja: 'そのキャパシティでの月額が、オンデマンドより安い' },
          done: provisioned && monthly < c.onDemand,
        },
        {
          label: { en: 'The table is ACTIVE (no update in progress)', ja: 'テーブルが ACTIVE である(更新中ではない)' },
          done: tableStatus(state, now.getTime()) === 'ACTIVE',
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      resources: { tableName: TABLE_NAME, region: access.region },
      labels: { tableName: { en: 'Table name', ja: 'テーブル名' }, region: { en: 'Region', ja: 'リージョン' } },
      firstCommand: `aws dynamodb describe-table --table-name ${TABLE_NAME} --endpoint-url ${access.endpoint} --region ${access.region}`,
      sdk: { package: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient' },
    };
  },
};
