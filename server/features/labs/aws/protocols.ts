/**
 * AWS wire protocols the lab endpoint speaks. A service names its protocol; this table turns
 * a received request into an operation name and input, and an output or error into the
 * response its SDKs expect. Only the JSON protocols exist so far: REST-JSON (path and method
 * pick the operation) and query (form-encoded `Action=`) slot in here as more entries.
 */
import { AwsError, type AwsProtocolName } from '../lab.ts';
import type { ReceivedRequest } from './sigv4.ts';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface AwsProtocol {
  /** The operation a request asks for, checked against the service's target prefix. */
  operation(req: ReceivedRequest, targetPrefix: string): string;
  input(req: ReceivedRequest): Record<string, unknown>;
  output(output: Record<string, unknown>, requestId: string): WireResponse;
  error(error: AwsError, requestId: string): WireResponse;
}

function jsonProtocol(version: '1.0' | '1.1'): AwsProtocol {
  const contentType = `application/x-amz-json-${version}`;
  return {
    operation(req, targetPrefix) {
      const target = req.headers['x-amz-target'] ?? req.query.find(([k]) => k === 'X-Amz-Target')?.[1];
      if (!target) throw new AwsError('UnknownOperationException', 'Missing the X-Amz-Target header naming the operation.');
      const dot = target.lastIndexOf('.');
      if (dot === -1 || target.slice(0, dot) !== targetPrefix) throw new AwsError('UnknownOperationException', `Unknown operation ${target}`);
      return target.slice(dot + 1);
    },
    input(req) {
      const text = Buffer.from(req.body).toString('utf8').trim();
      if (text === '') return {};
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new AwsError('SerializationException', 'Start of structure or map found where not expected, or the body is not JSON.');
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new AwsError('SerializationException', 'The request body must be a JSON object.');
      }
      return value as Record<string, unknown>;
    },
    output(output, requestId) {
      return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: JSON.stringify(output, jsonWire) };
    },
    error(error, requestId) {
      return {
        status: error.status,
        headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },
  };
}

/** Timestamps travel as epoch seconds and blobs as base64 in the JSON protocols. */
function jsonWire(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw instanceof Date) return raw.getTime() / 1000;
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('base64');
  return value;
}

export const PROTOCOLS: Readonly<Record<AwsProtocolName, AwsProtocol>> = {
  'json-1.0': jsonProtocol('1.0'),
  'json-1.1': jsonProtocol('1.1'),
};
