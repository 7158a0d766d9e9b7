/**
 * Amazon CloudWatch metrics for labs: `ListMetrics`, `GetMetricData` (MetricStat queries) and
 * `GetMetricStatistics` over a lab's metric source. A lab says which series exist and what
 * one sample of a series holds; aggregation into periods and statistics, ordering, limits and
 * paging are CloudWatch's rules, written once here.
 *
 * CloudWatch answers the query protocol (the AWS CLI v2.9) and AWS JSON 1.0 with query
 * compatibility (current SDKs: `GraniteServiceVersion20100801`); both carry the same errors.
 */
import { AwsError, type AwsOperation, type AwsServiceDefinition, type LabCallContext } from '../lab.ts';
import {
  optionalBoolean,
  optionalInteger,
  optionalList,
  optionalString,
  optionalStringList,
  optionalTimestamp,
  requiredInteger,
  requiredList,
  requiredString,
} from './input.ts';

export interface Dimension {
  Name: string;
  Value: string;
}

export interface MetricSeries {
  namespace: string;
  name: string;
  dimensions: readonly Dimension[];
  unit: string;
}

/** What one sample (one `resolutionMs` slot) of a series holds; Average is sum / count. */
export interface Sample {
  sum: number;
  count: number;
  min: number;
  max: number;
}

export interface MetricSource {
  series: readonly MetricSeries[];
  /** Samples exist from `from` to `to` (epoch ms), one per `resolutionMs`. */
  from: number;
  to: number;
  resolutionMs: number;
  sample(series: MetricSeries, slotStart: number): Sample | undefined;
}

/** Values one call returns at most before it pages (AWS allows 100,800; the lab keeps answers small). */
export const MAX_VALUES_PER_CALL = 20_000;
const MAX_QUERIES = 100;
const MAX_STATISTICS_POINTS = 1_440;
const STATS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
type Stat = (typeof STATS)[number];

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValueException', message);
}

function readDimensions(input: Record<string, unknown>, name: string): Dimension[] {
  return (optionalList(input, name, { min: 0, max: 30 }) ?? []).map((d) => ({
    Name: requiredString(d, 'Name', { min: 1, max: 255 }),
    Value: requiredString(d, 'Value', { min: 1, max: 1024 }),
  }));
}

function sameDimensions(a: readonly Dimension[], b: readonly Dimension[]): boolean {
  return a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));
}

function findSeries(source: MetricSource, namespace: string, name: string, dimensions: Dimension[]): MetricSeries | undefined {
  return source.series.find((s) => s.namespace === namespace && s.name === name && sameDimensions(s.dimensions, dimensions));
}

function statValue(stat: Stat, s: Sample): number {
  switch (stat) {
    case 'SampleCount':
      return s.count;
    case 'Sum':
      return s.sum;
    case 'Minimum':
      return s.min;
    case 'Maximum':
      return s.max;
    default:
      return s.count === 0 ? 0 : s.sum / s.count;
  }
}

function readPeriod(input: Record<string, unknown>): number {
  const period = requiredInteger(input, 'Period', { min: 1 });
  if (period < 60 || period % 60 !== 0)
    throw invalid(`The parameter Period must be a multiple of 60 (the lab's metrics have no high-resolution data), not ${period}.`);
  return period;
}

/** The period buckets of a series between start and end (epoch ms), aggregated, oldest first. */
function buckets(source: MetricSource, series: MetricSeries, start: number, end: number, periodMs: number): { at: number; sample: Sample }[] {
  const out: { at: number; sample: Sample }[] = [];
  const first = Math.floor(Math.max(start, source.from) / periodMs) * periodMs;
  const last = Math.min(end, source.to);
  for (let at = first; at < last; at += periodMs) {
    let agg: Sample | undefined;
    const slotFrom = Math.ceil(Math.max(at, start, source.from) / source.resolutionMs) * source.resolutionMs;
    for (let slot = slotFrom; slot < Math.min(at + periodMs, last); slot += source.resolutionMs) {
      const s = source.sample(series, slot);
      if (!s) continue;
      agg = agg ? { sum: agg.sum + s.sum, count: agg.count + s.count, min: Math.min(agg.min, s.min), max: Math.max(agg.max, s.max) } : { ...s };
    }
    if (agg) out.push({ at, sample: agg });
  }
  return out;
}

function readWindow(input: Record<string, unknown>): { start: number; end: number } {
  const start = optionalTimestamp(input, 'StartTime');
  const end = optionalTimestamp(input, 'EndTime');
  if (start === undefined) throw new AwsError('MissingRequiredParameterException', 'The parameter StartTime is required.');
  if (end === undefined) throw new AwsError('MissingRequiredParameterException', 'The parameter EndTime is required.');
  if (end <= start) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  return { start, end };
}

export function cloudWatchOperations<S>(sourceOf: (state: S, ctx: LabCallContext) => MetricSource): Record<string, AwsOperation<S>> {
  return {
    ListMetrics: {
      readOnly: true,
      handle(state, input, ctx) {
        const namespace = optionalString(input, 'Namespace', { min: 1, max: 255 });
        const name = optionalString(input, 'MetricName', { min: 1, max: 255 });
        const filters = (optionalList(input, 'Dimensions', { min: 0, max: 30 }) ?? []).map((d) => ({
          Name: requiredString(d, 'Name', { min: 1, max: 255 }),
          Value: optionalString(d, 'Value', { min: 1, max: 1024 }),
        }));
        const metrics = sourceOf(state, ctx)
          .series.filter((s) => (namespace === undefined || s.namespace === namespace) && (name === undefined || s.name === name))
          .filter((s) => filters.every((f) => s.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))))
          .map((s) => ({ Namespace: s.namespace, MetricName: s.name, Dimensions: s.dimensions.map((d) => ({ ...d })) }));
        return { output: { Metrics: metrics } };
      },
    },
    GetMetricStatistics: {
      readOnly: true,
      handle(state, input, ctx) {
        const source = sourceOf(state, ctx);
        const namespace = requiredString(input, 'Namespace', { min: 1, max: 255 });
        const name = requiredString(input, 'MetricName', { min: 1, max: 255 });
        const dimensions = readDimensions(input, 'Dimensions');
        const { start, end } = readWindow(input);
        const period = readPeriod(input);
        const stats = optionalStringList(input, 'Statistics', { max: 5 }) ?? [];
        if (optionalStringList(input, 'ExtendedStatistics', { max: 10 })?.length)
          throw invalid('The lab answers the statistics SampleCount, Average, Sum, Minimum and Maximum only.');
        if (stats.length === 0) throw new AwsError('MissingRequiredParameterException', 'Either the parameter Statistics or ExtendedStatistics is required.');
        for (const s of stats) if (!STATS.includes(s as Stat)) throw invalid(`The parameter Statistics contains the invalid value ${s.slice(0, 40)}.`);
        const points = Math.ceil((end - start) / (period * 1000));
        if (points > MAX_STATISTICS_POINTS) {
          throw new AwsError(
            'InvalidParameterCombinationException',
            `You have requested up to ${points} datapoints, which exceeds the limit of ${MAX_STATISTICS_POINTS}. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
          );
        }
        const series = findSeries(source, namespace, name, dimensions);
        const datapoints = series
          ? buckets(source, series, start, end, period * 1000).map(({ at, sample }) => ({
              Timestamp: new Date(at),
              ...Object.fromEntries(stats.map((s) => [s, statValue(s as Stat, sample)])),
              Unit: series.unit,
            }))
          : [];
        return { output: { Label: name, Datapoints: datapoints } };
      },
    },
    GetMetricData: {
      readOnly: true,
      handle(state, input, ctx) {
        const source = sourceOf(state, ctx);
        const queries = requiredList(input, 'MetricDataQueries', { min: 1, max: 500 });
        if (queries.length > MAX_QUERIES) throw invalid(`The lab takes at most ${MAX_QUERIES} queries in one GetMetricData call.`);
        const { start, end } = readWindow(input);
        const scanBy = optionalString(input, 'ScanBy', { oneOf: ['TimestampDescending', 'TimestampAscending'] }) ?? 'TimestampDescending';
        const budget = Math.min(optionalInteger(input, 'MaxDatapoints', { min: 1 }) ?? MAX_VALUES_PER_CALL, MAX_VALUES_PER_CALL);
        const token = optionalString(input, 'NextToken', { max: 1024 });
        let [skipQueries, skipValues] = token === undefined ? [0, 0] : readToken(token);
        const ids = new Set<string>();
        let left = budget;
        let next: string | undefined;
        const results = [];
        for (const [i, q] of queries.entries()) {
          const id = requiredString(q, 'Id', { min: 1, max: 255, pattern: /[a-z][a-zA-Z0-9_]*/ });
          if (ids.has(id)) throw invalid(`The value ${id} for parameter MetricDataQueries.member.${i + 1}.Id is not unique.`);
          ids.add(id);
          if (q.Expression !== undefined) throw invalid(`MetricDataQueries.member.${i + 1}: the lab answers MetricStat queries only, not Expression.`);
          const stat = q.MetricStat as Record<string, unknown> | undefined;
          if (!stat || typeof stat !== 'object') throw new AwsError('MissingRequiredParameterException', `MetricDataQueries.member.${i + 1} needs MetricStat.`);
          const metric = (stat.Metric ?? {}) as Record<string, unknown>;
          const namespace = requiredString(metric, 'Namespace', { min: 1, max: 255 });
          const name = requiredString(metric, 'MetricName', { min: 1, max: 255 });
          const statName = requiredString(stat, 'Stat', { min: 1, max: 100 });
          if (!STATS.includes(statName as Stat)) throw invalid(`The lab answers the statistics ${STATS.join(', ')}; not ${statName.slice(0, 40)}.`);
          const period = readPeriod(stat);
          if (i < skipQueries || optionalBoolean(q, 'ReturnData') === false) continue;
          const series = findSeries(source, namespace, name, readDimensions(metric, 'Dimensions'));
          const all = series ? buckets(source, series, start, end, period * 1000) : [];
          if (scanBy === 'TimestampDescending') all.reverse();
          const from = i === skipQueries ? skipValues : 0;
          const page = left > 0 ? all.slice(from, from + left) : [];
          left -= page.length;
          const complete = from + page.length >= all.length;
          if (!complete && next === undefined) next = Buffer.from(`${i}:${from + page.length}`).toString('base64');
          results.push({
            Id: id,
            Label: typeof q.Label === 'string' ? q.Label : name,
            Timestamps: page.map((p) => new Date(p.at)),
            Values: page.map((p) => statValue(statName as Stat, p.sample)),
            StatusCode: complete ? 'Complete' : 'PartialData',
          });
          if (!complete) break;
          skipValues = 0;
        }
        skipQueries = 0;
        return { output: { MetricDataResults: results, Messages: [], ...(next ? { NextToken: next } : {}) } };
      },
    },
  };
}

function readToken(token: string): [number, number] {
  const m = /^(\d{1,3}):(\d{1,7})$/.exec(Buffer.from(token, 'base64').toString('utf8'));
  if (!m) throw new AwsError('InvalidNextToken', 'The service couldn’t process your request because the NextToken is not valid.');
  return [Number(m[1]), Number(m[2])];
}

/** CloudWatch as a lab service: query for the CLI v2.9, AWS JSON 1.0 with query compatibility for current SDKs. */
export function cloudWatchService<S>(sourceOf: (state: S, ctx: LabCallContext) => MetricSource): AwsServiceDefinition<S> {
  return {
    signingName: 'monitoring',
    protocols: ['query', 'json-1.0'],
    targetPrefix: 'GraniteServiceVersion20100801',
    query: { version: '2010-08-01', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/' },
    queryCompatible: true,
    errors: {
      InvalidParameterValueException: { query: 'InvalidParameterValue' },
      InvalidParameterCombinationException: { query: 'InvalidParameterCombination' },
      MissingRequiredParameterException: { query: 'MissingParameter' },
      InvalidNextToken: { query: 'InvalidNextToken' },
      ThrottlingException: { query: 'Throttling' },
    },
    throttling: { code: 'ThrottlingException', message: () => 'Rate exceeded' },
    operations: cloudWatchOperations(sourceOf),
  };
}
