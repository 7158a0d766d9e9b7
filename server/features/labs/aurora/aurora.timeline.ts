/**
 * Where each long-running operation stands at a given moment, from its start time (pure): the
 * global database's switchover or failover, and a blue/green deployment's provisioning tasks
 * and switchover. The statuses are the ones the RDS API documents.
 */
import {
  type AuroraState,
  BG_SWITCHOVER_MS,
  type DeploymentState,
  FAILOVER_PENDING_MS,
  findCluster,
  opDuration,
  SWITCHOVER_PENDING_MS,
} from './aurora.model.ts';

export type DeploymentStatus = 'PROVISIONING' | 'AVAILABLE' | 'SWITCHOVER_IN_PROGRESS' | 'SWITCHOVER_COMPLETED';

interface TaskWindow {
  name: string;
  from: number;
  to: number;
}

/** The provisioning tasks of a deployment, in ms after its creation; an upgrade adds one. */
function taskWindows(state: AuroraState, d: DeploymentState): TaskWindow[] {
  const upgrading = findCluster(state, d.blue)?.version !== d.targetVersion;
  const windows: [string, number][] = [
    ['CREATING_READ_REPLICA_OF_SOURCE', 10_000],
    ...(upgrading ? ([['DB_ENGINE_VERSION_UPGRADE', 15_000]] as [string, number][]) : []),
    ['CREATING_TOPOLOGY_OF_SOURCE', 6_000],
    ['CONFIGURE_BACKUPS', 4_000],
  ];
  let at = 0;
  return windows.map(([name, length]) => {
    const w = { name, from: at, to: at + length };
    at += length;
    return w;
  });
}

export function provisionedAt(state: AuroraState, d: DeploymentState): number {
  return d.createdAt + (taskWindows(state, d).at(-1)?.to ?? 0);
}

export function deploymentStatus(state: AuroraState, d: DeploymentState, now: number): DeploymentStatus {
  if (d.switchedOver) return 'SWITCHOVER_COMPLETED';
  if (d.switchover) return now >= d.switchover.at + BG_SWITCHOVER_MS ? 'SWITCHOVER_COMPLETED' : 'SWITCHOVER_IN_PROGRESS';
  return now >= provisionedAt(state, d) ? 'AVAILABLE' : 'PROVISIONING';
}

export function deploymentTasks(state: AuroraState, d: DeploymentState, now: number): { Name: string; Status: string }[] {
  const elapsed = now - d.createdAt;
  return taskWindows(state, d).map((w) => ({
    Name: w.name,
    Status: elapsed >= w.to ? 'COMPLETED' : elapsed >= w.from ? 'IN_PROGRESS' : 'PENDING',
  }));
}

/** The deployment a cluster is the green side of, while it is still staging (not switched over). */
export function stagingDeploymentOf(state: AuroraState, key: string): DeploymentState | undefined {
  return state.deployments.find((d) => d.green === key && !d.switchedOver);
}

/** A green cluster's status while it is being built: created, then upgraded, then available. */
export function clusterStatus(state: AuroraState, key: string, now: number): string {
  const d = stagingDeploymentOf(state, key);
  if (!d) return 'available';
  const running = deploymentTasks(state, d, now).find((t) => t.Status !== 'COMPLETED');
  if (running?.Name === 'CREATING_READ_REPLICA_OF_SOURCE') return 'creating';
  if (running?.Name === 'DB_ENGINE_VERSION_UPGRADE') return 'upgrading';
  return 'available';
}

/** The global database's status and, while a switchover or failover runs, its `FailoverState`. */
export function globalStatus(state: AuroraState, now: number): { status: string; failover?: { status: string; from: string; to: string; dataLoss: boolean } } {
  const op = state.global.op;
  if (!op || now >= op.at + opDuration(op)) return { status: 'available' };
  const pending = now < op.at + (op.kind === 'switchover' ? SWITCHOVER_PENDING_MS : FAILOVER_PENDING_MS);
  const running = op.kind === 'switchover' ? 'switching-over' : 'failing-over';
  return { status: running, failover: { status: pending ? 'pending' : running, from: op.from, to: op.to, dataLoss: op.kind === 'failover' } };
}
