/**
 * The simulated S3 bucket behind the ECR lab. Like a real presigned URL, a request needs no
 * Authorization: the signature in the query is the credential, so the team is the one named
 * in the (signed) object key.
 */
import { Hono } from 'hono';
import { createHash } from 'node:crypto';
import { ECR_LAB_NAME, ECR_LAYER_BUCKET, ECR_REPOSITORY, parseLayerObjectKey, type EcrImageStore } from './ecr.image.ts';
import { type EcrFlag, servedRepository } from './ecr.routes.ts';
import { MULTIARCH_REPOSITORY } from './ecr.multiarch.ts';
import { s3Error, type LabsEnv } from '../lab.http.ts';
import { formatIsoSeconds, verifyPresigned } from './presign.ts';
import type { TokenBucketLimiter } from '../rate-limit.ts';

export interface S3RoutesOptions {
  secret: string;
  flagFor(teamId: number, slot: EcrFlag): string;
  images: EcrImageStore;
  limiter: TokenBucketLimiter<number>;
  now: () => Date;
}

const NO_SUCH_KEY = { code: 'NoSuchKey', message: 'The specified key does not exist.' } as const;

export function createS3Routes(o: S3RoutesOptions) {
  return new Hono<LabsEnv>()
    .use('*', async (c, next) => {
      c.set('labName', ECR_LAB_NAME);
      await next();
    })
    .get('/:bucket/:key{.+}', async (c) => {
      const { bucket, key } = c.req.param();
      const now = o.now();
      const check = verifyPresigned({
        secret: o.secret,
        method: c.req.method,
        bucket,
        key,
        query: new URL(c.req.url).searchParams,
        now,
      });
      if (!check.ok) {
        const extra: Record<string, string> = {};
        if (check.code === 'AccessDenied' && check.expires) {
          extra.Expires = formatIsoSeconds(check.expires);
          extra.ServerTime = formatIsoSeconds(now);
        }
        return s3Error(c, check.status, { code: check.code, message: check.message, extra });
      }
      if (bucket !== ECR_LAYER_BUCKET) {
        return s3Error(c, 404, { code: 'NoSuchBucket', message: 'The specified bucket does not exist' });
      }
      const object = parseLayerObjectKey(o.secret, key);
      if (!object) return s3Error(c, 404, NO_SUCH_KEY);
      c.set('labTeamId', object.teamId);
      const taken = o.limiter.take(object.teamId, now.getTime());
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds));
        return s3Error(c, 429, { code: 'SlowDown', message: 'Please reduce your request rate.' });
      }
      const [single, multi] = await Promise.all([servedRepository(o, object.teamId, ECR_REPOSITORY), servedRepository(o, object.teamId, MULTIARCH_REPOSITORY)]);
      const blob = single?.blobs.get(object.digest) ?? multi?.blobs.get(object.digest);
      if (!blob) return s3Error(c, 404, NO_SUCH_KEY);
      return c.body(blob.bytes, 200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(blob.bytes.length),
        ETag: `"${createHash('md5').update(blob.bytes).digest('hex')}"`,
      });
    })
    .all('*', (c) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return s3Error(c, 403, { code: 'AccessDenied', message: 'Access Denied' });
      }
      return s3Error(c, 405, { code: 'MethodNotAllowed', message: 'The specified method is not allowed against this resource.' });
    });
}
