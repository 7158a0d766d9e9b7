/**
 * Hands-on labs: small simulated services each team pokes with curl, mounted at `/labs`.
 *
 * ## Using the ECR registry lab (what a player does)
 * The task shows the team's endpoint (e.g. `http://host:8787/labs/ecr`) and lab token:
 * ```sh
 * ENDPOINT=http://host:8787/labs/ecr; TOKEN=...
 * curl -i $ENDPOINT/v2/                                  # 401 + WWW-Authenticate: Basic realm="jamboree-ecr"
 * curl -i -H "Authorization: Bearer $TOKEN" $ENDPOINT/v2/ # 200 {} : the token works
 * curl -u "AWS:$TOKEN" $ENDPOINT/v2/                     # the same, as `docker login -u AWS` sends it
 * curl -H "Authorization: Bearer $TOKEN" $ENDPOINT/v2/jam/flag-image/manifests/latest
 *                                                         # OCI manifest: config + layers by sha256 digest
 * curl -i -H "Authorization: Bearer $TOKEN" $ENDPOINT/v2/jam/flag-image/blobs/sha256:<layer>
 *                                                         # 307, Location: /labs/s3/jam-ecr-layers/...?X-Amz-...
 * curl -L -o layer.tar.gz -H "Authorization: Bearer $TOKEN" $ENDPOINT/v2/jam/flag-image/blobs/sha256:<layer>
 * tar -xzf layer.tar.gz && cat app/FLAG.txt              # the team's flag, JAM{ecr-...}
 * ```
 * The presigned URL needs no token and expires after five minutes (403 `AccessDenied`,
 * "Request has expired"); editing any part of it gives 403 `SignatureDoesNotMatch`.
 *
 * Every request is logged through `deps.logRequest`; each team is rate-limited per instance.
 */
import { Hono } from 'hono';
import { type AwsEndpointDeps, awsEndpoint } from './aws/aws.routes.ts';
import { EcrImageStore } from './ecr/ecr.image.ts';
import { createEcrRoutes, type EcrFlag } from './ecr/ecr.routes.ts';
import type { LabsEnv } from './lab.http.ts';
import { TokenBucketLimiter } from './rate-limit.ts';
import { createS3Routes } from './ecr/s3.routes.ts';
import type { LabService } from './lab.service.ts';
import { createLimitlessRoutes } from './limitless/limitless.routes.ts';

export interface LabRequestLogEntry {
  teamId: number | null;
  lab: string;
  method: string;
  path: string;
  status: number;
  /** AWS labs: signing service, operation and the error code answered (if any). */
  service?: string | undefined;
  operation?: string | undefined;
  errorCode?: string | undefined;
  at: Date;
}

export interface LabsDeps {
  /** Server lab secret (kept in the database); flags, signatures and object keys derive from it. */
  secret: string;
  findTeamByLabToken(token: string): Promise<{ teamId: number } | undefined>;
  logRequest(entry: LabRequestLogEntry): void | Promise<void>;
  now?: () => Date;
  /** The ECR tasks' flags for a team (`deriveLabFlag` bound to the lab task in play that names the flag). */
  flagFor(teamId: number, slot: EcrFlag): string;
  /** The ECR lab's per-team state: the team's repositories and tags. */
  repositoriesOf?(teamId: number): Promise<readonly { name: string; tags: readonly string[] }[]>;
  /** Where the sub-app is mounted, used to build presigned URLs; defaults to `/labs`. */
  mountPath?: string;
  /** Defaults to a burst of 120 and 120 requests a minute per team. */
  rateLimit?: { capacity?: number; refillPerMinute?: number };
  /** Lifetime of presigned blob URLs; defaults to 300 seconds. */
  presignExpiresSeconds?: number;
  /** The AWS-style labs at `/aws`; absent in tests of the registry alone. */
  aws?: AwsEndpointDeps;
  /** The Aurora Limitless SQL endpoint at `/limitless` (it writes the team's lab state). */
  limitless?: { labs: LabService };
}

export const LAB_ECR_PRESIGN_SECONDS = 300;
const DEFAULT_REQUESTS_PER_MINUTE = 120;

export function createLabsRoutes(deps: LabsDeps) {
  const now = deps.now ?? (() => new Date());
  const perMinute = deps.rateLimit?.refillPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE;
  // One limiter for registry and bucket: a pull is a budget of requests, whichever host they hit.
  const limiter = new TokenBucketLimiter<number>({
    capacity: deps.rateLimit?.capacity ?? perMinute,
    refillPerMinute: perMinute,
  });
  const images = new EcrImageStore();
  const mountPath = (deps.mountPath ?? '/labs').replace(/\/+$/, '');

  const app = new Hono<LabsEnv>()
    .use('*', async (c, next) => {
      const at = now();
      await next();
      const entry: LabRequestLogEntry = {
        teamId: c.get('labTeamId') ?? null,
        lab: c.get('labName') ?? 'unknown',
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        service: c.get('awsService'),
        operation: c.get('awsOperation'),
        errorCode: c.get('awsError'),
        at,
      };
      try {
        await deps.logRequest(entry);
      } catch (err) {
        // Losing a log line must not fail the player's request.
        console.error('lab request log failed', err);
      }
    })
    .route(
      '/ecr',
      createEcrRoutes({
        secret: deps.secret,
        findTeamByLabToken: deps.findTeamByLabToken,
        flagFor: deps.flagFor,
        ...(deps.repositoriesOf ? { repositoriesOf: deps.repositoriesOf } : {}),
        images,
        limiter,
        now,
        s3BasePath: `${mountPath}/s3`,
        presignExpiresSeconds: deps.presignExpiresSeconds ?? LAB_ECR_PRESIGN_SECONDS,
      }),
    )
    .route('/s3', createS3Routes({ secret: deps.secret, flagFor: deps.flagFor, images, limiter, now }));
  if (deps.limitless) {
    app.route('/limitless', createLimitlessRoutes({ labs: deps.limitless.labs, findTeamByLabToken: deps.findTeamByLabToken, limiter, now }));
  }
  if (deps.aws) {
    const handler = awsEndpoint(deps.aws);
    // REST-JSON services (ARC) live below the endpoint: `/labs/aws/zonalshifts`.
    app.on(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], ['/aws', '/aws/', '/aws/*'], (c) => handler(c));
  }
  return app;
}

export type LabsRoutes = ReturnType<typeof createLabsRoutes>;
