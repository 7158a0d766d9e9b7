/**
 * The shape every hands-on lab has (see docs/labs.md): a name, a state schema, a starting
 * state, the AWS services it answers (operations by name), the checks a `check` task runs,
 * and the text a player sees. Pure types: no I/O. A lab never touches the database or HTTP;
 * the platform (lab.service.ts, aws/) loads the team's state, calls the lab, and stores what
 * it returns.
 */
import type { z } from 'zod';
import { type Language, type LocalizedText, resolveText } from '../challenges/challenge.ts';

/** The region every lab's resources live in (the sessions were held in Tokyo). */
export const LAB_REGION = 'ap-northeast-1';

/** What a lab knows about the team it serves: all of it derived, none of it secret to the team. */
export interface LabTeam {
  teamId: number;
  /** 32 bytes derived from the lab secret, the lab and the team: the lab's randomness. */
  seed: Buffer;
  /** A 12-digit account id for ARNs, derived like the seed. */
  accountId: string;
  /** The team's flag for the `lab` task that uses this lab, when one is in play (the lab's first flag). */
  flag: string | undefined;
}

export interface LabCallContext {
  now: Date;
  team: LabTeam;
  /** The region the request was signed for (AWS labs). */
  region: string;
}

/** An operation's answer: `state` only when it changed, so reads never write. */
export interface OperationResult<S> {
  output: Record<string, unknown>;
  state?: S;
}

export interface AwsOperation<S> {
  /** Runs on a plain read (no row lock, no write) when true. */
  readOnly?: boolean;
  handle(state: S, input: Record<string, unknown>, ctx: LabCallContext): OperationResult<S>;
}

/**
 * Wire protocols the endpoint speaks (aws/protocols.ts): AWS JSON 1.0 and 1.1 (`X-Amz-Target`),
 * AWS query (`Action=`, XML answers: CloudWatch and ELBv2 as the AWS CLI v2.9 sends them), EC2
 * query, and REST-JSON (method and path pick the operation: ARC zonal shift).
 */
export type AwsProtocolName = 'json-1.0' | 'json-1.1' | 'query' | 'ec2' | 'rest-json';

/** A REST-JSON operation's HTTP binding, as the service model's `http` trait has it. */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the endpoint, with `{label}` segments: `/zonalshifts/{zonalShiftId}`. */
  path: string;
  operation: string;
  /** The success status (`StartZonalShift` answers 201). */
  status?: number;
}

/** How an error code of the service leaves on the query protocol (its `awsQueryError` code) and with which status. */
export interface AwsErrorShape {
  query?: string;
  status?: number;
}

export interface AwsServiceDefinition<S> {
  /** The SigV4 signing name (`kinesis`): the credential scope picks the service by it. */
  signingName: string;
  /**
   * The protocols the service answers, as its clients send them. A service that moved protocol
   * lists both: CloudWatch answers the query protocol of older CLIs and the AWS JSON 1.0 of
   * current SDKs; the request's content type picks one.
   */
  protocols: readonly AwsProtocolName[];
  /** `X-Amz-Target` prefix of the JSON protocols, e.g. `Kinesis_20131202`. */
  targetPrefix?: string;
  /**
   * Query and EC2 protocols: the API version, the namespace of the XML answers and, for a
   * service whose model names its list items (RDS: `<DBClusters><DBCluster>`, and in requests
   * `Filters.Filter.1.Values.Value.1`), those names by the list member's name; other lists use
   * `member`.
   */
  query?: { version: string; xmlNamespace: string; listItems?: Readonly<Record<string, string>> };
  /** REST-JSON: the operations' HTTP bindings. */
  routes?: readonly RestRoute[];
  /**
   * A JSON service that used to be query (the model's `awsQueryCompatible`): its errors also
   * carry the query code in `x-amzn-query-error`, which the SDKs read as the error's code.
   */
  queryCompatible?: boolean;
  /** The service's errors that differ on the query protocol, by their JSON code. */
  errors?: Readonly<Record<string, AwsErrorShape>>;
  /** What the service answers when a team calls too fast (its own throttling error). */
  throttling: { code: string; message: (ctx: LabCallContext) => string; status?: number };
  operations: Readonly<Record<string, AwsOperation<S>>>;
}

export interface ProgressItem {
  label: LocalizedText;
  done: boolean;
}

export interface CheckVerdict {
  passed: boolean;
  /** What is done and what is still missing, never how to do it. */
  progress: ProgressItem[];
}

export type LabCheck<S> = (state: S, ctx: { now: Date; team: LabTeam }) => CheckVerdict;

/** What the lab panel shows besides the credentials. */
export interface LabConnection {
  /** Names the team works with, e.g. `{ streamName: 'jam-telemetry' }`. */
  resources: Record<string, string>;
  /**
   * What the panel calls each resource, in both languages (`{ streamName: { en: 'Stream name',
   * ja: 'ストリーム名' } }`); a resource without one is labelled from its key ("Stream name").
   */
  labels?: Readonly<Record<string, LocalizedText>>;
  /** A first command to paste, already filled in with the endpoint and resources. */
  firstCommand: string;
  /** AWS labs: the SDK for JavaScript v3 client a snippet should use. */
  sdk?: { package: string; client: string };
}

/**
 * The panel's label of each resource in `language`: the lab's own label, else the key made
 * readable ("osakaRegion" → "Osaka region"), never the raw key.
 */
export function resourceLabels(connection: Pick<LabConnection, 'resources' | 'labels'>, language: Language): Record<string, string> {
  return Object.fromEntries(Object.keys(connection.resources).map((key) => [key, resolveText(connection.labels?.[key], language) || readableKey(key)]));
}

/** "multiArchRepository" → "Multi arch repository", "sql_endpoint" → "Sql endpoint". */
export function readableKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface LabModule<S> {
  /** The name challenge files use: `answer: { type: lab|check, lab: <name> }`. */
  name: string;
  title: LocalizedText;
  /** Validates stored state, so a change of shape is caught on read, not deep in an operation. */
  schema: z.ZodType<S>;
  initialState(team: LabTeam, now: Date): S;
  /** The largest serialised state the lab may store; the platform refuses to write more. */
  maxStateBytes: number;
  /** AWS services the lab answers at `/labs/aws`; omit for labs with their own routes (ECR). */
  aws?: readonly AwsServiceDefinition<S>[];
  checks?: Readonly<Record<string, LabCheck<S>>>;
  /**
   * Names of the flags the lab hides, for a lab with more than one `lab` task
   * (`answer: { type: lab, lab, flag: <name> }`); the first is the one a task gets when it names none.
   */
  flags?: readonly string[];
  /** Path under `/labs` of a lab with its own HTTP routes (`ecr`); AWS labs are reached at `/labs/aws`. */
  httpPath?: string;
  connection(team: LabTeam, access: LabAccess, language: Language): LabConnection;
}

/** Where and how the team reaches its lab, as the panel shows it. */
export interface LabAccess {
  /** `http://host/labs/aws` for AWS labs, `http://host/labs/<httpPath>` otherwise. */
  endpoint: string;
  region: string;
  /** The team's lab token (Bearer, or Basic as user `AWS`). */
  token: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Labs of any state type, as the registry holds them. */
// biome-ignore lint/suspicious/noExplicitAny: the registry is heterogeneous by design; each lab is typed where it is defined
export type AnyLabModule = LabModule<any>;

/** An error the AWS SDKs and CLI understand: `__type` / `x-amzn-ErrorType` and a message. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Members of the error structure besides the message (ARC's `reason`). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }
}
