/**
 * REST-JSON (ARC zonal shift): the method and the path below the endpoint pick the operation
 * from the service's routes; input is the path labels, the query string and the JSON body
 * merged; errors carry `x-amzn-ErrorType` and `{ message, ...fields }`, which both the SDKs and
 * botocore read.
 */
import { AwsError, type AwsServiceDefinition, type RestRoute } from '../lab.ts';
import { markTextInput } from './input.ts';
import { jsonWire, parseJsonObject } from './json-wire.ts';
import type { AwsProtocol } from './protocols.ts';
import type { ReceivedRequest } from './sigv4.ts';

/** REST services answer authentication failures with 403, as API Gateway-fronted AWS services do. */
const FORBIDDEN = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException', 'InvalidSignatureException']);

/** The part of a path below `/labs/aws`, still percent-encoded. */
export function restPathOf(rawPath: string): string {
  return /^.*?\/aws(?=\/|$)(.*)$/.exec(rawPath)?.[1] ?? '';
}

interface Match {
  route: RestRoute;
  labels: Record<string, string>;
}

function match(req: ReceivedRequest, service: AwsServiceDefinition<unknown>): Match {
  const path = restPathOf(req.path).replace(/\/+$/, '');
  const segments = path.split('/').slice(1);
  let pathMatched = false;
  for (const route of service.routes ?? []) {
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const want = pattern[i] ?? '';
      const got = segments[i] ?? '';
      if (want.startsWith('{')) {
        try {
          labels[want.slice(1, -1)] = decodeURIComponent(got);
        } catch {
          ok = false;
        }
        ok &&= got !== '';
      } else ok = want === got;
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === req.method) return { route, labels };
  }
  throw new AwsError(
    'UnknownOperationException',
    pathMatched ? `The method ${req.method} is not allowed on ${path}.` : `No operation of this service is at ${path || '/'}.`,
    pathMatched ? 405 : 404,
  );
}

export const restJsonProtocol: AwsProtocol = {
  name: 'rest-json',
  operation: (req, service) => match(req, service).route.operation,
  input(req, service) {
    const { labels } = match(req, service);
    const body = req.method === 'GET' || req.method === 'DELETE' ? {} : parseJsonObject(req.body);
    // Path labels and query parameters arrive as text: the readers parse their numbers.
    const text = markTextInput<Record<string, unknown>>({ ...Object.fromEntries(req.query.filter(([k]) => !k.startsWith('X-Amz-'))), ...labels });
    return Object.keys(text).length === 0 ? body : Object.assign(text, body);
  },
  output(output, { requestId, operation, service }) {
    const status = service.routes?.find((r) => r.operation === operation)?.status ?? 200;
    return { status, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(output, jsonWire) };
  },
  error(error, { requestId }) {
    const status = FORBIDDEN.has(error.code) ? 403 : error.status;
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
      body: JSON.stringify({ message: error.message, ...error.fields }),
    };
  },
};
