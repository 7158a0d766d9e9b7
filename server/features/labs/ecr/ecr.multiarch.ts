/**
 * `jam/graviton-app:latest`, a multi-architecture image: the tag names an OCI image index
 * listing one image manifest per platform, as `docker buildx build --platform
 * linux/amd64,linux/arm64` pushes it. A client picks the manifest for its platform by digest;
 * the team's flag ships only in the `linux/arm64` image (the one a Graviton instance runs).
 * Derived from the flag alone, like the single-architecture image, so every digest is stable.
 */
import type { LabBlob } from './ecr.image.ts';
import { OCI_CONFIG_MEDIA_TYPE, OCI_LAYER_MEDIA_TYPE, OCI_MANIFEST_MEDIA_TYPE, sha256Digest } from './ecr.image.ts';
import { DEFAULT_TAR_MTIME, type TarEntry, writeLayer } from './tar.ts';

export const MULTIARCH_REPOSITORY = 'jam/graviton-app';
export const OCI_INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json';

export interface MultiArchImage {
  index: LabBlob;
  /** Image manifests by digest: what `/manifests/<digest>` may serve. */
  manifests: ReadonlyMap<string, LabBlob>;
  blobs: ReadonlyMap<string, LabBlob>;
}

const CREATED = new Date(DEFAULT_TAR_MTIME * 1000).toISOString().replace('.000Z', 'Z');
const PLATFORMS = [
  { architecture: 'amd64', os: 'linux' },
  { architecture: 'arm64', os: 'linux', variant: 'v8' },
] as const;

function blob(mediaType: string, data: Uint8Array): LabBlob {
  const bytes = new Uint8Array(data);
  return { mediaType, bytes, digest: sha256Digest(bytes) };
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

const descriptor = (b: LabBlob) => ({ mediaType: b.mediaType, digest: b.digest, size: b.bytes.length });

export async function buildMultiArchImage(flag: string): Promise<MultiArchImage> {
  const base = await writeLayer([
    { name: 'etc/', type: 'directory' },
    { name: 'etc/jamboree-release', content: 'NAME="Jamboree lab image"\nID=jamboree-lab\nVERSION_ID=2\n' },
  ]);
  const blobs = new Map<string, LabBlob>();
  const manifests = new Map<string, LabBlob>();
  const entries: { manifest: LabBlob; platform: (typeof PLATFORMS)[number] }[] = [];
  for (const platform of PLATFORMS) {
    const files: TarEntry[] = [
      { name: 'app/', type: 'directory' },
      { name: 'app/README.md', content: platform.architecture === 'arm64' ? ARM64_README : AMD64_README },
      ...(platform.architecture === 'arm64' ? [{ name: 'app/FLAG.txt', content: `${flag}\n` }] : []),
    ];
    const app = await writeLayer(files);
    const layers = [blob(OCI_LAYER_MEDIA_TYPE, base.gz), blob(OCI_LAYER_MEDIA_TYPE, app.gz)];
    const config = blob(
      OCI_CONFIG_MEDIA_TYPE,
      json({
        created: CREATED,
        ...platform,
        config: { WorkingDir: '/app', Labels: { 'org.opencontainers.image.title': MULTIARCH_REPOSITORY } },
        rootfs: { type: 'layers', diff_ids: [sha256Digest(base.tar), sha256Digest(app.tar)] },
        history: [
          { created: CREATED, created_by: 'ADD jamboree-release /etc/jamboree-release' },
          { created: CREATED, created_by: `COPY --platform=${platform.os}/${platform.architecture} app/ /app/` },
        ],
      }),
    );
    const manifest = blob(
      OCI_MANIFEST_MEDIA_TYPE,
      json({ schemaVersion: 2, mediaType: OCI_MANIFEST_MEDIA_TYPE, config: descriptor(config), layers: layers.map(descriptor) }),
    );
    for (const b of [config, ...layers]) blobs.set(b.digest, b);
    manifests.set(manifest.digest, manifest);
    entries.push({ manifest, platform });
  }
  const index = blob(
    OCI_INDEX_MEDIA_TYPE,
    json({
      schemaVersion: 2,
      mediaType: OCI_INDEX_MEDIA_TYPE,
      manifests: entries.map(({ manifest, platform }) => ({ ...descriptor(manifest), platform })),
    }),
  );
  return { index, manifests, blobs };
}

const AMD64_README = `# linux/amd64

This is the x86-64 build of jam/graviton-app. Your team's flag ships only in the
image your Graviton fleet runs: go back to the image index and pick that platform.

---

# linux/amd64

これは jam/graviton-app の x86-64 向けビルドです。チームのフラグは、Graviton の
フリートで動くイメージにだけ含まれています。イメージインデックスに戻り、そのプラットフォームを選んでください。
`;

const ARM64_README = `# linux/arm64: the image a Graviton instance pulls

FLAG.txt, next to this file, holds your team's flag. Submit it in Jamboree.

The tag latest named an image index: one manifest per platform. docker pull on a
Graviton (arm64) host reads the index and asks for the linux/arm64 manifest by its
digest; on an x86 host it picks linux/amd64. One tag, one build pipeline, both fleets.

Every call you made was authenticated (your token says who you are) and authorised
(your team may pull this repository, not every repository in the registry), and
throttled, before the registry did any work.

---

# linux/arm64: Graviton インスタンスが pull するイメージ

このファイルと同じ場所にある FLAG.txt が、チームのフラグです。Jamboree で提出してください。

タグ latest が指していたのはイメージインデックス、つまりプラットフォームごとのマニフェストの一覧でした。
Graviton (arm64) のホストで docker pull を実行すると、インデックスを読んで linux/arm64 の
マニフェストをダイジェストで要求します。x86 のホストなら linux/amd64 を選びます。
一つのタグ、一つのビルドパイプラインで、両方のフリートに対応できます。

今回の呼び出しはどれも、レジストリが処理を始める前に、認証(トークンで誰なのかを示す)と
認可(チームが pull してよいのはこのリポジトリであり、レジストリ内のすべてではない)、
そしてスロットリングを通っています。
`;
