/**
 * The gray-failure lab's state and scenario (pure). A payments ALB spans three AZs of
 * ap-northeast-1; in one of them (the team's own, from its seed) the path to the primary
 * database degrades: targets still pass their health checks, but requests fail and slow down
 * and the per-AZ canary to the database fails. Decoys: a Region-wide blip, a database
 * failover, and a short brownout in another AZ whose canary stays green.
 *
 * Times are epoch milliseconds; the scenario is a function of the state's `createdAt` and the
 * time of the call, so nothing is simulated between calls.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LAB_NAME = 'gray-failure-az';
export const LOAD_BALANCER_NAME = 'jam-payments';
export const TARGET_GROUP_NAME = 'jam-payments-api';
export const CANARY_PREFIX = 'payments-db-probe-';
export const ZONE_NAMES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'] as const;
const ZONE_IDS = ['apne1-az1', 'apne1-az2', 'apne1-az4'] as const;
/** Every account maps AZ names to IDs its own way; these are the six ways for three zones. */
const PERMUTATIONS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;
/** How far back the metrics go when the lab starts. */
export const HISTORY_MINUTES = 180;
/** Zonal shifts kept in the state, ended ones included. */
export const MAX_SHIFTS = 40;
export const MAX_SHIFT_MS = 72 * 3_600_000;

const ShiftSchema = z.object({
  id: z.string(),
  awayFrom: z.string(),
  comment: z.string(),
  startedAt: z.number(),
  expiresAt: z.number(),
  canceledAt: z.number().nullable(),
});

export const GrayStateSchema = z.object({
  v: z.literal(1),
  createdAt: z.number(),
  /** Attributes the team changed, by key; the rest keep their defaults. */
  lbAttributes: z.record(z.string(), z.string()),
  tgAttributes: z.record(z.string(), z.string()),
  shifts: z.array(ShiftSchema).max(MAX_SHIFTS),
  nextShift: z.number().int(),
});

export type GrayState = z.infer<typeof GrayStateSchema>;
export type ZonalShiftState = z.infer<typeof ShiftSchema>;

export function initialGrayState(now: number): GrayState {
  return { v: 1, createdAt: now, lbAttributes: {}, tgAttributes: {}, shifts: [], nextShift: 1 };
}

export interface Zone {
  name: string;
  id: string;
  /** Index in ZONE_NAMES: the order the load balancer lists them. */
  index: number;
}

/** The team's scenario: its AZ name → ID map, the impaired AZ and the decoy AZ, and its resource ids. */
export interface Scenario {
  zones: Zone[];
  sick: Zone;
  decoy: Zone;
  lbArn: string;
  lbDimension: string;
  tgArn: string;
  vpcId: string;
  subnets: string[];
  dnsName: string;
}

function hex(seed: Buffer, label: string, length: number): string {
  return createHash('sha256').update(seed).update(label).digest('hex').slice(0, length);
}

export function scenario(seed: Buffer, accountId: string, region: string): Scenario {
  const perm = PERMUTATIONS[(seed[0] ?? 0) % PERMUTATIONS.length] ?? PERMUTATIONS[0];
  const zones = ZONE_NAMES.map((name, index) => ({ name, id: ZONE_IDS[perm[index] ?? 0] ?? ZONE_IDS[0], index }));
  const sickIndex = (seed[1] ?? 0) % 3;
  const decoyIndex = (sickIndex + 1 + ((seed[2] ?? 0) % 2)) % 3;
  const lbId = hex(seed, 'lb', 16);
  return {
    zones,
    sick: zones[sickIndex] as Zone,
    decoy: zones[decoyIndex] as Zone,
    lbArn: `arn:aws:elasticloadbalancing:${region}:${accountId}:loadbalancer/app/${LOAD_BALANCER_NAME}/${lbId}`,
    lbDimension: `app/${LOAD_BALANCER_NAME}/${lbId}`,
    tgArn: `arn:aws:elasticloadbalancing:${region}:${accountId}:targetgroup/${TARGET_GROUP_NAME}/${hex(seed, 'tg', 16)}`,
    vpcId: `vpc-${hex(seed, 'vpc', 17)}`,
    subnets: zones.map((z) => `subnet-${hex(seed, `subnet-${z.name}`, 17)}`),
    dnsName: `${LOAD_BALANCER_NAME}-${BigInt(`0x${hex(seed, 'dns', 8)}`) % 10_000_000_000n}.${region}.elb.amazonaws.com`,
  };
}

export function canaryName(zone: Zone): string {
  return `${CANARY_PREFIX}${zone.id}`;
}

export type ShiftStatus = 'ACTIVE' | 'EXPIRED' | 'CANCELED';

export function shiftStatus(shift: ZonalShiftState, now: number): ShiftStatus {
  if (shift.canceledAt !== null && shift.canceledAt <= now) return 'CANCELED';
  return shift.expiresAt <= now ? 'EXPIRED' : 'ACTIVE';
}

/** The zonal shift in force at `at`, if any (ARC allows one per resource). */
export function activeShiftAt(state: GrayState, at: number): ZonalShiftState | undefined {
  return state.shifts.find((s) => s.startedAt <= at && s.expiresAt > at && (s.canceledAt === null || s.canceledAt > at));
}

export const LB_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'access_logs.s3.enabled': 'false',
  'deletion_protection.enabled': 'false',
  'idle_timeout.timeout_seconds': '60',
  'load_balancing.cross_zone.enabled': 'true',
  'routing.http2.enabled': 'true',
  'routing.http.drop_invalid_header_fields.enabled': 'false',
  'zonal_shift.config.enabled': 'false',
};

export const TG_ATTRIBUTE_DEFAULTS: Readonly<Record<string, string>> = {
  'deregistration_delay.timeout_seconds': '300',
  'load_balancing.algorithm.type': 'round_robin',
  'load_balancing.cross_zone.enabled': 'use_load_balancer_configuration',
  'slow_start.duration_seconds': '0',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
};

export function lbAttribute(state: GrayState, key: string): string | undefined {
  return state.lbAttributes[key] ?? LB_ATTRIBUTE_DEFAULTS[key];
}

export function tgAttribute(state: GrayState, key: string): string | undefined {
  return state.tgAttributes[key] ?? TG_ATTRIBUTE_DEFAULTS[key];
}

export function zonalShiftEnabled(state: GrayState): boolean {
  return lbAttribute(state, 'zonal_shift.config.enabled') === 'true';
}
