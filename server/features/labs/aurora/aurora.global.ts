/**
 * The global database `jam-orders-global`: `DescribeGlobalClusters`, `SwitchoverGlobalCluster`
 * and `FailoverGlobalCluster`, as today's RDS API has them. A switchover (planned) first brings
 * every secondary in sync, so nothing is lost; a failover with `AllowDataLoss` (unplanned)
 * promotes the target at once, and the commits that had not yet reached it are gone. Without
 * `AllowDataLoss`, `FailoverGlobalCluster` switches over, which is what the AWS CLI before the
 * switchover command (Debian's 2.9) sends.
 */
import { AwsError, type AwsOperation, type LabCallContext } from '../lab.ts';
import { optionalBoolean, optionalInteger, optionalList, optionalString, optionalStringList, requiredString } from '../aws/input.ts';
import { clusterArn, clusterNotFound, resolveCluster } from './aurora.clusters.ts';
import {
  type AuroraState,
  commitRate,
  ENGINE,
  findCluster,
  GLOBAL_ID,
  type GlobalOp,
  hex,
  isGlobalMember,
  ORDERS_VERSION,
  replicationLagMs,
  settle,
} from './aurora.model.ts';
import { globalStatus } from './aurora.timeline.ts';

function globalNotFound(id: string): AwsError {
  return new AwsError('GlobalClusterNotFoundFault', `Global cluster ${id.slice(0, 255)} not found.`, 404);
}

function arnOf(state: AuroraState, ctx: LabCallContext, key: string): string {
  const c = findCluster(state, key);
  return c ? clusterArn(ctx, c) : '';
}

export function globalCluster(state: AuroraState, ctx: LabCallContext) {
  const now = ctx.now.getTime();
  const { status, failover } = globalStatus(state, now);
  const members = state.clusters.filter((c) => isGlobalMember(c.key));
  const primary = state.global.primary;
  return {
    GlobalClusterIdentifier: GLOBAL_ID,
    GlobalClusterResourceId: `cluster-${hex(ctx.team.seed, 'global-resource', 26)}`,
    GlobalClusterArn: `arn:aws:rds::${ctx.team.accountId}:global-cluster:${GLOBAL_ID}`,
    Status: status,
    Engine: ENGINE,
    EngineVersion: ORDERS_VERSION,
    DatabaseName: 'orders',
    StorageEncrypted: true,
    DeletionProtection: true,
    GlobalClusterMembers: members.map((c) => ({
      DBClusterArn: clusterArn(ctx, c),
      ...(c.key === primary ? { Readers: members.filter((m) => m.key !== primary).map((m) => clusterArn(ctx, m)) } : {}),
      IsWriter: c.key === primary,
      ...(c.key === primary ? {} : { GlobalWriteForwardingStatus: 'disabled' }),
      SynchronizationStatus: state.global.resync?.cluster === c.key ? 'pending-resync' : 'connected',
    })),
    Endpoint: `${GLOBAL_ID}.global-${hex(ctx.team.seed, 'global-endpoint', 10)}.global.rds.amazonaws.com`,
    ...(failover
      ? {
          FailoverState: {
            Status: failover.status,
            FromDbClusterArn: arnOf(state, ctx, failover.from),
            ToDbClusterArn: arnOf(state, ctx, failover.to),
            IsDataLossAllowed: failover.dataLoss,
          },
        }
      : {}),
  };
}

function requireGlobal(input: Record<string, unknown>): void {
  const id = requiredString(input, 'GlobalClusterIdentifier', { min: 1, max: 255 });
  if (id.toLowerCase() !== GLOBAL_ID) throw globalNotFound(id);
}

/** Starts a switchover or a failover to the cluster `TargetDbClusterIdentifier` names. */
function begin(stored: AuroraState, input: Record<string, unknown>, ctx: LabCallContext, kind: GlobalOp['kind']) {
  const now = ctx.now.getTime();
  const state = settle(stored, now);
  requireGlobal(input);
  const targetId = requiredString(input, 'TargetDbClusterIdentifier', { min: 1, max: 255 });
  const target = resolveCluster(state, ctx, targetId);
  if (!target) throw clusterNotFound(targetId);
  if (!isGlobalMember(target.key))
    throw new AwsError('InvalidDBClusterStateFault', `DB cluster ${target.name} is not a member of the global cluster ${GLOBAL_ID}.`);
  const running = globalStatus(state, now);
  if (running.failover) throw new AwsError('InvalidGlobalClusterStateFault', `Global cluster ${GLOBAL_ID} is in the ${running.status} state.`);
  if (target.key === state.global.primary)
    throw new AwsError('InvalidDBClusterStateFault', `DB cluster ${target.name} is already the primary cluster of the global cluster ${GLOBAL_ID}.`);
  if (kind === 'switchover' && state.global.resync) {
    const behind = findCluster(state, state.global.resync.cluster)?.name ?? '';
    throw new AwsError(
      'InvalidGlobalClusterStateFault',
      `Global cluster ${GLOBAL_ID} can't switch over while the secondary ${behind} is in the pending-resync state.`,
    );
  }
  const lost = kind === 'failover' ? Math.round((replicationLagMs(now) / 1000) * commitRate(now)) : 0;
  const next: AuroraState = { ...state, global: { ...state.global, op: { kind, from: state.global.primary, to: target.key, at: now, lost } } };
  return { output: { GlobalCluster: globalCluster(next, ctx) }, state: next };
}

export const globalOperations: Record<string, AwsOperation<AuroraState>> = {
  DescribeGlobalClusters: {
    readOnly: true,
    handle(stored, input, ctx) {
      const state = settle(stored, ctx.now.getTime());
      const id = optionalString(input, 'GlobalClusterIdentifier', { min: 1, max: 255 });
      optionalInteger(input, 'MaxRecords', { min: 20, max: 100 });
      optionalString(input, 'Marker', { max: 1024 });
      // `region` is the one filter today's API supports: global databases with a member in one of those Regions.
      let inRegions = true;
      for (const f of optionalList(input, 'Filters', { min: 0, max: 10 }) ?? []) {
        const name = requiredString(f, 'Name', { min: 1, max: 255 });
        if (name !== 'region') throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${name.slice(0, 64)}.`);
        const regions = optionalStringList(f, 'Values', { max: 100 }) ?? [];
        inRegions &&= state.clusters.some((c) => isGlobalMember(c.key) && regions.includes(c.region));
      }
      if (id !== undefined && id.toLowerCase() !== GLOBAL_ID) throw globalNotFound(id);
      return { output: { GlobalClusters: inRegions ? [globalCluster(state, ctx)] : [] } };
    },
  },
  SwitchoverGlobalCluster: {
    handle: (state, input, ctx) => begin(state, input, ctx, 'switchover'),
  },
  FailoverGlobalCluster: {
    handle(state, input, ctx) {
      const allowDataLoss = optionalBoolean(input, 'AllowDataLoss') === true;
      const switchover = optionalBoolean(input, 'Switchover') === true;
      if (allowDataLoss && switchover) throw new AwsError('InvalidParameterCombination', 'AllowDataLoss and Switchover can not be specified together.');
      return begin(state, input, ctx, allowDataLoss ? 'failover' : 'switchover');
    },
  },
};
