/**
 * AWS Lambda (REST-JSON, API version 2015-03-31) for the lab's one function: reading its
 * configuration (and the sweep's published versions), changing its memory, and reserving
 * concurrency, with Lambda's own paths, validation and error messages.
 */
import { AwsError, type AwsOperation, type LabCallContext } from '../lab.ts';
import { optionalInteger, optionalString } from '../aws/input.ts';
import { LOG_GROUP } from './lambda.logs.ts';
import { ACCOUNT_CONCURRENCY, FUNCTION_NAME, type LambdaState, MIN_UNRESERVED, SWEEP } from './lambda.model.ts';

type Op = AwsOperation<LambdaState>;
type Input = Record<string, unknown>;

const functionArn = (ctx: LabCallContext) => `arn:aws:lambda:${ctx.region}:${ctx.team.accountId}:function:${FUNCTION_NAME}`;

/** Lambda's exceptions name their message `Message` (ResourceNotFound) or `message` (the others): send both. */
function lambdaError(code: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, status, { Type: 'User', Message: message });
}

function invalidParameter(message: string): AwsError {
  return lambdaError('InvalidParameterValueException', message);
}

/** The function and the qualifier a name, a partial ARN or a full ARN names. */
function target(input: Input, ctx: LabCallContext): { qualifier: string } {
  const given = optionalString(input, 'FunctionName', { min: 1, max: 170 });
  if (given === undefined) throw invalidParameter('FunctionName is required.');
  const m = /^(?:(?:arn:aws:lambda:[a-z0-9-]+:)?(\d{12}):function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/.exec(given);
  if (!m)
    throw invalidParameter(
      `1 validation error detected: Value '${given}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    );
  const qualifier = m[3] ?? optionalString(input, 'Qualifier', { min: 1, max: 128 }) ?? '$LATEST';
  const known = qualifier === '$LATEST' || SWEEP.some((s) => String(s.version) === qualifier);
  if ((m[1] !== undefined && m[1] !== ctx.team.accountId) || m[2] !== FUNCTION_NAME || !known) {
    const arn = `arn:aws:lambda:${ctx.region}:${ctx.team.accountId}:function:${m[2]}${qualifier === '$LATEST' ? '' : `:${qualifier}`}`;
    throw lambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
  }
  return { qualifier };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function configuration(state: LambdaState, ctx: LabCallContext, qualifier: string) {
  const version = SWEEP.find((s) => String(s.version) === qualifier);
  const memory = version?.memoryMb ?? state.memoryMb;
  return {
    FunctionName: FUNCTION_NAME,
    FunctionArn: version ? `${functionArn(ctx)}:${qualifier}` : functionArn(ctx),
    Runtime: 'nodejs22.x',
    Role: `arn:aws:iam::${ctx.team.accountId}:role/jam-thumbnailer-role`,
    Handler: 'index.handler',
    CodeSize: 4_718_592,
    Description: state.description,
    Timeout: state.timeoutSeconds,
    MemorySize: memory,
    LastModified: iso(version ? state.createdAt - 20 * 3_600_000 - 600_000 + version.version * 60_000 : state.lastModified),
    CodeSha256: 'n3Ry8TI6m3pTcYyW0Q1gVHbyNf0nJ2kX5b6Hr0cN1sA=',
    Version: version ? qualifier : '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: `4a1f7c2e-8b3d-4e6f-9a0b-${String(state.revision).padStart(12, '0')}`,
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: LOG_GROUP },
  };
}

export const GetFunctionConfiguration: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const { qualifier } = target(input, ctx);
    return { output: configuration(state, ctx, qualifier) };
  },
};

export const GetFunction: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    const { qualifier } = target(input, ctx);
    return {
      output: {
        Configuration: configuration(state, ctx, qualifier),
        Code: { RepositoryType: 'S3' },
        Tags: { team: 'media', 'jam:lab': 'lambda-report-lines' },
        ...(state.reservedConcurrency === null ? {} : { Concurrency: { ReservedConcurrentExecutions: state.reservedConcurrency } }),
      },
    };
  },
};

export const ListFunctions: Op = {
  readOnly: true,
  handle(state, _input, ctx) {
    return { output: { Functions: [configuration(state, ctx, '$LATEST')] } };
  },
};

const UPDATABLE = new Set(['FunctionName', 'MemorySize', 'Timeout', 'Description', 'RevisionId']);

export const UpdateFunctionConfiguration: Op = {
  handle(state, input, ctx) {
    const { qualifier } = target(input, ctx);
    if (qualifier !== '$LATEST') throw invalidParameter('Published versions are immutable: update $LATEST and publish a new version.');
    const other = Object.keys(input).filter((k) => !UPDATABLE.has(k) && input[k] !== undefined && input[k] !== null);
    if (other.length > 0) throw invalidParameter(`The lab's function takes changes to MemorySize, Timeout and Description only (got ${other.join(', ')}).`);
    const revision = optionalString(input, 'RevisionId');
    const current = configuration(state, ctx, '$LATEST').RevisionId;
    if (revision !== undefined && revision !== current) {
      throw new AwsError(
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
        412,
      );
    }
    const memoryMb = optionalInteger(input, 'MemorySize', { min: 128, max: 10_240 }) ?? state.memoryMb;
    const timeoutSeconds = optionalInteger(input, 'Timeout', { min: 1, max: 900 }) ?? state.timeoutSeconds;
    const description = optionalString(input, 'Description', { min: 0, max: 256 }) ?? state.description;
    const next: LambdaState = { ...state, memoryMb, timeoutSeconds, description, lastModified: ctx.now.getTime(), revision: state.revision + 1 };
    return { output: configuration(next, ctx, '$LATEST'), state: next };
  },
};

export const PutFunctionConcurrency: Op = {
  handle(state, input, ctx) {
    target(input, ctx);
    const reserved = optionalInteger(input, 'ReservedConcurrentExecutions', { min: 0 });
    if (reserved === undefined) throw invalidParameter('ReservedConcurrentExecutions is required.');
    if (reserved > ACCOUNT_CONCURRENCY - MIN_UNRESERVED) {
      throw invalidParameter(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
      );
    }
    return { output: { ReservedConcurrentExecutions: reserved }, state: { ...state, reservedConcurrency: reserved } };
  },
};

export const GetFunctionConcurrency: Op = {
  readOnly: true,
  handle(state, input, ctx) {
    target(input, ctx);
    return { output: state.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: state.reservedConcurrency } };
  },
};

export const DeleteFunctionConcurrency: Op = {
  handle(state, input, ctx) {
    target(input, ctx);
    return { output: {}, state: { ...state, reservedConcurrency: null } };
  },
};
