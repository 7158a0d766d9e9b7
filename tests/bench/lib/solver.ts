import { attemptPath } from './answers.ts';
import type { PairPool } from './event.ts';
import { api } from './http.ts';
import { percentile } from './report.ts';

/**
 * A steady stream of first solves (distinct team × task pairs), spread over the given
 * instances: the "while solves stream in" of the scoreboard figures.
 */
export function startSolver(urls: string[], pairs: PairPool, perSecond: number): { stop(): Promise<{ sent: number; solved: number }> } {
  let sent = 0;
  let solved = 0;
  let stopped = false;
  const inflight = new Set<Promise<void>>();
  const tickMs = 20;
  let carry = 0;
  const timer = setInterval(() => {
    carry += (perSecond * tickMs) / 1000;
    const batch = pairs.take(Math.floor(carry));
    carry -= Math.floor(carry);
    for (const pair of batch) {
      const url = urls[sent % urls.length]!;
      sent += 1;
      const p = api(url, 'POST', attemptPath(pair.task), { answer: pair.task.correct }, pair.cookie)
        .then((res) => {
          if (res.status === 200 && res.body.correct && !res.body.alreadySolved) solved += 1;
        })
        .catch(() => {})
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
  }, tickMs);
  return {
    async stop() {
      if (!stopped) clearInterval(timer);
      stopped = true;
      await Promise.all(inflight);
      return { sent, solved };
    },
  };
}

export interface StalenessResult {
  samples: number[];
  failures: number;
}

/**
 * How stale `GET /api/scoreboard` is: a team on the first page solves a task (on `writeUrl`);
 * from the moment the attempt was acknowledged (committed), the page is polled on `readUrl`
 * until the team's new score shows. The probe teams (from the middle of the first page, so
 * they stay on it) are kept out of every other load, so only the probe moves their scores.
 * Repeats every `everyMs` until stopped.
 */
export async function startStalenessProbe(writeUrl: string, readUrl: string, pairs: PairPool, everyMs = 500): Promise<{ stop(): Promise<StalenessResult> }> {
  const samples: number[] = [];
  let failures = 0;
  let stopped = false;
  const board = await api(readUrl, 'GET', '/api/scoreboard');
  const probeTeams = (board.body.teams as { id: number }[]).slice(30, 60).map((t) => t.id);
  pairs.reserve(probeTeams);
  let round = 0;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      try {
        const sample = await probeOnce(writeUrl, readUrl, pairs, probeTeams, (round += 1));
        if (sample === undefined) failures += 1;
        else samples.push(sample);
      } catch {
        failures += 1;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { samples, failures };
    },
  };
}

async function probeOnce(writeUrl: string, readUrl: string, pairs: PairPool, probeTeams: number[], round: number): Promise<number | undefined> {
  const board = await api(readUrl, 'GET', '/api/scoreboard');
  const teams = board.body.teams as { id: number; score: number }[];
  for (let k = 0; k < probeTeams.length; k += 1) {
    const id = probeTeams[(round + k) % probeTeams.length]!;
    const team = teams.find((t) => t.id === id);
    const pair = team && pairs.takeForTeam(id);
    if (!pair) continue;
    const res = await api(writeUrl, 'POST', attemptPath(pair.task), { answer: pair.task.correct }, pair.cookie);
    const committed = performance.now();
    if (res.status !== 200 || !res.body.correct || res.body.alreadySolved) return undefined;
    const target = team.score + (res.body.awarded as number);
    for (;;) {
      const page = await api(readUrl, 'GET', '/api/scoreboard');
      const now = performance.now();
      const seen = (page.body.teams as { id: number; score: number }[]).find((t) => t.id === team.id);
      if (seen && seen.score >= target) return now - committed;
      if (now - committed > 10_000) return now - committed;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return undefined;
}

export function summarise(samples: number[]): { p50: number; p99: number; max: number } {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(...samples) };
}
