/**
 * The metrics the payments system publishes, minute by minute, computed from the scenario:
 * ALB request count, target 5xx, target response time and healthy hosts per AZ (and for the
 * whole load balancer), and the per-AZ CloudWatch Synthetics canary that probes the primary
 * database. Nothing is stored: a minute's values are a function of the team's seed, the lab's
 * start and the zonal shifts in force then.
 */
import { LAB_REGION, type LabCallContext } from '../lab.ts';
import type { Dimension, MetricSeries, MetricSource, Sample } from '../aws/cloudwatch.ts';
import { activeShiftAt, canaryName, type GrayState, HISTORY_MINUTES, type Scenario, scenario, type Zone } from './gray.model.ts';

const MINUTE = 60_000;
export const ALB_NAMESPACE = 'AWS/ApplicationELB';
export const CANARY_NAMESPACE = 'CloudWatchSynthetics';
const HOSTS_PER_AZ = 4;
const REQUESTS_PER_AZ_MINUTE = 1_200;

/** The story, in minutes relative to the lab's start: when each episode begins and ends. */
export const EPISODES = {
  regionBlip: [-150, -144],
  dbFailover: [-95, -92],
  decoyBrownout: [-70, -55],
  sickFrom: -40,
} as const;

type Kind = 'requests' | 'errors' | 'latency' | 'hosts' | 'success' | 'duration';

interface Conditions {
  errorRate: number;
  latency: number;
  canarySuccess: number;
  canaryMs: number;
}

function within(minute: number, [from, to]: readonly [number, number]): boolean {
  return minute >= from && minute < to;
}

/** What an AZ looks like in a given minute of the story. */
function conditions(sc: Scenario, zone: Zone, minute: number): Conditions {
  if (within(minute, EPISODES.dbFailover)) return { errorRate: 0.08, latency: 0.6, canarySuccess: 0, canaryMs: 5_000 };
  if (within(minute, EPISODES.regionBlip)) return { errorRate: 0.04, latency: 0.35, canarySuccess: 100, canaryMs: 220 };
  if (zone.id === sc.sick.id && minute >= EPISODES.sickFrom) return { errorRate: 0.06, latency: 1.2, canarySuccess: 66.7, canaryMs: 2_400 };
  if (zone.id === sc.decoy.id && within(minute, EPISODES.decoyBrownout)) return { errorRate: 0.003, latency: 0.9, canarySuccess: 100, canaryMs: 190 };
  return { errorRate: 0.001, latency: 0.08, canarySuccess: 100, canaryMs: 180 };
}

/** A deterministic value in [0, 1) for one team, AZ, metric and minute. */
function noise(seed: number, zone: number, kind: number, minute: number): number {
  let h = (seed ^ Math.imul(zone + 1, 0x9e3779b1) ^ Math.imul(kind + 7, 0x85ebca77) ^ Math.imul(minute, 0xc2b2ae3d)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4_294_967_296;
}

interface SeriesKey extends MetricSeries {
  kind: Kind;
  /** The AZ, or undefined for the load balancer as a whole. */
  zone: Zone | undefined;
}

function one(value: number): Sample {
  return { sum: value, count: 1, min: value, max: value };
}

export function grayMetrics(state: GrayState, ctx: LabCallContext): MetricSource {
  const sc = scenario(ctx.team.seed, ctx.team.accountId, LAB_REGION);
  const seed = ctx.team.seed.readUInt32BE(4);
  const startMinute = Math.floor(state.createdAt / MINUTE);
  const lb: Dimension = { Name: 'LoadBalancer', Value: sc.lbDimension };
  const series: SeriesKey[] = [];
  const alb: [string, Kind, string][] = [
    ['RequestCount', 'requests', 'Count'],
    ['HTTPCode_Target_5XX_Count', 'errors', 'Count'],
    ['TargetResponseTime', 'latency', 'Seconds'],
    ['HealthyHostCount', 'hosts', 'Count'],
  ];
  for (const [name, kind, unit] of alb) {
    series.push({ namespace: ALB_NAMESPACE, name, kind, unit, zone: undefined, dimensions: [lb] });
    for (const zone of sc.zones) {
      series.push({ namespace: ALB_NAMESPACE, name, kind, unit, zone, dimensions: [lb, { Name: 'AvailabilityZone', Value: zone.name }] });
    }
  }
  for (const zone of sc.zones) {
    const dims = [{ Name: 'CanaryName', Value: canaryName(zone) }];
    series.push({ namespace: CANARY_NAMESPACE, name: 'SuccessPercent', kind: 'success', unit: 'Percent', zone, dimensions: dims });
    series.push({ namespace: CANARY_NAMESPACE, name: 'Duration', kind: 'duration', unit: 'Milliseconds', zone, dimensions: dims });
  }

  /** Requests, errors and latency of one AZ in one minute, after any zonal shift in force. */
  const traffic = (zone: Zone, at: number) => {
    const minute = Math.floor(at / MINUTE) - startMinute;
    const shift = activeShiftAt(state, at);
    const shiftedAway = shift !== undefined && sc.zones.some((z) => z.id === shift.awayFrom);
    const share = !shiftedAway ? 1 : shift?.awayFrom === zone.id ? 0 : 1.5;
    const c = conditions(sc, zone, minute);
    const absolute = minute + startMinute;
    const requests = Math.round(REQUESTS_PER_AZ_MINUTE * share * (0.95 + 0.1 * noise(seed, zone.index, 0, absolute)));
    const errors = Math.round(requests * c.errorRate * (0.8 + 0.4 * noise(seed, zone.index, 1, absolute)));
    const latency = c.latency * (0.9 + 0.2 * noise(seed, zone.index, 2, absolute));
    return { requests, errors, latency, c, absolute };
  };

  const azSample = (s: SeriesKey, zone: Zone, at: number): Sample | undefined => {
    const t = traffic(zone, at);
    switch (s.kind) {
      case 'requests':
        return one(t.requests);
      case 'errors':
        return t.requests === 0 ? undefined : one(t.errors);
      case 'latency':
        return t.requests === 0 ? undefined : { sum: t.latency * t.requests, count: t.requests, min: t.latency * 0.4, max: t.latency * 3 };
      case 'hosts':
        return one(HOSTS_PER_AZ);
      case 'success':
        return one(t.c.canarySuccess);
      default:
        return one(Math.round(t.c.canaryMs * (0.9 + 0.2 * noise(seed, zone.index, 3, t.absolute))));
    }
  };

  return {
    series,
    from: (startMinute - HISTORY_MINUTES) * MINUTE,
    to: Math.floor(ctx.now.getTime() / MINUTE) * MINUTE,
    resolutionMs: MINUTE,
    sample(s, at) {
      const key = s as SeriesKey;
      if (key.zone) return azSample(key, key.zone, at);
      // The load balancer as a whole: the AZs folded together.
      let agg: Sample | undefined;
      for (const zone of sc.zones) {
        const v = azSample(key, zone, at);
        if (!v) continue;
        agg = agg ? { sum: agg.sum + v.sum, count: agg.count + v.count, min: Math.min(agg.min, v.min), max: Math.max(agg.max, v.max) } : v;
      }
      if (agg && (key.kind === 'requests' || key.kind === 'errors' || key.kind === 'hosts')) return { ...agg, count: 1, min: agg.sum, max: agg.sum };
      return agg;
    },
  };
}
