/**
 * DB clusters as `DescribeDBClusters` shows them: the global database's two members (each in
 * its own Region), the Regional `jam-inventory` cluster, and any green clusters a blue/green
 * deployment made. RDS is Regional: a call sees the clusters of the Region it was signed for,
 * and a cluster in another Region is reached by its ARN.
 */
import { AwsError, type AwsOperation, type LabCallContext } from '../lab.ts';
import { optionalInteger, optionalList, optionalString, optionalStringList, requiredString } from '../aws/input.ts';
import { type AuroraState, type ClusterState, ENGINE, GLOBAL_ID, hex, isGlobalMember, settle } from './aurora.model.ts';
import { clusterStatus } from './aurora.timeline.ts';

const ZONES: Readonly<Record<string, readonly string[]>> = {
  'ap-northeast-1': ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  'ap-northeast-3': ['ap-northeast-3a', 'ap-northeast-3b', 'ap-northeast-3c'],
};
const DAY = 86_400_000;

export function clusterArn(ctx: LabCallContext, c: Pick<ClusterState, 'region' | 'name'>): string {
  return `arn:aws:rds:${c.region}:${ctx.team.accountId}:cluster:${c.name}`;
}

export function instanceArn(ctx: LabCallContext, region: string, name: string): string {
  return `arn:aws:rds:${region}:${ctx.team.accountId}:db:${name}`;
}

/** The account's endpoint label in a Region: every cluster endpoint there shares it, so a renamed cluster takes over the old name's endpoint. */
function endpointLabel(ctx: LabCallContext, region: string): string {
  return BigInt(`0x${hex(ctx.team.seed, `endpoint-${region}`, 16)}`)
    .toString(36)
    .slice(0, 12)
    .padStart(12, 'a');
}

export function clusterNotFound(id: string): AwsError {
  return new AwsError('DBClusterNotFoundFault', `DBCluster ${id.slice(0, 255)} not found.`, 404);
}

/**
 * A cluster by name (in the Region of the call) or by ARN (in any Region), case-insensitively
 * as RDS reads identifiers.
 */
export function resolveCluster(state: AuroraState, ctx: LabCallContext, identifier: string): ClusterState | undefined {
  const id = identifier.toLowerCase();
  if (id.startsWith('arn:')) return state.clusters.find((c) => clusterArn(ctx, c).toLowerCase() === id);
  return state.clusters.find((c) => c.region === ctx.region && c.name === id);
}

/** Cluster members the way `DescribeDBClusters` lists them; a global secondary has no writer instance. */
function members(state: AuroraState, c: ClusterState) {
  const secondary = isGlobalMember(c.key) && state.global.primary !== c.key;
  return c.instances.map((name, i) => ({
    DBInstanceIdentifier: name,
    IsClusterWriter: i === 0 && !secondary,
    DBClusterParameterGroupStatus: 'in-sync',
    PromotionTier: 1,
  }));
}

export function dbCluster(state: AuroraState, c: ClusterState, ctx: LabCallContext) {
  const label = endpointLabel(ctx, c.region);
  const now = ctx.now.getTime();
  return {
    AllocatedStorage: 1,
    AvailabilityZones: ZONES[c.region] ?? [],
    BackupRetentionPeriod: 7,
    DatabaseName: c.key === 'inventory' || c.key.startsWith('green') ? 'inventory' : 'orders',
    DBClusterIdentifier: c.name,
    DBClusterParameterGroup: c.parameterGroup,
    DBSubnetGroup: 'jam-db-subnets',
    Status: clusterStatus(state, c.key, now),
    EarliestRestorableTime: new Date(Math.max(c.createdAt, now - 7 * DAY)),
    Endpoint: `${c.name}.cluster-${label}.${c.region}.rds.amazonaws.com`,
    ReaderEndpoint: `${c.name}.cluster-ro-${label}.${c.region}.rds.amazonaws.com`,
    MultiAZ: c.instances.length > 1,
    Engine: ENGINE,
    EngineVersion: c.version,
    LatestRestorableTime: new Date(Math.floor(now / 60_000) * 60_000 - 60_000),
    Port: 5432,
    MasterUsername: 'jamadmin',
    PreferredBackupWindow: '17:00-17:30',
    PreferredMaintenanceWindow: 'sun:18:00-sun:18:30',
    DBClusterMembers: members(state, c),
    VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-${hex(ctx.team.seed, `sg-${c.region}`, 17)}`, Status: 'active' }],
    StorageEncrypted: true,
    KmsKeyId: `arn:aws:kms:${c.region}:${ctx.team.accountId}:key/${hex(ctx.team.seed, `kms-${c.region}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-')}`,
    DbClusterResourceId: `cluster-${hex(ctx.team.seed, `resource-${c.key}`, 26).toUpperCase()}`,
    DBClusterArn: clusterArn(ctx, c),
    IAMDatabaseAuthenticationEnabled: false,
    ClusterCreateTime: new Date(c.createdAt),
    EngineMode: 'provisioned',
    DeletionProtection: c.key !== 'inventory' && !c.key.startsWith('green'),
    HttpEndpointEnabled: false,
    CopyTagsToSnapshot: true,
    CrossAccountClone: false,
    TagList: [{ Key: 'team', Value: c.key === 'inventory' || c.key.startsWith('green') ? 'inventory' : 'orders' }],
    ...(isGlobalMember(c.key) ? { GlobalClusterIdentifier: GLOBAL_ID } : {}),
    StorageType: 'aurora',
    AutoMinorVersionUpgrade: true,
    NetworkType: 'IPV4',
  };
}

const FILTERS = ['db-cluster-id', 'engine', 'db-cluster-resource-id', 'clone-group-id', 'domain'] as const;

function matchesFilters(view: ReturnType<typeof dbCluster>, filters: { name: string; values: string[] }[]): boolean {
  return filters.every(({ name, values }) => {
    switch (name) {
      case 'db-cluster-id':
        return values.some((v) => v.toLowerCase() === view.DBClusterIdentifier || v === view.DBClusterArn);
      case 'engine':
        return values.includes(view.Engine);
      case 'db-cluster-resource-id':
        return values.includes(view.DbClusterResourceId);
      default:
        // Clone groups and domains: the lab's clusters belong to none.
        return false;
    }
  });
}

export const clusterOperations: Record<string, AwsOperation<AuroraState>> = {
  DescribeDBClusters: {
    readOnly: true,
    handle(stored, input, ctx) {
      const state = settle(stored, ctx.now.getTime());
      const id = optionalString(input, 'DBClusterIdentifier', { min: 1, max: 255 });
      optionalInteger(input, 'MaxRecords', { min: 20, max: 100 });
      optionalString(input, 'Marker', { max: 1024 });
      const filters = (optionalList(input, 'Filters', { min: 0, max: 10 }) ?? []).map((f) => {
        const name = requiredString(f, 'Name', { min: 1, max: 255 });
        if (!(FILTERS as readonly string[]).includes(name)) throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${name.slice(0, 64)}.`);
        return { name, values: optionalStringList(f, 'Values', { max: 100 }) ?? [] };
      });
      if (id !== undefined) {
        const found = resolveCluster(state, ctx, id);
        if (!found || (!id.startsWith('arn:') && found.region !== ctx.region)) throw clusterNotFound(id);
        return { output: { DBClusters: [dbCluster(state, found, ctx)] } };
      }
      const views = state.clusters.filter((c) => c.region === ctx.region).map((c) => dbCluster(state, c, ctx));
      return { output: { DBClusters: views.filter((v) => matchesFilters(v, filters)) } };
    },
  },
};
