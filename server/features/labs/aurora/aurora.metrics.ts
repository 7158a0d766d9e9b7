/**
 * The global database's replication metrics in CloudWatch (`AWS/RDS`), computed from the time:
 * `AuroraGlobalDBReplicationLag` and `AuroraGlobalDBRPOLag` in milliseconds, per
 * `DBClusterIdentifier`, published for a secondary cluster only and in that cluster's Region,
 * as Aurora does. One sample a minute from three hours before the lab started; a cluster has
 * data only while it is a secondary (and in sync).
 */
import type { MetricSeries, MetricSource, Sample } from '../aws/cloudwatch.ts';
import type { LabCallContext } from '../lab.ts';
import { type AuroraState, isGlobalMember, noise, primaryAt, replicationLagMs, settle } from './aurora.model.ts';

export const RDS_NAMESPACE = 'AWS/RDS';
const MINUTE = 60_000;
const HISTORY_MS = 3 * 3_600_000;

interface LagSeries extends MetricSeries {
  cluster: string;
  rpo: boolean;
}

/** Whether `key` was a secondary in sync at `at`. */
function secondaryAt(state: AuroraState, key: string, at: number): boolean {
  if (primaryAt(state, at) === key) return false;
  const resync = state.global.resync;
  return !(resync && resync.cluster === key && at < resync.until);
}

function minuteOfLag(at: number, rpo: boolean): Sample {
  const values = Array.from({ length: 6 }, (_, i) => {
    const t = at + i * 10_000;
    return replicationLagMs(t) + (rpo ? Math.round(40 + 80 * noise(4, Math.floor(t / 10_000))) : 0);
  });
  return { sum: values.reduce((a, b) => a + b, 0), count: values.length, min: Math.min(...values), max: Math.max(...values) };
}

export function auroraMetrics(stored: AuroraState, ctx: LabCallContext): MetricSource {
  const now = ctx.now.getTime();
  const state = settle(stored, now);
  const from = Math.floor((state.createdAt - HISTORY_MS) / MINUTE) * MINUTE;
  const to = Math.floor(now / MINUTE) * MINUTE;
  // The writer before the first role change, then after each: a cluster that never was a secondary publishes nothing.
  const writers = new Set(['tokyo', ...state.global.roleChanges.map((c) => c.primary)]);
  const series: LagSeries[] = [];
  for (const c of state.clusters.filter((x) => isGlobalMember(x.key) && x.region === ctx.region)) {
    const everSecondary = c.key !== 'tokyo' || [...writers].some((w) => w !== c.key);
    if (!everSecondary) continue;
    for (const [name, rpo] of [
      ['AuroraGlobalDBReplicationLag', false],
      ['AuroraGlobalDBRPOLag', true],
    ] as const) {
      series.push({ namespace: RDS_NAMESPACE, name, unit: 'Milliseconds', dimensions: [{ Name: 'DBClusterIdentifier', Value: c.name }], cluster: c.key, rpo });
    }
  }
  return {
    series,
    from,
    to,
    resolutionMs: MINUTE,
    sample(s, at) {
      const lag = s as LagSeries;
      return secondaryAt(state, lag.cluster, at) ? minuteOfLag(at, lag.rpo) : undefined;
    },
  };
}
