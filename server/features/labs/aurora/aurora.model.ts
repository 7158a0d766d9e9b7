/**
 * The `aurora-switchover` lab's state and the rules of time (pure). The team runs an Aurora
 * PostgreSQL global database, `jam-orders-global`: the primary cluster in Tokyo, a secondary in
 * Osaka, storage-level replication between them with a lag of a few hundred milliseconds under
 * a steady stream of commits. Beside it, a Regional cluster `jam-inventory` in Tokyo waits for
 * a major version upgrade.
 *
 * Nothing runs between calls: a switchover, a failover or a blue/green deployment is stored as
 * the moment it began, and `settle` folds in whatever has finished by the time of the call
 * (roles swapped, clusters renamed), exactly as if it had happened then.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LAB_NAME = 'aurora-switchover';
export const TOKYO = 'ap-northeast-1';
export const OSAKA = 'ap-northeast-3';
export const GLOBAL_ID = 'jam-orders-global';
export const INVENTORY = 'jam-inventory';
export const ENGINE = 'aurora-postgresql';
export const ORDERS_VERSION = '16.6';
export const INVENTORY_VERSION = '15.10';
/** What the task asks the upgrade to reach, and the parameter group the team prepared for it. */
export const UPGRADE_VERSION = '16.6';
export const UPGRADE_PARAMETER_GROUP = 'jam-inventory-pg16';

/** Lab durations: AWS takes minutes (a blue/green deployment much longer); the lab keeps a Jam moving. */
export const SWITCHOVER_MS = 20_000;
export const SWITCHOVER_PENDING_MS = 3_000;
export const FAILOVER_MS = 12_000;
export const FAILOVER_PENDING_MS = 2_000;
export const RESYNC_MS = 60_000;
export const BG_SWITCHOVER_MS = 10_000;
export const MAX_DEPLOYMENTS = 12;
export const MAX_CLUSTERS = 16;

const ClusterSchema = z.object({
  /** Stable through renames: `tokyo`, `osaka`, `inventory`, `green-1`, ... */
  key: z.string(),
  name: z.string(),
  region: z.string(),
  version: z.string(),
  parameterGroup: z.string(),
  /** Instance identifiers; the first is the writer. */
  instances: z.array(z.string()).max(4),
  createdAt: z.number(),
});

const GlobalOpSchema = z.object({
  kind: z.enum(['switchover', 'failover']),
  from: z.string(),
  to: z.string(),
  at: z.number(),
  /** Committed transactions the secondary had not received when a failover began. */
  lost: z.number().int(),
});

const DeploymentSchema = z.object({
  id: z.string(),
  name: z.string(),
  blue: z.string(),
  green: z.string(),
  targetVersion: z.string(),
  createdAt: z.number(),
  tags: z.array(z.object({ Key: z.string(), Value: z.string() })).max(10),
  switchover: z.object({ at: z.number(), timeout: z.number().int() }).nullable(),
  /** Set by `settle` once the switchover has completed and the names have moved. */
  switchedOver: z.boolean(),
});

export const AuroraStateSchema = z.object({
  v: z.literal(1),
  createdAt: z.number(),
  clusters: z.array(ClusterSchema).max(MAX_CLUSTERS),
  global: z.object({
    primary: z.string(),
    op: GlobalOpSchema.nullable(),
    /** When the writer changed, for the metrics: who wrote from then on. */
    roleChanges: z.array(z.object({ at: z.number(), primary: z.string() })).max(60),
    lost: z.number().int(),
    resync: z.object({ cluster: z.string(), until: z.number() }).nullable(),
  }),
  deployments: z.array(DeploymentSchema).max(MAX_DEPLOYMENTS),
  nextDeployment: z.number().int(),
});

export type AuroraState = z.infer<typeof AuroraStateSchema>;
export type ClusterState = z.infer<typeof ClusterSchema>;
export type GlobalOp = z.infer<typeof GlobalOpSchema>;
export type DeploymentState = z.infer<typeof DeploymentSchema>;

const DAY = 86_400_000;

export function initialAuroraState(now: number): AuroraState {
  return {
    v: 1,
    createdAt: now,
    clusters: [
      {
        key: 'tokyo',
        name: 'jam-orders-tokyo',
        region: TOKYO,
        version: ORDERS_VERSION,
        parameterGroup: 'jam-orders-pg16',
        instances: ['jam-orders-tokyo-1', 'jam-orders-tokyo-2'],
        createdAt: now - 400 * DAY,
      },
      {
        key: 'osaka',
        name: 'jam-orders-osaka',
        region: OSAKA,
        version: ORDERS_VERSION,
        parameterGroup: 'jam-orders-pg16',
        instances: ['jam-orders-osaka-1'],
        createdAt: now - 300 * DAY,
      },
      {
        key: 'inventory',
        name: INVENTORY,
        region: TOKYO,
        version: INVENTORY_VERSION,
        parameterGroup: 'jam-inventory-pg15',
        instances: ['jam-inventory-1', 'jam-inventory-2'],
        createdAt: now - 700 * DAY,
      },
    ],
    global: { primary: 'tokyo', op: null, roleChanges: [], lost: 0, resync: null },
    deployments: [],
    nextDeployment: 1,
  };
}

export const isGlobalMember = (key: string): boolean => key === 'tokyo' || key === 'osaka';

export function hex(seed: Buffer, label: string, length: number): string {
  return createHash('sha256').update(seed).update(label).digest('hex').slice(0, length);
}

/** A deterministic value in [0, 1) for a label and a time slot: the same for every team and instance. */
export function noise(label: number, slot: number): number {
  let h = (Math.imul(label + 11, 0x9e3779b1) ^ Math.imul(slot, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

/** Whether `at` falls in the nightly batch (01:00–01:30 JST), when the replication lag climbs. */
function inBatch(at: number): boolean {
  const minuteOfDay = Math.floor((at + 9 * 3_600_000) / 60_000) % 1_440;
  return minuteOfDay >= 60 && minuteOfDay < 90;
}

/** Storage replication lag to the secondary in milliseconds at `at`: typically well under a second. */
export function replicationLagMs(at: number): number {
  const slot = Math.floor(at / 10_000);
  return Math.round(220 + 180 * noise(1, slot) + (inBatch(at) ? 1_300 + 400 * noise(2, slot) : 0));
}

/** Commits a second on the primary at `at` (the orders workload never stops). */
export function commitRate(at: number): number {
  return Math.round(900 + 250 * noise(3, Math.floor(at / 10_000)));
}

/** The writer at `at`, from the role changes (before the first change, Tokyo). */
export function primaryAt(state: AuroraState, at: number): string {
  let primary = 'tokyo';
  for (const change of state.global.roleChanges) if (change.at <= at) primary = change.primary;
  return primary;
}

export function opDuration(op: GlobalOp): number {
  return op.kind === 'switchover' ? SWITCHOVER_MS : FAILOVER_MS;
}

export function findCluster(state: AuroraState, key: string): ClusterState | undefined {
  return state.clusters.find((c) => c.key === key);
}

/** The next free `-oldN` suffix for a blue cluster that a switchover retires. */
function oldSuffix(state: AuroraState, name: string): string {
  let n = 1;
  while (state.clusters.some((c) => c.name === `${name}-old${n}`)) n++;
  return `-old${n}`;
}

/** A blue/green switchover completed: green takes blue's names, blue gets `-oldN`. */
function swapNames(state: AuroraState, d: DeploymentState): AuroraState {
  const blue = findCluster(state, d.blue);
  const green = findCluster(state, d.green);
  if (!blue || !green) return state;
  const suffix = oldSuffix(state, blue.name);
  const clusters = state.clusters.map((c) => {
    if (c.key === green.key) return { ...c, name: blue.name, instances: [...blue.instances] };
    if (c.key === blue.key) return { ...c, name: `${blue.name}${suffix}`, instances: blue.instances.map((name) => `${name}${suffix}`) };
    return c;
  });
  return { ...state, clusters };
}

/** Folds in everything that has finished by `now`; returns the same object when nothing has. */
export function settle(state: AuroraState, now: number): AuroraState {
  let next = state;
  const op = next.global.op;
  if (op && op.at + opDuration(op) <= now) {
    const done = op.at + opDuration(op);
    next = {
      ...next,
      global: {
        primary: op.to,
        op: null,
        roleChanges: [...next.global.roleChanges, { at: done, primary: op.to }].slice(-60),
        lost: next.global.lost + op.lost,
        resync: op.kind === 'failover' ? { cluster: op.from, until: done + RESYNC_MS } : next.global.resync,
      },
    };
  }
  if (next.global.resync && next.global.resync.until <= now) next = { ...next, global: { ...next.global, resync: null } };
  for (const d of next.deployments) {
    if (d.switchover && !d.switchedOver && d.switchover.at + BG_SWITCHOVER_MS <= now) {
      next = swapNames(next, d);
      next = { ...next, deployments: next.deployments.map((x) => (x.id === d.id ? { ...x, switchedOver: true } : x)) };
    }
  }
  return next;
}
