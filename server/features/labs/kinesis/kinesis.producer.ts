/**
 * The simulated producer: sensors writing to the team's stream without pause. Nothing of it
 * is stored. Its keys, rates and every record it wrote are a function of the team's seed and
 * the shard map, so reading a shard computes the records that are there, and an idle team
 * costs nothing however long it stays away.
 *
 * The load is skewed: eighteen busy sensors whose partition keys all hash into one half of
 * the key space (100 records/s each) and six quiet ones in the other half (50 records/s
 * each). The shard owning the busy half gets 1,800 records/s against its limit of 1,000, so
 * the producer is throttled there; split that shard near the middle of its range, or scale
 * the stream so that no shard carries more than 1,000 records/s, and it is not.
 */
import { hashKeyOf, type Position, SHARD_BYTES_PER_SECOND, SHARD_RECORDS_PER_SECOND, type ShardState } from './kinesis.model.ts';

export interface ProducerKey {
  key: string;
  hash: bigint;
  /** Records per second this sensor sends. */
  rate: number;
}

export interface LabRecord {
  position: Position;
  partitionKey: string;
  /** Base64, as the Kinesis API carries data. */
  data: string;
}

const BUSY_SENSORS = 18;
const BUSY_RATE = 100;
const QUIET_SENSORS = 6;
const QUIET_RATE = 50;
/** Size of one producer record as it is counted against a shard's byte limit. */
export const PRODUCER_RECORD_BYTES = 96;

const plans = new Map<0 | 1, ProducerKey[]>();

/** Which half of the key space (and so which of the two starting shards) is hot for a team. */
export function hotHalf(seed: Buffer): 0 | 1 {
  return ((seed[0] ?? 0) & 1) as 0 | 1;
}

/**
 * The sensors for a hot half: `sensor-<n>` names picked so that busy sensors sit evenly in
 * eighteen equal slices of the hot half (a split at any slice boundary divides the load in
 * proportion) and quiet ones in six slices of the other half.
 */
export function producerKeys(half: 0 | 1): ProducerKey[] {
  const cached = plans.get(half);
  if (cached) return cached;
  const halfSize = 1n << 127n;
  const slots: { lo: bigint; size: bigint; rate: number; key?: ProducerKey }[] = [];
  const hotStart = half === 0 ? 0n : halfSize;
  const coldStart = half === 0 ? halfSize : 0n;
  for (let i = 0; i < BUSY_SENSORS; i++)
    slots.push({ lo: hotStart + (halfSize * BigInt(i)) / BigInt(BUSY_SENSORS), size: halfSize / BigInt(BUSY_SENSORS), rate: BUSY_RATE });
  for (let i = 0; i < QUIET_SENSORS; i++)
    slots.push({ lo: coldStart + (halfSize * BigInt(i)) / BigInt(QUIET_SENSORS), size: halfSize / BigInt(QUIET_SENSORS), rate: QUIET_RATE });
  for (let n = 1; slots.some((s) => !s.key); n++) {
    const key = `sensor-${n}`;
    const hash = hashKeyOf(key);
    const slot = slots.find((s) => !s.key && hash >= s.lo && hash < s.lo + s.size);
    if (slot) slot.key = { key, hash, rate: slot.rate };
  }
  const keys = slots.map((s) => s.key as ProducerKey).sort((a, b) => (a.hash < b.hash ? -1 : 1));
  plans.set(half, keys);
  return keys;
}

export interface ShardLoad {
  /** Records per second the producer sends to the shard. */
  records: number;
  bytes: number;
  keys: ProducerKey[];
  throttled: boolean;
}

export function shardLoad(shard: Pick<ShardState, 'start' | 'end'>, keys: readonly ProducerKey[]): ShardLoad {
  const lo = BigInt(shard.start);
  const hi = BigInt(shard.end);
  const inside = keys.filter((k) => k.hash >= lo && k.hash <= hi);
  const records = inside.reduce((sum, k) => sum + k.rate, 0);
  const bytes = records * PRODUCER_RECORD_BYTES;
  return { records, bytes, keys: inside, throttled: records > SHARD_RECORDS_PER_SECOND || bytes > SHARD_BYTES_PER_SECOND };
}

/** Records per second the shard accepts from the producer: its load, capped by the limit. */
export function acceptedRate(load: ShardLoad): number {
  return Math.min(load.records, SHARD_RECORDS_PER_SECOND, Math.floor(SHARD_BYTES_PER_SECOND / PRODUCER_RECORD_BYTES));
}

export interface ProducerContext {
  keys: readonly ProducerKey[];
  /** When the stream (and the producer) started. */
  createdAt: number;
  /** The record that carries the team's flag: shard number and index in that shard. */
  flag?: { shard: number; index: number; value: string };
}

/**
 * The producer's records in `shard` at or after `from`, up to time `until` (inclusive),
 * at most `limit`. Record j of a shard arrived at openedAt + floor(j * 1000 / rate); the
 * sensors take turns in proportion to their rates.
 */
export function producerRecords(shard: ShardState, from: Position, until: number, limit: number, pc: ProducerContext): LabRecord[] {
  const load = shardLoad(shard, pc.keys);
  const rate = acceptedRate(load);
  if (rate === 0 || limit <= 0 || until < shard.openedAt) return [];
  const o = shard.openedAt;
  const timeOf = (j: number) => o + Math.floor((j * 1000) / rate);
  const firstAtOrAfter = (t: number) => (t <= o ? 0 : Math.ceil(((t - o) * rate) / 1000));
  const j0 = firstAtOrAfter(from.t);
  const j1 = firstAtOrAfter(from.t + 1);
  const start = from.kind === 0 ? Math.min(Math.max(j0, from.o), j1) : j1;
  const last = Math.ceil(((until - o + 1) * rate) / 1000) - 1;
  const cycle = weightedCycle(load.keys);
  const out: LabRecord[] = [];
  for (let j = start; j <= last && out.length < limit; j++) {
    out.push({ position: { t: timeOf(j), kind: 0, o: j }, ...recordAt(shard, j, cycle, load.records, rate, pc) });
  }
  return out;
}

interface CycleEntry {
  key: ProducerKey;
  /** Which turn of this key within one cycle. */
  turn: number;
  weight: number;
}

function weightedCycle(keys: readonly ProducerKey[]): CycleEntry[] {
  const weights = keys.map((k) => Math.max(1, Math.round(k.rate / QUIET_RATE)));
  const cycle: CycleEntry[] = [];
  for (let round = 0; round < Math.max(0, ...weights); round++) {
    keys.forEach((key, i) => {
      const weight = weights[i] ?? 1;
      if (round < weight) cycle.push({ key, turn: round, weight });
    });
  }
  return cycle;
}

function recordAt(
  shard: ShardState,
  j: number,
  cycle: CycleEntry[],
  offered: number,
  rate: number,
  pc: ProducerContext,
): { partitionKey: string; data: string } {
  const entry = cycle[j % cycle.length] as CycleEntry;
  const { key } = entry;
  // The sensor's own counter counts what it tried to send: where the shard throttled it, the
  // counter jumps, which is how a reader of the records sees that writes were lost.
  const accepted = Math.floor(j / cycle.length) * entry.weight + entry.turn;
  const before = Math.floor(((shard.openedAt - pc.createdAt) * key.rate) / 1000);
  const seq = before + Math.floor((accepted * offered) / rate);
  const body =
    pc.flag && pc.flag.shard === shard.n && pc.flag.index === j
      ? { sensor: key.key, seq, type: 'maintenance', note: 'Jamboree: your team flag', flag: pc.flag.value }
      : { sensor: key.key, seq, intervalMs: Math.round(1000 / key.rate), temperatureC: 18 + ((seq * 7919 + Number(key.hash % 1000n)) % 90) / 10 };
  return { partitionKey: key.key, data: Buffer.from(JSON.stringify(body)).toString('base64') };
}
