/**
 * The image the ECR lab serves: `jam/flag-image:latest`, an OCI image whose second layer holds
 * the team's flag. Everything is derived from the flag alone, so the bytes (and every digest)
 * are the same on every instance and after every restart.
 */
import { createHash, createHmac } from 'node:crypto';
import { constantTimeEqual, labSubkey } from '../lab.flags.ts';
import { LruCache } from './lru.ts';
import { buildMultiArchImage, type MultiArchImage } from './ecr.multiarch.ts';
import { DEFAULT_TAR_MTIME, type TarEntry, writeLayer } from './tar.ts';

export const ECR_LAB_NAME = 'ecr-registry';
export const ECR_REPOSITORY = 'jam/flag-image';
export const ECR_TAG = 'latest';
export const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_MEDIA_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';

export interface LabBlob {
  digest: string;
  mediaType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface EcrImage {
  manifest: LabBlob;
  config: LabBlob;
  layers: LabBlob[];
  /** Config and layers by digest: what `/blobs/<digest>` may serve. */
  blobs: ReadonlyMap<string, LabBlob>;
}

/** The same for every team, as a shared base layer is in a real registry. */
const BASE_FILES: readonly TarEntry[] = [
  { name: 'etc/', type: 'directory' },
  { name: 'etc/jamboree-release', content: 'NAME="Jamboree lab image"\nID=jamboree-lab\nVERSION_ID=1\n' },
];

const CREATED = new Date(DEFAULT_TAR_MTIME * 1000).toISOString().replace('.000Z', 'Z');

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export async function buildEcrImage(flag: string): Promise<EcrImage> {
  const flagFiles: TarEntry[] = [
    { name: 'app/', type: 'directory' },
    { name: 'app/FLAG.txt', content: `${flag}\n` },
    { name: 'app/README.md', content: README },
  ];
  const [base, flagLayer] = await Promise.all([writeLayer(BASE_FILES), writeLayer(flagFiles)]);
  const layers = [blob(OCI_LAYER_MEDIA_TYPE, base.gz), blob(OCI_LAYER_MEDIA_TYPE, flagLayer.gz)];
  const config = blob(
    OCI_CONFIG_MEDIA_TYPE,
    json({
      created: CREATED,
      architecture: 'amd64',
      os: 'linux',
      config: {
        Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        WorkingDir: '/app',
        Labels: {
          'org.opencontainers.image.title': ECR_REPOSITORY,
          'org.opencontainers.image.description': 'Jamboree hands-on lab: the flag is in /app/FLAG.txt',
        },
      },
      // diff_ids name the uncompressed layers, as the OCI image spec requires.
      rootfs: { type: 'layers', diff_ids: [sha256Digest(base.tar), sha256Digest(flagLayer.tar)] },
      history: [
        { created: CREATED, created_by: 'ADD jamboree-release /etc/jamboree-release' },
        { created: CREATED, created_by: 'COPY FLAG.txt README.md /app/' },
      ],
    }),
  );
  const manifest = blob(
    OCI_MANIFEST_MEDIA_TYPE,
    json({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST_MEDIA_TYPE,
      config: descriptor(config),
      layers: layers.map(descriptor),
    }),
  );
  return {
    manifest,
    config,
    layers,
    blobs: new Map([config, ...layers].map((b) => [b.digest, b])),
  };
}

/** Images are a few kilobytes each; the cache only spares rebuilding and re-gzipping them. */
export class EcrImageStore {
  readonly #cache: LruCache<string, Promise<EcrImage>>;
  readonly #multiArch: LruCache<string, Promise<MultiArchImage>>;

  constructor(maxImages = 512) {
    this.#cache = new LruCache(maxImages);
    this.#multiArch = new LruCache(maxImages);
  }

  /** Concurrent requests for one team share one build. */
  imageFor(flag: string): Promise<EcrImage> {
    return this.#cache.getOrCreate(flag, () => buildEcrImage(flag));
  }

  /** `jam/graviton-app`: an image index whose arm64 image holds `flag`. */
  multiArchFor(flag: string): Promise<MultiArchImage> {
    return this.#multiArch.getOrCreate(flag, () => buildMultiArchImage(flag));
  }
}

function blob(mediaType: string, data: Uint8Array): LabBlob {
  // An own ArrayBuffer-backed copy (not a slice of Node's Buffer pool) is what a Response body takes.
  const bytes = new Uint8Array(data);
  return { mediaType, bytes, digest: sha256Digest(bytes) };
}

function descriptor(b: LabBlob): { mediaType: string; digest: string; size: number } {
  return { mediaType: b.mediaType, digest: b.digest, size: b.bytes.length };
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

const README = `# You pulled an image by hand

FLAG.txt, next to this file, holds your team's flag. Submit it in Jamboree.

What you just did is what \`docker pull\` does against Amazon ECR
(re:Invent 2023 CON405 "Dive deep into Amazon ECR"):

1. GET /v2/jam/flag-image/manifests/latest asked for the manifest.
   ECR looks the tag up in DynamoDB and returns the manifest, which lives in S3.
2. GET /v2/jam/flag-image/blobs/sha256:... asked for a layer by its digest.
   ECR looks the layer's location up in DynamoDB again and answers with an HTTP 307 redirect
   to an S3 pre-signed URL.
3. Following that redirect downloaded the layer directly from S3,
   not through the registry.

Every call first went through authentication (your token says who you are), authorization
(your team may pull this repository) and throttling, as every ECR call does.
Check it yourself: the sha256 of the file you downloaded equals the digest in the manifest.

---

# イメージを手作業で pull しました

このファイルと同じ場所にある FLAG.txt が、あなたのチームのフラグです。Jamboree で提出してください。

いま行った操作は、Amazon ECR に対して \`docker pull\` が行っていることと同じです
(re:Invent 2023 CON405「Dive deep into Amazon ECR」)。

1. GET /v2/jam/flag-image/manifests/latest でマニフェストを要求しました。
   ECR はタグを DynamoDB で調べ、S3 に保存されているマニフェストを返します。
2. GET /v2/jam/flag-image/blobs/sha256:... でレイヤーをダイジェスト指定で要求しました。
   ECR は再び DynamoDB でレイヤーの場所を調べ、S3 の署名付き URL への HTTP 307 リダイレクトで応答します。
3. そのリダイレクトに従うことで、レイヤーをレジストリを経由せず S3 から直接ダウンロードしました。

ECR のすべての呼び出しと同じく、どの呼び出しも最初に認証(トークンで誰なのかを示す)、
認可(チームがこのリポジトリを pull してよいか)、スロットリングを通っています。
ダウンロードしたファイルの sha256 がマニフェストのダイジェストと一致することも確かめてみてください。
`;

export const ECR_LAYER_BUCKET = 'jam-ecr-layers';

/**
 * Object key of a team's blob in the simulated layer bucket: `<teamId>-<tag>/sha256/<hex>`.
 * The team id lets any instance serve the object without shared state; the presigned URL's
 * signature covers the key, so it cannot be edited to reach another team's layer, and the tag
 * is checked as well in case a key is ever accepted by another path.
 */
export function layerObjectKey(secret: string, teamId: number, digest: string): string {
  return `${teamId}-${teamTag(secret, teamId)}/${digest.replace(':', '/')}`;
}

export function parseLayerObjectKey(secret: string, key: string): { teamId: number; digest: string } | undefined {
  const m = /^(\d{1,15})-([0-9a-f]{12})\/sha256\/([0-9a-f]{64})$/.exec(key);
  if (!m) return undefined;
  const teamId = Number(m[1]);
  if (!constantTimeEqual(teamTag(secret, teamId), m[2] ?? '')) return undefined;
  return { teamId, digest: `sha256:${m[3]}` };
}

function teamTag(secret: string, teamId: number): string {
  return createHmac('sha256', labSubkey(secret, 'ecr-team-prefix')).update(String(teamId)).digest('hex').slice(0, 12);
}
