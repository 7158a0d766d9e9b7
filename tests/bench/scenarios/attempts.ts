import type { BenchTask } from '../lib/answers.ts';
import { attemptRequests, type BenchEvent } from '../lib/event.ts';
import type { LoadResult } from '../lib/load.ts';
import { loadValue, type Report } from '../lib/report.ts';
import { runOnAll } from './reads.ts';
import type { BenchSettings } from './settings.ts';

interface Item {
  cookie: string;
  task: BenchTask;
  answer: unknown;
}

/** Deals a list out to the instances, alternately. */
function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p));
}

async function drive(event: BenchEvent, items: Item[], settings: BenchSettings, cycle: boolean): Promise<LoadResult> {
  const urls = event.servers.map((s) => s.url);
  const parts = split(items, urls.length);
  return runOnAll(
    urls,
    (_url, i) => ({
      ...attemptRequests(parts[i]!),
      cycle,
      tally: true,
      connections: Math.max(1, Math.round(settings.attemptConnections / urls.length)),
      durationSec: settings.durationSec,
      warmupSec: settings.warmupSec,
    }),
    event.cpu,
  );
}

function problems(r: LoadResult, expected: string): string | undefined {
  const other = Object.entries(r.tally).filter(([k]) => k !== expected);
  const parts = other.map(([k, v]) => `${v} ${k}`);
  if (r.errors > 0) parts.push(`${r.errors} connection errors`);
  if (r.exhausted) parts.push('ran out of prepared requests');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * (2) Attempts on real PostgreSQL with durable commits (or PGlite): first correct answers
 * on distinct team × task pairs; wrong answers dealt over teams, members and tasks so that
 * neither rate limit (10 a minute per team and task, 60 a minute per player) caps them;
 * correct answers again on pairs already solved.
 */
export async function measureAttempts(
  event: BenchEvent,
  group: string,
  report: Report,
  settings: BenchSettings,
): Promise<{ first: LoadResult; wrong: LoadResult }> {
  const { teams, tasks } = event.seed;
  const seconds = settings.durationSec + settings.warmupSec;

  const firstPairs = event.pairs.take(Math.round(8000 * seconds));
  const first = await drive(
    event,
    firstPairs.map((p) => ({ cookie: p.cookie, task: p.task, answer: p.task.correct })),
    settings,
    false,
  );
  const firstIssue = problems(first, 'first-solve');
  report.add({
    group,
    name: 'first correct attempts (distinct team × task)',
    value: loadValue(first),
    target: '≥ 4,000/s, p99 ≤ 25 ms',
    pass: first.rps >= 4000 && first.p99 <= 25 && !firstIssue,
    note: firstIssue,
  });

  const wrongTasks = tasks.filter((t) => t.wrong !== undefined);
  const wrong: Item[] = [];
  for (let round = 0; wrong.length < 20_000 * seconds; round += 1) {
    teams.forEach((team, t) => {
      const task = wrongTasks[(round + t) % wrongTasks.length]!;
      wrong.push({ cookie: team.cookies[round % team.cookies.length]!, task, answer: task.wrong });
    });
  }
  const wrongResult = await drive(event, wrong, settings, false);
  const wrongIssue = problems(wrongResult, 'wrong');
  report.add({
    group,
    name: 'wrong attempts (spread over teams and tasks)',
    value: loadValue(wrongResult),
    target: '≥ 10,000/s',
    pass: wrongResult.rps >= 10_000 && !wrongIssue,
    note: wrongIssue,
  });

  // Every pair solved before the run (the seeded solves) once, round robin over the teams;
  // the list repeats as a whole, so no pair comes back before all the others did.
  const again: Item[] = [];
  const solved = teams.map((team) => [...team.solved]);
  const most = Math.max(...solved.map((list) => list.length));
  for (let round = 0; round < most; round += 1) {
    teams.forEach((team, t) => {
      const index = solved[t]![round];
      if (index === undefined) return;
      const task = tasks[index]!;
      again.push({ cookie: team.cookies[round % team.cookies.length]!, task, answer: task.correct });
    });
  }
  const dup = await drive(event, again, settings, true);
  const dupIssue = problems(dup, 'correct-again');
  report.add({
    group,
    name: 'duplicate correct attempts (already solved)',
    value: loadValue(dup),
    target: `no slower than first solves (≥ ${Math.round(first.rps)}/s)`,
    pass: dup.rps >= first.rps && !dupIssue,
    note: dupIssue,
  });
  return { first, wrong: wrongResult };
}
