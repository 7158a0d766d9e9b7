/**
 * The DynamoDB right-sizing lab's state and traffic (pure). The team's table `jam-orders`
 * runs in on-demand mode under a steady, daily-cycled load; CloudWatch holds its consumed
 * capacity, one sample an hour, for the 14 days before the lab started and on from there.
 *
 * The traffic is the same for every team and depends only on the hour of the week (JST), so
 * any 14 whole days hold the same totals and the same busiest hour: the cost a team computes
 * is the same whenever it starts, and a number task can have one key.
 */
import { z } from 'zod';

export const LAB_NAME = 'dynamodb-right-size';
export const TABLE_NAME = 'jam-orders';
export const HOUR = 3_600_000;
export const HISTORY_HOURS = 14 * 24;
/** How long a capacity change keeps the table UPDATING (AWS takes minutes; the lab keeps it short). */
export const UPDATE_MS = 5_000;
/** Switches to on-demand allowed in a rolling 24 hours, as DynamoDB documents. */
export const SWITCHES_TO_ON_DEMAND_PER_DAY = 4;
export const MAX_CAPACITY_UNITS = 40_000;

/** The price sheet the tasks give (us-east-1, after the November 2024 on-demand price cut). */
export const PRICES = {
  wcuHour: 0.00065,
  rcuHour: 0.00013,
  perMillionWrites: 0.625,
  perMillionReads: 0.125,
  monthHours: 720,
} as const;

export const DynamoStateSchema = z.object({
  v: z.literal(1),
  createdAt: z.number(),
  billingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']),
  readCapacity: z.number().int(),
  writeCapacity: z.number().int(),
  /** The table is UPDATING until then. */
  updatingUntil: z.number(),
  lastToOnDemand: z.number().nullable(),
  /** When the table was switched to on-demand, newest last, for the daily limit. */
  toOnDemand: z.array(z.number()).max(SWITCHES_TO_ON_DEMAND_PER_DAY),
  lastIncrease: z.number().nullable(),
  lastDecrease: z.number().nullable(),
  decreases: z.array(z.number()).max(30),
});

export type DynamoState = z.infer<typeof DynamoStateSchema>;

export function initialDynamoState(now: number): DynamoState {
  return {
    v: 1,
    createdAt: now,
    billingMode: 'PAY_PER_REQUEST',
    readCapacity: 0,
    writeCapacity: 0,
    updatingUntil: 0,
    lastToOnDemand: now - 200 * 86_400_000,
    toOnDemand: [],
    lastIncrease: null,
    lastDecrease: null,
    decreases: [],
  };
}

/** Orders by JST hour of day: quiet at night, a lunch bump, the peak in the evening. */
const DAILY = [
  0.38, 0.32, 0.28, 0.26, 0.27, 0.32, 0.45, 0.6, 0.72, 0.78, 0.82, 0.9, 1.0, 0.95, 0.85, 0.8, 0.82, 0.88, 0.97, 1.08, 1.15, 1.05, 0.8, 0.55,
] as const;
const WRITES_PER_SECOND = 300;
const READS_PER_WRITE = 4;

/** A fixed value in [-1, 1) per hour of the week: the same for every team. */
function wobble(hourOfWeek: number, salt: number): number {
  let h = Math.imul(hourOfWeek + 1, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (((h ^ (h >>> 16)) >>> 0) / 4_294_967_296) * 2 - 1;
}

/** Capacity units consumed per second, on average, in the hour that starts at `hourStart` (epoch ms). */
export function consumedPerSecond(hourStart: number): { reads: number; writes: number } {
  // Epoch hour 0 was a Thursday 09:00 JST; shift so that 0 is Monday 00:00 JST.
  const hourOfWeek = (((Math.floor(hourStart / HOUR) + 9 + 72) % 168) + 168) % 168;
  const day = Math.floor(hourOfWeek / 24);
  const weekend = day >= 5 ? 0.88 : 1;
  const base = WRITES_PER_SECOND * (DAILY[hourOfWeek % 24] ?? 1) * weekend;
  const writes = Math.round(base * (1 + 0.03 * wobble(hourOfWeek, 1)) * 10) / 10;
  const reads = Math.round(base * READS_PER_WRITE * (1 + 0.04 * wobble(hourOfWeek, 2)) * 10) / 10;
  return { reads, writes };
}

/** The 14 days of history before the lab started: whole hours, oldest first. */
export function historyHours(createdAt: number): number[] {
  const end = Math.floor(createdAt / HOUR) * HOUR;
  return Array.from({ length: HISTORY_HOURS }, (_, i) => end - (HISTORY_HOURS - i) * HOUR);
}

/** What the tasks ask the team to compute, from the same traffic. */
export function costs(createdAt: number) {
  const hours = historyHours(createdAt).map(consumedPerSecond);
  const totalReads = hours.reduce((s, h) => s + h.reads * 3_600, 0);
  const totalWrites = hours.reduce((s, h) => s + h.writes * 3_600, 0);
  const peakReads = Math.max(...hours.map((h) => h.reads));
  const peakWrites = Math.max(...hours.map((h) => h.writes));
  const scale = (PRICES.monthHours / 24 / 14) as number;
  const onDemand = ((totalWrites * scale) / 1e6) * PRICES.perMillionWrites + ((totalReads * scale) / 1e6) * PRICES.perMillionReads;
  return { totalReads, totalWrites, peakReads, peakWrites, onDemand };
}

/** The monthly price of a provisioned table with these capacities. */
export function provisionedMonthly(readCapacity: number, writeCapacity: number): number {
  return (readCapacity * PRICES.rcuHour + writeCapacity * PRICES.wcuHour) * PRICES.monthHours;
}

export function tableStatus(state: DynamoState, now: number): 'ACTIVE' | 'UPDATING' {
  return state.updatingUntil > now ? 'UPDATING' : 'ACTIVE';
}
