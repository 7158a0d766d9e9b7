/**
 * HTTP pieces shared by the lab routes: the context variables the request log reads, lab
 * token extraction, and the error bodies of the services being imitated (OCI distribution
 * JSON for the registry, S3 XML for the bucket).
 */
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type LabsEnv = {
  Variables: {
    /** The team a request was authenticated as; unset while unauthenticated. */
    labTeamId: number;
    labName: string;
    /** AWS labs: the signing service, operation and error code, for the request log. */
    awsService: string;
    awsOperation: string;
    awsError: string;
  };
};

/** Longer values are not tokens; refusing them early spares a database lookup. */
const MAX_TOKEN_LENGTH = 512;

/**
 * The lab token from `Authorization`: `Bearer <token>`, or Basic with user `AWS` and the token
 * as password, which is what `docker login -u AWS` sends to ECR.
 */
export function labTokenFrom(header: string | undefined): string | undefined {
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header ?? '');
  if (!m) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  const credentials = m[2] ?? '';
  let token: string | undefined;
  if (scheme === 'bearer') {
    token = credentials;
  } else if (scheme === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon !== -1 && decoded.slice(0, colon) === 'AWS') token = decoded.slice(colon + 1);
  }
  return token !== undefined && token.length > 0 && token.length <= MAX_TOKEN_LENGTH ? token : undefined;
}

export type OciErrorCode = 'UNAUTHORIZED' | 'DENIED' | 'NAME_UNKNOWN' | 'MANIFEST_UNKNOWN' | 'BLOB_UNKNOWN' | 'UNSUPPORTED' | 'TOOMANYREQUESTS';

export function ociError(c: Context<LabsEnv>, status: ContentfulStatusCode, code: OciErrorCode, message: string, detail?: Record<string, string>): Response {
  return c.json({ errors: [{ code, message, ...(detail ? { detail } : {}) }] }, status);
}

export interface S3ErrorBody {
  code: string;
  message: string;
  /** Extra elements in S3's order, e.g. `Expires` and `ServerTime` for an expired URL. */
  extra?: Record<string, string>;
}

export function s3Error(c: Context<LabsEnv>, status: ContentfulStatusCode, body: S3ErrorBody): Response {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const elements: [string, string][] = [
    ['Code', body.code],
    ['Message', body.message],
    ...Object.entries(body.extra ?? {}),
    ['Resource', c.req.path],
    ['RequestId', requestId],
  ];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${elements.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('')}</Error>`;
  return c.body(xml, status, { 'Content-Type': 'application/xml', 'x-amz-request-id': requestId });
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
