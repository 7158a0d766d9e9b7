/**
 * AWS wire protocols the lab endpoint speaks. A service lists the protocols its clients send;
 * this table turns a received request into an operation name and input, and an output or
 * error into the response those clients expect:
 * - AWS JSON 1.0 / 1.1: `X-Amz-Target` names the operation, JSON in and out (Kinesis,
 *   DynamoDB, and CloudWatch from current SDKs, which also read `x-amzn-query-error`);
 * - query and EC2 query: `Action=` in a form or the query string, XML out (query-protocol.ts);
 * - REST-JSON: method and path name the operation (rest-json-protocol.ts).
 */
import { AwsError, type AwsProtocolName, type AwsServiceDefinition } from '../lab.ts';
import { queryError } from './error-codes.ts';
import { jsonWire, parseJsonObject } from './json-wire.ts';
import { ec2Protocol, queryProtocol } from './query-protocol.ts';
import { restJsonProtocol } from './rest-json-protocol.ts';
import type { ReceivedRequest } from './sigv4.ts';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

import type { ServiceOf } from './error-codes.ts';

export type { ServiceOf };

export interface AwsProtocol {
  name: AwsProtocolName;
  /** The operation a request asks for. */
  operation(req: ReceivedRequest, service: AwsServiceDefinition<unknown>): string;
  input(req: ReceivedRequest, service: AwsServiceDefinition<unknown>): Record<string, unknown>;
  output(output: Record<string, unknown>, ctx: { requestId: string; operation: string; service: AwsServiceDefinition<unknown> }): WireResponse;
  error(error: AwsError, ctx: { requestId: string; operation: string | undefined; service: ServiceOf }): WireResponse;
}

function jsonProtocol(version: '1.0' | '1.1'): AwsProtocol {
  const contentType = `application/x-amz-json-${version}`;
  return {
    name: version === '1.0' ? 'json-1.0' : 'json-1.1',
    operation(req, service) {
      const target = req.headers['x-amz-target'] ?? req.query.find(([k]) => k === 'X-Amz-Target')?.[1];
      if (!target) throw new AwsError('UnknownOperationException', 'Missing the X-Amz-Target header naming the operation.');
      const dot = target.lastIndexOf('.');
      if (dot === -1 || target.slice(0, dot) !== service.targetPrefix) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`);
      return target.slice(dot + 1);
    },
    input(req) {
      return parseJsonObject(req.body);
    },
    output(output, { requestId }) {
      return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: JSON.stringify(output, jsonWire) };
    },
    error(error, { requestId, service }) {
      const headers: Record<string, string> = { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code };
      let status = error.status;
      if (service?.queryCompatible) {
        // A service that was query keeps its query codes and statuses (403 for a bad signature).
        const compat = queryError(error, service, 'query');
        status = compat.status;
        headers['x-amzn-query-error'] = `${compat.code};${status >= 500 ? 'Receiver' : 'Sender'}`;
      }
      return { status, headers, body: JSON.stringify({ __type: error.code, message: error.message, ...error.fields }) };
    },
  };
}

export const PROTOCOLS: Readonly<Record<AwsProtocolName, AwsProtocol>> = {
  'json-1.0': jsonProtocol('1.0'),
  'json-1.1': jsonProtocol('1.1'),
  query: queryProtocol,
  ec2: ec2Protocol,
  'rest-json': restJsonProtocol,
};

/**
 * The protocol a request speaks, from what it looks like: a path below the endpoint is
 * REST-JSON, a JSON content type one of the JSON protocols, a form or an `Action=` query
 * parameter the query protocol. Before the service is known this shapes the error answers;
 * after, it must be one the service lists.
 */
export function detectProtocol(req: ReceivedRequest, restPath: string): AwsProtocolName {
  if (restPath !== '' && restPath !== '/') return 'rest-json';
  const type = req.headers['content-type'] ?? '';
  if (type.includes('x-amz-json-1.0')) return 'json-1.0';
  if (type.includes('x-amz-json-1.1')) return 'json-1.1';
  if (type.includes('x-www-form-urlencoded') || req.query.some(([k]) => k === 'Action')) return 'query';
  return 'json-1.1';
}

/** The protocol the service answers this request in: the detected one if the service speaks it (EC2 query for EC2's query requests). */
export function protocolFor(service: AwsServiceDefinition<unknown>, detected: AwsProtocolName): AwsProtocol | undefined {
  if (detected === 'query' && service.protocols.includes('ec2')) return PROTOCOLS.ec2;
  return service.protocols.includes(detected) ? PROTOCOLS[detected] : undefined;
}
