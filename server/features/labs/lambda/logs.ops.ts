/**
 * CloudWatch Logs (AWS JSON 1.1, `Logs_20140328`) over the lab's log group: the four read
 * operations a team needs to read REPORT lines, with the service's parameters, paging tokens
 * and errors as the model has them. Read-only: nothing here writes the state.
 */
import { AwsError, type AwsOperation, type LabCallContext } from '../lab.ts';
import { optionalInteger, optionalString } from '../aws/input.ts';
import { LOG_GROUP, type LogEvent, type LogStream, logStreams } from './lambda.logs.ts';
import type { LambdaState } from './lambda.model.ts';
import { matchesFilterPattern, parseFilterPattern } from './filter-pattern.ts';

type Op = AwsOperation<LambdaState>;
type Input = Record<string, unknown>;

const GROUP_NAME = { min: 1, max: 512, pattern: /[.\-_/#A-Za-z0-9]+/ };
const STREAM_NAME = { min: 1, max: 512, pattern: /[^:*]*/ };
/** How many events one page carries: AWS stops at 10,000 events or 1 MB, whichever comes first. */
const MAX_PAGE_EVENTS = 2_000;
const INGESTION_DELAY_MS = 212;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterException', message);
}

function groupArn(ctx: LabCallContext): string {
  return `arn:aws:logs:${ctx.region}:${ctx.team.accountId}:log-group:${LOG_GROUP}`;
}

/** `logGroupName` or `logGroupIdentifier` (a name or an ARN), never both, as the service requires. */
function requireGroup(input: Input, ctx: LabCallContext): void {
  const name = optionalString(input, 'logGroupName', GROUP_NAME);
  const identifier = optionalString(input, 'logGroupIdentifier', { min: 1, max: 2048 });
  if (name !== undefined && identifier !== undefined) throw invalid('LogGroup name and LogGroup ARN are mutually exclusive parameters.');
  const given = name ?? identifier?.replace(/:\*$/, '');
  if (given === undefined) throw invalid('Either logGroupName or logGroupIdentifier must be provided.');
  if (given !== LOG_GROUP && given !== groupArn(ctx)) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

function streamsOf(state: LambdaState): LogStream[] {
  return logStreams(state.createdAt).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Opaque paging tokens that still say what they continue, so a token cannot be replayed on another query. */
function token(kind: string, offset: number, query: string): string {
  return Buffer.from(JSON.stringify([kind, offset, query])).toString('base64');
}

function readToken(value: string | undefined, kind: string, query: string): number {
  if (value === undefined) return 0;
  try {
    const [k, offset, q] = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as [string, number, string];
    if (k === kind && q === query && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the service's answer for a token it did not issue
  }
  throw invalid('The specified nextToken is invalid.');
}

export const DescribeLogGroups: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const prefix = optionalString(input, 'logGroupNamePrefix', GROUP_NAME);
    const pattern = optionalString(input, 'logGroupNamePattern', { min: 0, max: 512 });
    if (prefix !== undefined && pattern !== undefined) throw invalid('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
    optionalInteger(input, 'limit', { min: 1, max: 50 });
    const listed = (prefix === undefined || LOG_GROUP.startsWith(prefix)) && (pattern === undefined || LOG_GROUP.includes(pattern));
    const stored = streamsOf(state).reduce((sum, s) => sum + s.events.reduce((n, e) => n + e.message.length, 0), 0);
    return {
      output: {
        logGroups: listed
          ? [
              {
                logGroupName: LOG_GROUP,
                creationTime: state.createdAt - 30 * 86_400_000,
                metricFilterCount: 0,
                arn: `${groupArn(ctx)}:*`,
                logGroupArn: groupArn(ctx),
                storedBytes: stored,
                logGroupClass: 'STANDARD',
              },
            ]
          : [],
      },
    };
  },
};

export const DescribeLogStreams: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    requireGroup(input, ctx);
    const prefix = optionalString(input, 'logStreamNamePrefix', STREAM_NAME);
    const orderBy = optionalString(input, 'orderBy', { oneOf: ['LogStreamName', 'LastEventTime'] }) ?? 'LogStreamName';
    if (prefix !== undefined && orderBy === 'LastEventTime') throw invalid('Cannot order by LastEventTime with a logStreamNamePrefix.');
    const descending = input.descending === true;
    const limit = optionalInteger(input, 'limit', { min: 1, max: 50 }) ?? 50;
    const query = JSON.stringify([prefix, orderBy, descending]);
    const offset = readToken(optionalString(input, 'nextToken', { min: 1 }), 'streams', query);
    const last = (s: LogStream) => s.events[s.events.length - 1]?.at ?? s.createdAt;
    let streams = streamsOf(state).filter((s) => prefix === undefined || s.name.startsWith(prefix));
    if (orderBy === 'LastEventTime') streams.sort((a, b) => last(a) - last(b));
    if (descending) streams = streams.reverse();
    const page = streams.slice(offset, offset + limit);
    return {
      output: {
        logStreams: page.map((s) => ({
          logStreamName: s.name,
          creationTime: state.createdAt + s.createdAt,
          firstEventTimestamp: state.createdAt + (s.events[0]?.at ?? s.createdAt),
          lastEventTimestamp: state.createdAt + last(s),
          lastIngestionTime: state.createdAt + last(s) + INGESTION_DELAY_MS,
          uploadSequenceToken: '49039859622178049786514398542186325810813960040522253459',
          arn: `arn:aws:logs:${ctx.region}:${ctx.team.accountId}:log-group:${LOG_GROUP}:log-stream:${s.name}`,
          storedBytes: 0,
        })),
        ...(offset + limit < streams.length ? { nextToken: token('streams', offset + limit, query) } : {}),
      },
    };
  },
};

interface Located extends LogEvent {
  stream: number;
  index: number;
}

function eventId(e: Located): string {
  return `${String(e.stream).padStart(6, '0')}${String(e.index).padStart(8, '0')}${'0'.repeat(42)}`;
}

function timeRange(input: Input): { start: number; end: number } {
  const start = optionalInteger(input, 'startTime', { min: 0 }) ?? 0;
  const end = optionalInteger(input, 'endTime', { min: 0 }) ?? Number.MAX_SAFE_INTEGER;
  if (end < start) throw invalid('End time must be greater than or equal to start time.');
  return { start, end };
}

export const FilterLogEvents: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    requireGroup(input, ctx);
    const names = input.logStreamNames;
    if (names !== undefined && (!Array.isArray(names) || names.some((n) => typeof n !== 'string') || names.length < 1 || names.length > 100)) {
      throw invalid('logStreamNames must be a list of 1 to 100 log stream names.');
    }
    const prefix = optionalString(input, 'logStreamNamePrefix', STREAM_NAME);
    if (names !== undefined && prefix !== undefined) throw invalid('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
    const { start, end } = timeRange(input);
    const pattern = parseFilterPattern(optionalString(input, 'filterPattern', { min: 0, max: 1024 }) ?? '');
    const limit = Math.min(optionalInteger(input, 'limit', { min: 1, max: 10_000 }) ?? MAX_PAGE_EVENTS, MAX_PAGE_EVENTS);
    const query = JSON.stringify([names, prefix, start, end, input.filterPattern ?? '']);
    const offset = readToken(optionalString(input, 'nextToken', { min: 1 }), 'events', query);
    const streams = streamsOf(state);
    const searched = streams
      .map((s, stream) => ({ s, stream }))
      .filter(({ s }) => (names === undefined || (names as string[]).includes(s.name)) && (prefix === undefined || s.name.startsWith(prefix)));
    const matches: Located[] = searched
      .flatMap(({ s, stream }) => s.events.map((e, index) => ({ ...e, stream, index })))
      .filter((e) => {
        const t = state.createdAt + e.at;
        return t >= start && t < end && matchesFilterPattern(pattern, e.message);
      })
      .sort((a, b) => a.at - b.at || a.stream - b.stream || a.index - b.index);
    const page = matches.slice(offset, offset + limit);
    return {
      output: {
        events: page.map((e) => ({
          logStreamName: streams[e.stream]?.name,
          timestamp: state.createdAt + e.at,
          message: e.message,
          ingestionTime: state.createdAt + e.at + INGESTION_DELAY_MS,
          eventId: eventId(e),
        })),
        searchedLogStreams: searched.map(({ s }) => ({ logStreamName: s.name, searchedCompletely: true })),
        ...(offset + limit < matches.length ? { nextToken: token('events', offset + limit, query) } : {}),
      },
    };
  },
};

export const GetLogEvents: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    requireGroup(input, ctx);
    const name = optionalString(input, 'logStreamName', STREAM_NAME);
    if (name === undefined)
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value null at 'logStreamName' failed to satisfy constraint: Member must not be null",
      );
    const stream = streamsOf(state).find((s) => s.name === name);
    if (!stream) throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    const { start, end } = timeRange(input);
    const limit = Math.min(optionalInteger(input, 'limit', { min: 1, max: 10_000 }) ?? MAX_PAGE_EVENTS, MAX_PAGE_EVENTS);
    const events = stream.events.filter((e) => state.createdAt + e.at >= start && state.createdAt + e.at < end);
    const given = optionalString(input, 'nextToken', { min: 1 });
    let from: number;
    if (given === undefined) from = input.startFromHead === true ? 0 : Math.max(0, events.length - limit);
    else {
      const m = /^([fb])\/(\d{1,56})$/.exec(given);
      if (!m) throw invalid('The specified nextToken is invalid.');
      const at = Math.min(Number(m[2]), events.length);
      from = m[1] === 'f' ? at : Math.max(0, at - limit);
    }
    const page = events.slice(from, from + limit);
    const forward = from + page.length;
    return {
      output: {
        events: page.map((e) => ({ timestamp: state.createdAt + e.at, message: e.message, ingestionTime: state.createdAt + e.at + INGESTION_DELAY_MS })),
        nextForwardToken: `f/${String(forward).padStart(56, '0')}`,
        nextBackwardToken: `b/${String(from).padStart(56, '0')}`,
      },
    };
  },
};
