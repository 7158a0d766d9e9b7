/**
 * The simulated ECR registry: the read side of the OCI distribution API, answering as ECR
 * does — blobs are not served by the registry but redirected (307) to a presigned S3 URL.
 * `jam/flag-image:latest` is a single image; `jam/graviton-app:latest` an image index whose
 * platform manifests are fetched by digest.
 */

export type EcrFlag = 'pull' | 'arm64';
import { type Context, Hono } from 'hono';
import { ECR_LAB_NAME, ECR_LAYER_BUCKET, ECR_REPOSITORY, ECR_TAG, type EcrImageStore, type LabBlob, layerObjectKey } from './ecr.image.ts';
import { MULTIARCH_REPOSITORY } from './ecr.multiarch.ts';
import { labTokenFrom, ociError, type LabsEnv } from '../lab.http.ts';
import { presignS3Url } from './presign.ts';
import type { TokenBucketLimiter } from '../rate-limit.ts';

export interface EcrRoutesOptions {
  secret: string;
  findTeamByLabToken(token: string): Promise<{ teamId: number } | undefined>;
  /** The team's flag for one of the lab's flags (`pull`: jam/flag-image, `arm64`: jam/graviton-app). */
  flagFor(teamId: number, slot: EcrFlag): string;
  /** The team's registry (its lab state): repositories and their tags. Defaults to the one image every team starts with. */
  repositoriesOf?(teamId: number): Promise<readonly { name: string; tags: readonly string[] }[]>;
  images: EcrImageStore;
  limiter: TokenBucketLimiter<number>;
  now: () => Date;
  /** Path the simulated S3 is mounted at, e.g. `/labs/s3`. */
  s3BasePath: string;
  presignExpiresSeconds: number;
}

const STARTING_REGISTRY: readonly { name: string; tags: readonly string[] }[] = [
  { name: ECR_REPOSITORY, tags: [ECR_TAG] },
  { name: MULTIARCH_REPOSITORY, tags: [ECR_TAG] },
];

/** What one repository serves: manifests by tag or digest, blobs by digest. */
interface Served {
  byTag: LabBlob;
  manifests: ReadonlyMap<string, LabBlob>;
  blobs: ReadonlyMap<string, LabBlob>;
}

/** The team's images behind its repositories: derived from its flags, so any instance serves the same bytes. */
export async function servedRepository(o: Pick<EcrRoutesOptions, 'images' | 'flagFor'>, teamId: number, name: string): Promise<Served | undefined> {
  if (name === ECR_REPOSITORY) {
    const image = await o.images.imageFor(o.flagFor(teamId, 'pull'));
    return { byTag: image.manifest, manifests: new Map([[image.manifest.digest, image.manifest]]), blobs: image.blobs };
  }
  if (name === MULTIARCH_REPOSITORY) {
    const image = await o.images.multiArchFor(o.flagFor(teamId, 'arm64'));
    return { byTag: image.index, manifests: new Map([[image.index.digest, image.index], ...image.manifests]), blobs: image.blobs };
  }
  return undefined;
}

/**
 * A repository of the registry's that the team's token may not read: authenticated, but not
 * authorised, which ECR answers with 403 and the IAM decision.
 */
export const FORBIDDEN_REPOSITORY = 'jam/platform-base';

function unknownRepository(c: Context<LabsEnv>, name: string): Response {
  if (name === FORBIDDEN_REPOSITORY) {
    return ociError(
      c,
      403,
      'DENIED',
      `User: arn:aws:sts::${LAB_REGISTRY_ACCOUNT}:assumed-role/jam-team-${c.var.labTeamId}/jamboree is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:ap-northeast-1:${LAB_REGISTRY_ACCOUNT}:repository/${name} because no resource-based policy allows the ecr:BatchGetImage action`,
    );
  }
  return ociError(c, 404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
}

const LAB_REGISTRY_ACCOUNT = '123456789012';

export function createEcrRoutes(o: EcrRoutesOptions) {
  const repositoryOf = async (teamId: number, name: string) => (await (o.repositoriesOf?.(teamId) ?? STARTING_REGISTRY)).find((r) => r.name === name);
  return new Hono<LabsEnv>()
    .use('*', async (c, next) => {
      c.set('labName', ECR_LAB_NAME);
      c.header('Docker-Distribution-API-Version', 'registry/2.0');
      const token = labTokenFrom(c.req.header('Authorization'));
      const team = token === undefined ? undefined : await o.findTeamByLabToken(token);
      if (!team) {
        // Basic, as ECR answers, so `docker login` and curl's --user know what to send.
        c.header('WWW-Authenticate', 'Basic realm="jamboree-ecr"');
        return ociError(c, 401, 'UNAUTHORIZED', token === undefined ? 'authentication required' : 'invalid lab token');
      }
      c.set('labTeamId', team.teamId);
      const taken = o.limiter.take(team.teamId, o.now().getTime());
      if (!taken.allowed) {
        c.header('Retry-After', String(taken.retryAfterSeconds));
        return ociError(c, 429, 'TOOMANYREQUESTS', 'too many requests, slow down');
      }
      await next();
    })
    .on('GET', ['/v2', '/v2/'], (c) => c.json({}, 200))
    .get('/v2/:name{.+}/manifests/:reference', async (c) => {
      const { name, reference } = c.req.param();
      const repository = await repositoryOf(c.var.labTeamId, name);
      if (!repository) return unknownRepository(c, name);
      const served = await servedRepository(o, c.var.labTeamId, name);
      const manifest = repository.tags.includes(reference) ? served?.byTag : served?.manifests.get(reference);
      if (!manifest) {
        return ociError(c, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', { name, reference });
      }
      return c.body(manifest.bytes, 200, {
        'Content-Type': manifest.mediaType,
        'Content-Length': String(manifest.bytes.length),
        'Docker-Content-Digest': manifest.digest,
      });
    })
    .get('/v2/:name{.+}/blobs/:digest', async (c) => {
      const { name, digest } = c.req.param();
      const teamId = c.var.labTeamId;
      if (!(await repositoryOf(teamId, name))) return unknownRepository(c, name);
      const blob = (await servedRepository(o, teamId, name))?.blobs.get(digest);
      if (!blob) return ociError(c, 404, 'BLOB_UNKNOWN', 'blob unknown to registry', { digest });
      const location = presignS3Url({
        secret: o.secret,
        bucket: ECR_LAYER_BUCKET,
        key: layerObjectKey(o.secret, teamId, blob.digest),
        expiresSeconds: o.presignExpiresSeconds,
        now: o.now(),
        basePath: o.s3BasePath,
      });
      c.header('Docker-Content-Digest', blob.digest);
      return c.redirect(location, 307);
    })
    .all('*', (c) => {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return ociError(c, 404, 'UNSUPPORTED', 'the operation is unsupported by this registry');
      }
      return ociError(c, 405, 'UNSUPPORTED', 'this lab registry is read-only');
    });
}
