/**
 * The AWS query protocol (CloudWatch as the AWS CLI v2.9 sends it, ELBv2 from every client)
 * and its EC2 variant. A request is `Action=...&Version=...` plus flattened members, in a form
 * body or the query string: `Attributes.member.1.Key=...` (query) or `ZoneName.1=...` (EC2).
 * Answers are XML: `<ActionResponse><ActionResult>...` with lists as `<member>` (query), or
 * `<ActionResponse><requestId>...` with lists as `<item>` (EC2).
 */
import { AwsError } from '../lab.ts';
import { markTextInput } from './input.ts';
import { queryError, type ServiceOf } from './error-codes.ts';
import type { AwsProtocol, WireResponse } from './protocols.ts';
import type { ReceivedRequest } from './sigv4.ts';

/** Members a query may carry at most: more is not a lab request. */
const MAX_PARAMS = 2_000;
const RESERVED = new Set(['Action', 'Version']);

function params(req: ReceivedRequest): [string, string][] {
  const fromQuery = req.query.filter(([k]) => !k.startsWith('X-Amz-'));
  const type = req.headers['content-type'] ?? '';
  const fromBody = type.includes('x-www-form-urlencoded') ? [...new URLSearchParams(Buffer.from(req.body).toString('utf8'))] : [];
  const all = [...fromQuery, ...fromBody];
  if (all.length > MAX_PARAMS) throw new AwsError('SerializationException', `A request may carry at most ${MAX_PARAMS} parameters.`);
  return all;
}

function param(req: ReceivedRequest, name: string): string | undefined {
  return params(req).find(([k]) => k === name)?.[1];
}

type Node = Record<string, unknown> | unknown[];

/**
 * Rebuilds the structure from flattened keys: a numeric segment (after `member`, or after a
 * list item name the service's model gives, in the query protocol) indexes a list, 1-based;
 * anything else names a member. Every object is marked as text input, so the readers parse
 * its numbers and booleans.
 */
export function unflatten(pairs: readonly [string, string][], listMarker: 'member' | null, itemNames: readonly string[] = []): Record<string, unknown> {
  const markers = new Set(listMarker === null ? [] : [listMarker, ...itemNames]);
  const root: Record<string, unknown> = markTextInput({});
  for (const [key, value] of pairs) {
    if (RESERVED.has(key)) continue;
    const path: (string | number)[] = [];
    const parts = key.split('.');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (markers.has(part) && /^\d+$/.test(parts[i + 1] ?? '')) continue;
      path.push(/^\d{1,4}$/.test(part) && Number(part) > 0 ? Number(part) - 1 : part);
    }
    let node: Node = root;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i] as string | number;
      const last = i === path.length - 1;
      const holder = node as Record<string | number, unknown>;
      if (Array.isArray(node) !== (typeof seg === 'number'))
        throw new AwsError('SerializationException', `Parameter ${key} does not fit the shape of the request.`);
      if (last) {
        holder[seg] = value;
        break;
      }
      let child = holder[seg];
      if (child === undefined || typeof child !== 'object' || child === null) {
        child = typeof path[i + 1] === 'number' ? [] : markTextInput({});
        holder[seg] = child;
      }
      node = child as Node;
    }
  }
  return compact(root) as Record<string, unknown>;
}

/** Lists arrive indexed from 1 and may skip numbers; the holes go. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compact);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = compact(v);
  }
  return value;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[ch] ?? ch);
}

/**
 * One member as XML: lists as repeated `item` elements (or the item name `itemNames` gives the
 * list), timestamps in ISO 8601, blobs in base64.
 */
export function toXml(name: string, value: unknown, item: string, itemNames: Readonly<Record<string, string>> = {}): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const child = itemNames[name] ?? item;
    return `<${name}>${value.map((v) => toXml(child, v, item, itemNames)).join('')}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (value instanceof Uint8Array) return `<${name}>${Buffer.from(value).toString('base64')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v, item, itemNames))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function members(output: Record<string, unknown>, item: string, itemNames?: Readonly<Record<string, string>>): string {
  return Object.entries(output)
    .map(([k, v]) => toXml(k, v, item, itemNames))
    .join('');
}

function xmlResponse(status: number, body: string, requestId: string): WireResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

function operationOf(req: ReceivedRequest, version: string | undefined): string {
  const action = param(req, 'Action');
  if (!action) throw new AwsError('UnknownOperationException', 'The request must contain the parameter Action.');
  if (!/^[A-Za-z0-9]{1,100}$/.test(action))
    throw new AwsError('UnknownOperationException', `The action ${action.slice(0, 100)} is not valid for this web service.`);
  const given = param(req, 'Version');
  if (version && given !== undefined && given !== version) {
    throw new AwsError('UnknownOperationException', `Could not find operation ${action} for version ${given.slice(0, 20)}`);
  }
  return action;
}

function namespace(service: ServiceOf): string {
  return service?.query ? ` xmlns="${escapeXml(service.query.xmlNamespace)}"` : '';
}

export const queryProtocol: AwsProtocol = {
  name: 'query',
  operation: (req, service) => operationOf(req, service.query?.version),
  input: (req, service) => unflatten(params(req), 'member', Object.values(service.query?.listItems ?? {})),
  output(output, { requestId, operation, service }) {
    return xmlResponse(
      200,
      `<${operation}Response${namespace(service)}><${operation}Result>${members(output, 'member', service.query?.listItems)}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
      requestId,
    );
  },
  error(error, { requestId, service }) {
    const { code, status } = queryError(error, service, 'query');
    const type = status >= 500 ? 'Receiver' : 'Sender';
    return xmlResponse(
      status,
      `<ErrorResponse${namespace(service)}><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      requestId,
    );
  },
};

export const ec2Protocol: AwsProtocol = {
  name: 'ec2',
  operation: (req, service) => operationOf(req, service.query?.version),
  input: (req) => unflatten(params(req), null),
  output(output, { requestId, operation, service }) {
    return xmlResponse(
      200,
      `<${operation}Response${namespace(service)}><requestId>${requestId}</requestId>${members(output, 'item')}</${operation}Response>`,
      requestId,
    );
  },
  error(error, { requestId, service }) {
    const { code, status } = queryError(error, service, 'ec2');
    return xmlResponse(
      status,
      `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
      requestId,
    );
  },
};
