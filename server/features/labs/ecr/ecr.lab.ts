/**
 * The ECR registry lab as a platform module: its per-team state is the team's registry (the
 * repositories and their tags), and the panel shows its endpoint, token and a first command.
 * The registry itself answers at `/labs/ecr` (ecr.routes.ts).
 */
import { z } from 'zod';
import type { LabModule } from '../lab.ts';
import { ECR_LAB_NAME, ECR_REPOSITORY, ECR_TAG } from './ecr.image.ts';
import { MULTIARCH_REPOSITORY } from './ecr.multiarch.ts';

export const EcrStateSchema = z.object({
  v: z.literal(1),
  repositories: z.array(z.object({ name: z.string(), tags: z.array(z.string()) })),
});

export type EcrState = z.infer<typeof EcrStateSchema>;

export const ecrRegistryLab: LabModule<EcrState> = {
  name: ECR_LAB_NAME,
  title: { en: 'Amazon ECR: pull by hand', ja: 'Amazon ECR: 手作業で pull する' },
  schema: EcrStateSchema,
  initialState: () => ({
    v: 1,
    repositories: [
      { name: ECR_REPOSITORY, tags: [ECR_TAG] },
      { name: MULTIARCH_REPOSITORY, tags: [ECR_TAG] },
    ],
  }),
  flags: ['pull', 'arm64'],
  maxStateBytes: 4096,
  httpPath: 'ecr',
  connection(_team, access) {
    return {
      resources: { repository: ECR_REPOSITORY, multiArchRepository: MULTIARCH_REPOSITORY, tag: ECR_TAG },
      labels: {
        repository: { en: 'Repository', ja: 'リポジトリ' },
        multiArchRepository: { en: 'Multi-architecture repository', ja: 'マルチアーキテクチャのリポジトリ' },
        tag: { en: 'Image tag', ja: 'イメージタグ' },
      },
      firstCommand: `curl -i -u "AWS:${access.token}" ${access.endpoint}/v2/`,
    };
  },
};
