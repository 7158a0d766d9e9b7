/**
 * `/labs/aws`: the one endpoint every AWS-style lab answers (with or without the trailing
 * slash: the SDK posts to `/labs/aws/`, the CLI to `/labs/aws`). A request is verified as
 * SigV4, its signing service picks the lab service and `X-Amz-Target` the operation; the
 * operation runs on the team's state through the platform. Every answer, errors included, is
 * shaped as the service's protocol has it, so the SDKs and the CLI read it as they would read
 * AWS.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { Logger } from '../../../logger.ts';
import { AwsError, type AwsServiceDefinition } from '../lab.ts';
import type { LabService } from '../lab.service.ts';
import type { LabsEnv } from '../lab.http.ts';
import type { TokenBucketLimiter } from '../rate-limit.ts';
import { type AwsProtocol, detectProtocol, PROTOCOLS, protocolFor, type WireResponse } from './protocols.ts';
import { restPathOf } from './rest-json-protocol.ts';
import { checkSigningTime, parseSigV4, type ReceivedRequest, verifySigV4 } from './sigv4.ts';

/** Kinesis takes up to 5 MiB in one PutRecords; the lab keeps requests smaller. */
export const MAX_AWS_BODY_BYTES = 2 * 1024 * 1024;

export interface AwsEndpointDeps {
  labs: LabService;
  now: () => Date;
  /** Requests per team and lab; over it the service answers its own throttling error. */
  limiter: TokenBucketLimiter<string>;
  logger: Logger;
}

export function awsEndpoint(deps: AwsEndpointDeps) {
  return async (c: Context<LabsEnv>): Promise<Response> => {
    const requestId = randomUUID();
    // Until the signature names the service, errors are shaped like the request looks.
    let protocol: AwsProtocol = PROTOCOLS[detectProtocol(headersOnly(c), restPathOf(c.req.path))];
    let service: AwsServiceDefinition<unknown> | undefined;
    let operationName: string | undefined;
    try {
      const req = await receive(c);
      protocol = PROTOCOLS[detectProtocol(req, restPathOf(req.path))];
      const auth = parseSigV4(req);
      if (!auth) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      c.set('awsService', auth.service);
      const resolved = await deps.labs.resolveAccessKey(auth.accessKeyId, auth.service);
      if (!resolved) throw new AwsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
      const { teamId, lab, credentials } = resolved;
      service = resolved.service as AwsServiceDefinition<unknown>;
      c.set('labTeamId', teamId);
      c.set('labName', lab.name);
      const spoken = protocolFor(service, protocol.name);
      if (!spoken) {
        const asked = protocol.name;
        protocol = PROTOCOLS[service.protocols[0] ?? 'json-1.1'];
        throw new AwsError('UnknownOperationException', `The ${auth.service} service does not accept ${asked} requests here.`);
      }
      protocol = spoken;
      const now = deps.now();
      checkSigningTime(auth, now);
      if (!(await verifySigV4(req, auth, credentials))) {
        throw new AwsError(
          'InvalidSignatureException',
          'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
        );
      }
      operationName = protocol.operation(req, service);
      c.set('awsOperation', operationName);
      const call = { now, team: deps.labs.team(teamId, lab.name), region: auth.region };
      const taken = deps.limiter.take(`${teamId}:${lab.name}`, now.getTime());
      if (!taken.allowed) throw new AwsError(service.throttling.code, service.throttling.message(call), service.throttling.status);
      const operation = service.operations[operationName];
      if (!operation) throw new AwsError('UnknownOperationException', `Unknown operation ${operationName} (the lab does not offer it).`);
      const input = protocol.input(req, service);
      const result = await deps.labs.run(teamId, lab, operation.readOnly === true, now, (state) => operation.handle(state, input, call));
      return send(protocol.output(result.output, { requestId, operation: operationName, service }));
    } catch (error) {
      const awsError = error instanceof AwsError ? error : internal(error, deps.logger, requestId);
      c.set('awsError', awsError.code);
      return send(protocol.error(awsError, { requestId, operation: operationName, service }));
    }
  };
}

/** What the protocol guess needs before the body is read. */
function headersOnly(c: Context<LabsEnv>): ReceivedRequest {
  const url = new URL(c.req.url);
  return {
    method: c.req.method,
    path: url.pathname,
    query: [...url.searchParams],
    headers: { 'content-type': c.req.header('content-type') ?? '' },
    body: new Uint8Array(),
  };
}

async function receive(c: Context<LabsEnv>): Promise<ReceivedRequest> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_AWS_BODY_BYTES) throw tooLarge();
  const body = new Uint8Array(await c.req.arrayBuffer());
  if (body.length > MAX_AWS_BODY_BYTES) throw tooLarge();
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  // The path exactly as sent (still percent-encoded): it is part of what was signed.
  const rawPath = /^[a-z]+:\/\/[^/]+(\/[^?#]*)?/i.exec(c.req.url)?.[1] ?? url.pathname;
  return { method: c.req.method, path: rawPath, query: [...url.searchParams], headers, body };
}

function tooLarge(): AwsError {
  return new AwsError('ValidationException', `The request body is larger than the lab's limit of ${MAX_AWS_BODY_BYTES} bytes.`, 413);
}

function internal(error: unknown, logger: Logger, requestId: string): AwsError {
  logger.error('lab request failed', { requestId, error: error instanceof Error ? error.message : String(error) });
  return new AwsError('InternalFailureException', 'The request processing has failed because of an unknown error.', 500);
}

function send(wire: WireResponse): Response {
  return new Response(wire.body, { status: wire.status, headers: wire.headers });
}
