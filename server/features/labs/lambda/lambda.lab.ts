/**
 * `lambda-report-lines`: a Lambda function, `jam-thumbnailer`, and its log group. The team
 * reads the REPORT lines with CloudWatch Logs (cold starts, concurrency, what INIT adds to
 * the bill since August 2025) and the power-tuning sweep a colleague ran yesterday, then
 * sets the function's memory where the sweep stops paying off (`memory-right-sized`) and
 * reserves the concurrency the busiest moment needed (`concurrency-reserved`); the checks
 * look at the function's configuration.
 */
import type { AwsServiceDefinition, LabModule } from '../lab.ts';
import { FUNCTION_NAME, LOG_GROUP, peakConcurrency } from './lambda.logs.ts';
import { initialLambdaState, LAMBDA_LAB_NAME, type LambdaState, LambdaStateSchema, RIGHT_SIZE_MB } from './lambda.model.ts';
import * as fn from './lambda.ops.ts';
import * as logs from './logs.ops.ts';

const cloudWatchLogs: AwsServiceDefinition<LambdaState> = {
  signingName: 'logs',
  protocols: ['json-1.1'],
  targetPrefix: 'Logs_20140328',
  throttling: { code: 'ThrottlingException', message: () => 'Rate exceeded' },
  operations: {
    DescribeLogGroups: logs.DescribeLogGroups,
    DescribeLogStreams: logs.DescribeLogStreams,
    FilterLogEvents: logs.FilterLogEvents,
    GetLogEvents: logs.GetLogEvents,
  },
};

const lambda: AwsServiceDefinition<LambdaState> = {
  signingName: 'lambda',
  protocols: ['rest-json'],
  routes: [
    { method: 'GET', path: '/2015-03-31/functions', operation: 'ListFunctions' },
    { method: 'GET', path: '/2015-03-31/functions/{FunctionName}', operation: 'GetFunction' },
    { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/configuration', operation: 'GetFunctionConfiguration' },
    { method: 'PUT', path: '/2015-03-31/functions/{FunctionName}/configuration', operation: 'UpdateFunctionConfiguration' },
    { method: 'PUT', path: '/2017-10-31/functions/{FunctionName}/concurrency', operation: 'PutFunctionConcurrency' },
    { method: 'GET', path: '/2019-09-30/functions/{FunctionName}/concurrency', operation: 'GetFunctionConcurrency' },
    { method: 'DELETE', path: '/2017-10-31/functions/{FunctionName}/concurrency', operation: 'DeleteFunctionConcurrency', status: 204 },
  ],
  throttling: { code: 'TooManyRequestsException', message: () => 'Rate exceeded', status: 429 },
  operations: {
    GetFunction: fn.GetFunction,
    GetFunctionConfiguration: fn.GetFunctionConfiguration,
    ListFunctions: fn.ListFunctions,
    UpdateFunctionConfiguration: fn.UpdateFunctionConfiguration,
    PutFunctionConcurrency: fn.PutFunctionConcurrency,
    GetFunctionConcurrency: fn.GetFunctionConcurrency,
    DeleteFunctionConcurrency: fn.DeleteFunctionConcurrency,
  },
};

export const lambdaReportLinesLab: LabModule<LambdaState> = {
  name: LAMBDA_LAB_NAME,
  title: { en: 'Lambda: read the REPORT lines', ja: 'Lambda: REPORT 行を読む' },
  schema: LambdaStateSchema,
  initialState: (_team, now) => initialLambdaState(now.getTime()),
  maxStateBytes: 4096,
  aws: [cloudWatchLogs, lambda],
  checks: {
    'memory-right-sized'(state) {
      const progress = [
        {
          label: {
            en: `${FUNCTION_NAME} runs with the memory size where the sweep stops paying off (now ${state.memoryMb} MB)`,
            ja: `${FUNCTION_NAME} のメモリが、スイープで効果が頭打ちになるサイズに設定されている（現在 ${state.memoryMb} MB）`,
          },
          done: state.memoryMb === RIGHT_SIZE_MB,
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
    'concurrency-reserved'(state) {
      // Either reading of the busiest moment (invocations in flight, or environments) passes.
      const peak = peakConcurrency();
      const reserved = state.reservedConcurrency;
      const progress = [
        {
          label: { en: `${FUNCTION_NAME} has reserved concurrency`, ja: `${FUNCTION_NAME} に予約同時実行数が設定されている` },
          done: reserved !== null,
        },
        {
          label: {
            en: 'it covers the busiest moment of the production window, so uploads are not throttled',
            ja: '本番の時間帯で最も混んだ瞬間をまかなえるので、アップロードがスロットリングされない',
          },
          done: reserved !== null && reserved >= peak.inFlight,
        },
        {
          label: {
            en: "it takes no more than twice that moment's need from the account's other functions",
            ja: 'アカウントのほかの関数から取り上げる量は、その瞬間に必要だった数の 2 倍まで',
          },
          done: reserved !== null && reserved <= 2 * peak.environments,
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      resources: { functionName: FUNCTION_NAME, logGroupName: LOG_GROUP },
      labels: { functionName: { en: 'Function name', ja: '関数名' }, logGroupName: { en: 'Log group name', ja: 'ロググループ名' } },
      firstCommand: `aws logs describe-log-streams --log-group-name ${LOG_GROUP} --endpoint-url ${access.endpoint} --region ${access.region}`,
      sdk: { package: '@aws-sdk/client-cloudwatch-logs', client: 'CloudWatchLogsClient' },
    };
  },
};
