/**
 * `aurora-switchover`: the two switchovers of Amazon Aurora, hands-on (AWS Summit Japan 2024,
 * the Aurora deep dive's Global Database and blue/green deployments, with today's RDS API).
 * The team moves the primary of the global database `jam-orders-global` from Tokyo to Osaka
 * without losing a committed write (a global switchover; a failover with data loss loses
 * what the replication lag held), then upgrades `jam-inventory` from Aurora PostgreSQL 15 to 16
 * with a blue/green deployment. RDS speaks the query protocol to the AWS CLI and the SDKs;
 * CloudWatch shows the replication lag of the secondary.
 */
import { cloudWatchService } from '../aws/cloudwatch.ts';
import type { AwsServiceDefinition, LabModule, ProgressItem } from '../lab.ts';
import { blueGreenOperations } from './aurora.bluegreen.ts';
import { clusterOperations } from './aurora.clusters.ts';
import { globalOperations } from './aurora.global.ts';
import { auroraMetrics } from './aurora.metrics.ts';
import {
  type AuroraState,
  AuroraStateSchema,
  GLOBAL_ID,
  INVENTORY,
  initialAuroraState,
  LAB_NAME,
  OSAKA,
  settle,
  TOKYO,
  UPGRADE_PARAMETER_GROUP,
  UPGRADE_VERSION,
} from './aurora.model.ts';
import { globalStatus } from './aurora.timeline.ts';

/** RDS names its list items in the model (`<DBClusters><DBCluster>`, `Filters.Filter.1`); the rest are `member`. */
const RDS_LIST_ITEMS: Readonly<Record<string, string>> = {
  GlobalClusters: 'GlobalClusterMember',
  GlobalClusterMembers: 'GlobalClusterMember',
  DBClusters: 'DBCluster',
  DBClusterMembers: 'DBClusterMember',
  AvailabilityZones: 'AvailabilityZone',
  VpcSecurityGroups: 'VpcSecurityGroupMembership',
  TagList: 'Tag',
  Tags: 'Tag',
  Filters: 'Filter',
  Values: 'Value',
};

export const rdsService: AwsServiceDefinition<AuroraState> = {
  signingName: 'rds',
  protocols: ['query'],
  query: { version: '2014-10-31', xmlNamespace: 'http://rds.amazonaws.com/doc/2014-10-31/', listItems: RDS_LIST_ITEMS },
  errors: {
    DBClusterParameterGroupNotFoundFault: { query: 'DBClusterParameterGroupNotFound', status: 404 },
    DBParameterGroupNotFoundFault: { query: 'DBParameterGroupNotFound', status: 404 },
  },
  throttling: { code: 'Throttling', message: () => 'Rate exceeded' },
  operations: { ...clusterOperations, ...globalOperations, ...blueGreenOperations },
};

function primaryMoved(stored: AuroraState, now: number): ProgressItem[] {
  const state = settle(stored, now);
  const running = globalStatus(state, now).failover !== undefined;
  const lost = state.global.lost + (state.global.op?.lost ?? 0);
  return [
    {
      label: { en: `jam-orders-osaka (${OSAKA}) is the writer of ${GLOBAL_ID}`, ja: `jam-orders-osaka（${OSAKA}）が ${GLOBAL_ID} のライターになっている` },
      done: state.global.primary === 'osaka' && !running,
    },
    {
      label: {
        en: 'The global database is available, with every secondary in sync',
        ja: 'グローバルデータベースが利用可能で、すべてのセカンダリが同期している',
      },
      done: !running && state.global.resync === null,
    },
    {
      label:
        lost === 0
          ? { en: 'No committed transaction was lost on the way', ja: '移行の途中でコミット済みのトランザクションを 1 件も失っていない' }
          : {
              en: `No committed transaction was lost on the way (about ${lost} were lost)`,
              ja: `移行の途中でコミット済みのトランザクションを 1 件も失っていない（実際には約 ${lost} 件が失われた）`,
            },
      done: lost === 0,
    },
  ];
}

function upgraded(stored: AuroraState, now: number): ProgressItem[] {
  const state = settle(stored, now);
  const production = state.clusters.find((c) => c.region === TOKYO && c.name === INVENTORY);
  return [
    {
      // Only a blue/green switchover gives a green cluster the production name.
      label: {
        en: `A blue/green switchover made the green cluster production as ${INVENTORY}`,
        ja: `Blue/Green デプロイのスイッチオーバーで、グリーンのクラスターが ${INVENTORY} として本番になっている`,
      },
      done: production?.key.startsWith('green-') === true,
    },
    {
      label: { en: `${INVENTORY} runs Aurora PostgreSQL ${UPGRADE_VERSION}`, ja: `${INVENTORY} が Aurora PostgreSQL ${UPGRADE_VERSION} で動いている` },
      done: production?.version === UPGRADE_VERSION,
    },
    {
      label: {
        en: `${INVENTORY} uses the DB cluster parameter group ${UPGRADE_PARAMETER_GROUP}`,
        ja: `${INVENTORY} が DB クラスターパラメータグループ ${UPGRADE_PARAMETER_GROUP} を使っている`,
      },
      done: production?.parameterGroup === UPGRADE_PARAMETER_GROUP,
    },
  ];
}

export const auroraSwitchoverLab: LabModule<AuroraState> = {
  name: LAB_NAME,
  title: { en: 'Aurora: two kinds of switchover', ja: 'Aurora: 2 種類のスイッチオーバー' },
  schema: AuroraStateSchema,
  initialState: (_team, now) => initialAuroraState(now.getTime()),
  maxStateBytes: 32 * 1024,
  aws: [rdsService, cloudWatchService(auroraMetrics)],
  checks: {
    'primary-moved'(state, { now }) {
      const progress = primaryMoved(state, now.getTime());
      return { passed: progress.every((p) => p.done), progress };
    },
    'upgraded-with-blue-green'(state, { now }) {
      const progress = upgraded(state, now.getTime());
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      // One value a copy button can paste: the Osaka cluster lives in another Region than the panel's.
      resources: {
        globalClusterIdentifier: GLOBAL_ID,
        tokyoCluster: 'jam-orders-tokyo',
        osakaCluster: 'jam-orders-osaka',
        osakaRegion: OSAKA,
        inventoryCluster: INVENTORY,
      },
      labels: {
        globalClusterIdentifier: { en: 'Global database', ja: 'グローバルデータベース' },
        tokyoCluster: { en: 'Tokyo cluster', ja: '東京のクラスター' },
        osakaCluster: { en: 'Osaka cluster', ja: '大阪のクラスター' },
        osakaRegion: { en: 'Osaka Region', ja: '大阪のリージョン' },
        inventoryCluster: { en: 'Inventory cluster', ja: '在庫管理のクラスター' },
      },
      firstCommand: `aws rds describe-global-clusters --global-cluster-identifier ${GLOBAL_ID} --endpoint-url ${access.endpoint} --region ${access.region}`,
      sdk: { package: '@aws-sdk/client-rds', client: 'RDSClient' },
    };
  },
};
