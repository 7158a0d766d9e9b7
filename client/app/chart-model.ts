import type { ScoreHistory } from '../api-types.ts';

export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A point where a team's score changed, in plot coordinates; the first is zero at the start. */
export interface ChartStep {
  x: number;
  y: number;
  score: number;
}

export interface ChartSeries {
  id: number;
  name: string;
  rank: number;
  /** SVG path data: a step line, as a score holds until its next change. */
  d: string;
  last: { x: number; y: number; score: number };
  steps: ChartStep[];
}

export interface ChartLayout {
  series: ChartSeries[];
  xTicks: Array<{ x: number; at: number }>;
  yTicks: Array<{ y: number; value: number }>;
  /** The plot area inside the box. */
  plot: { x0: number; x1: number; y0: number; y1: number };
  /** The time span on the x axis (epoch ms), for placing marks such as the freeze. */
  span: { start: number; end: number };
  hasPoints: boolean;
}

/** A round step (1, 2 or 5 × 10^n) that splits `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || count <= 0) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  const nice = unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}

const MINUTE = 60_000;
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 240, 480, 1440].map((m) => m * MINUTE);

/** A round time step (minutes to hours) that gives at most about `count` ticks. */
export function timeStep(spanMs: number, count: number): number {
  return TIME_STEPS.find((step) => spanMs / step <= count) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Scales the history into the box: one step path per team, axis ticks, the plot area. */
export function layoutChart(history: ScoreHistory, box: ChartBox): ChartLayout {
  const x0 = box.left;
  const x1 = box.width - box.right;
  const y0 = box.height - box.bottom;
  const y1 = box.top;
  const all = history.teams.flatMap((t) => t.points);
  const times = all.map(([at]) => Date.parse(at)).filter((n) => !Number.isNaN(n));
  const until = Date.parse(history.until);
  const start = history.startsAt ? Date.parse(history.startsAt) : Math.min(...times, until);
  let end = Math.max(Number.isNaN(until) ? start : until, ...times);
  if (!(end > start)) end = start + 10 * MINUTE;
  const scores = all.map(([, s]) => s);
  const minScore = Math.min(0, ...scores);
  const step = niceStep(Math.max(...scores, 0) - minScore || 100, 4);
  const top = Math.max(step, Math.ceil(Math.max(...scores, 0) / step) * step);
  const bottom = Math.floor(minScore / step) * step;
  const x = (t: number) => round(x0 + ((t - start) / (end - start)) * (x1 - x0));
  const y = (v: number) => round(y0 - ((v - bottom) / (top - bottom)) * (y0 - y1));

  const series = history.teams.map((team) => {
    const steps: ChartStep[] = [{ x: x(start), y: y(0), score: 0 }];
    for (const [at, value] of team.points) {
      const t = Date.parse(at);
      if (!Number.isNaN(t)) steps.push({ x: x(Math.max(start, t)), y: y(value), score: value });
    }
    const final = steps[steps.length - 1]!;
    return { id: team.id, name: team.name, rank: team.rank, d: stepPath(steps, x(end)), last: { x: x(end), y: final.y, score: final.score }, steps };
  });

  const yTicks: ChartLayout['yTicks'] = [];
  for (let v = bottom; v <= top + step / 2; v += step) yTicks.push({ y: y(v), value: v });
  const tStep = timeStep(end - start, 6);
  const xTicks: ChartLayout['xTicks'] = [];
  for (let t = Math.ceil(start / tStep) * tStep; t <= end; t += tStep) xTicks.push({ x: x(t), at: t });

  return { series, xTicks, yTicks, plot: { x0, x1, y0, y1 }, span: { start, end }, hasPoints: all.length > 0 };
}

/** Where a time falls on the x axis of a layout, clamped to the plot. */
export function xOf(layout: Pick<ChartLayout, 'plot' | 'span'>, t: number): number {
  const { plot, span } = layout;
  const share = Math.min(1, Math.max(0, (t - span.start) / (span.end - span.start)));
  return round(plot.x0 + share * (plot.x1 - plot.x0));
}

/** The step line through `steps` drawn as far as `untilX`: a line that grows as `untilX` moves right. */
export function stepPath(steps: readonly ChartStep[], untilX: number): string {
  const [first, ...rest] = steps;
  if (!first) return '';
  let d = `M${first.x},${first.y}`;
  for (const step of rest) {
    if (step.x > untilX) break;
    d += `H${step.x}V${step.y}`;
  }
  return `${d}H${Math.max(first.x, untilX)}`;
}

/** The head of a growing line at `x`: the last step reached, or the start. */
export function headAt(steps: readonly ChartStep[], x: number): ChartStep {
  let head = steps[0] ?? { x, y: 0, score: 0 };
  for (const step of steps) {
    if (step.x > x) break;
    head = step;
  }
  return head;
}

/**
 * Label centres near `wanted` (same order) at least `gap` apart and inside [`min`, `max`], each
 * moved as little as the others allow; equal wishes keep their input order top to bottom.
 * When they cannot all fit, the gap shrinks so they share the space evenly.
 */
export function spreadLabels(wanted: readonly number[], gap: number, min: number, max: number): number[] {
  const n = wanted.length;
  const step = n > 1 ? Math.min(gap, Math.max(0, max - min) / (n - 1)) : gap;
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const placed: number[] = [];
  order.forEach(({ y }, k) => {
    placed[k] = Math.max(Math.min(Math.max(y, min), max), k > 0 ? placed[k - 1]! + step : min);
  });
  for (let k = n - 1; k >= 0; k--) placed[k] = Math.min(placed[k]!, k < n - 1 ? placed[k + 1]! - step : max);
  const out: number[] = new Array(n);
  order.forEach(({ i }, k) => {
    out[i] = round(placed[k]!);
  });
  return out;
}

/**
 * Colours (palette indexes) by team id that stay with a team when ranks change: teams still
 * shown keep theirs, newcomers take the first colour nobody shown is using.
 */
export function assignColours(previous: ReadonlyMap<number, number>, ids: readonly number[], paletteSize: number): Map<number, number> {
  const next = new Map<number, number>();
  for (const id of ids) {
    const kept = previous.get(id);
    if (kept !== undefined && ![...next.values()].includes(kept)) next.set(id, kept);
  }
  for (const id of ids) {
    if (next.has(id)) continue;
    const used = new Set(next.values());
    let colour = 0;
    while (used.has(colour) && colour < paletteSize - 1) colour++;
    next.set(id, colour);
  }
  return next;
}
