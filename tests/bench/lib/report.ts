import os from 'node:os';
import { cpuPerRequest } from './cpu.ts';
import type { LoadResult } from './load.ts';

/** One printed figure: what was measured, its value, the target and whether it was met. */
export interface Figure {
  group: string;
  name: string;
  value: string;
  target: string;
  /** null when the figure has no target (a ceiling, a context value). */
  pass: boolean | null;
  note?: string;
}

export const ms = (v: number) => `${v < 10 ? v.toFixed(1) : Math.round(v)} ms`;
export const rate = (v: number) => `${Math.round(v).toLocaleString('en-US')}/s`;

/** The load figures of one run as "N/s, p50 x ms, p99 y ms". */
export function loadValue(r: Pick<LoadResult, 'rps' | 'p50' | 'p99' | 'cpu' | 'requests'>): string {
  const cpu = r.cpu ? `; ${cpuPerRequest(r.cpu, r.requests)}` : '';
  return `${rate(r.rps)}, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}${cpu}`;
}

/** Percentile of unsorted samples (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class Report {
  readonly figures: Figure[] = [];

  add(figure: Figure): void {
    this.figures.push(figure);
    const mark = figure.pass === null ? '    ' : figure.pass ? 'PASS' : 'MISS';
    const load = os.loadavg()[0]!.toFixed(1);
    console.log(
      `  ${mark}  ${figure.group} / ${figure.name}: ${figure.value}  (target ${figure.target}; load ${load})${figure.note ? `  [${figure.note}]` : ''}`,
    );
  }

  /** A scenario that could not run: printed and counted as a miss, never as a pass. */
  notMeasured(group: string, name: string, target: string, reason: string): void {
    this.add({ group, name, value: 'not measured', target, pass: false, note: reason });
  }

  print(): void {
    const rows = this.figures.map((f) => [f.pass === null ? '' : f.pass ? 'PASS' : 'MISS', `${f.group} / ${f.name}`, f.value, f.target]);
    const widths = [4, 0, 0, 0].map((w, i) => Math.max(w, ...rows.map((r) => r[i]!.length)));
    console.log('\nSummary');
    for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`);
    const missed = this.figures.filter((f) => f.pass === false).length;
    const passed = this.figures.filter((f) => f.pass === true).length;
    console.log(`\n${passed} met, ${missed} missed or not measured, ${this.figures.length - passed - missed} without a target`);
  }
}
