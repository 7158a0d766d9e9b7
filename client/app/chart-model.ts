import type { ScoreHistory } from '../api-types.ts';

export interface ChartBox {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartSeries {
  id: number;
  name: string;
  rank: number;
  /** SVG path data: a step line, as a score holds until its next change. */
  d: string;
  last: { x: number; y: number; score: number };
}

export interface ChartLayout {
  series: ChartSeries[];
  xTicks: Array<{ x: number; at: number }>;
  yTicks: Array<{ y: number; value: number }>;
  /** The plot area inside the box. */
  plot: { x0: number; x1: number; y0: number; y1: number };
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
    let score = 0;
    let d = `M${x(start)},${y(0)}`;
    for (const [at, value] of team.points) {
      const t = Date.parse(at);
      if (Number.isNaN(t)) continue;
      d += `H${x(Math.max(start, t))}V${y(value)}`;
      score = value;
    }
    d += `H${x(end)}`;
    return { id: team.id, name: team.name, rank: team.rank, d, last: { x: x(end), y: y(score), score } };
  });

  const yTicks: ChartLayout['yTicks'] = [];
  for (let v = bottom; v <= top + step / 2; v += step) yTicks.push({ y: y(v), value: v });
  const tStep = timeStep(end - start, 6);
  const xTicks: ChartLayout['xTicks'] = [];
  for (let t = Math.ceil(start / tStep) * tStep; t <= end; t += tStep) xTicks.push({ x: x(t), at: t });

  return { series, xTicks, yTicks, plot: { x0, x1, y0, y1 }, hasPoints: all.length > 0 };
}
