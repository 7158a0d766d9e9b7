import fs from 'node:fs';
import autocannon from 'autocannon';
import type { LoadPlan, LoadResult } from './load.ts';

/**
 * The load generator, run as its own process (never inside the server's): reads a plan,
 * drives autocannon against it and writes the result as JSON to the given file.
 */
const [planFile, resultFile] = process.argv.slice(2);
if (!planFile || !resultFile) throw new Error('usage: load-child.ts PLAN.json RESULT.json');
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8')) as LoadPlan;

let next = 0;
let exhausted = false;
const tally: Record<string, number> = {};

function requestOptions() {
  const list = plan.requests;
  if (!list) {
    const { method, path, cookie, body, headers } = plan.single!;
    return [{ method, path, headers: { ...headers, ...(cookie && { cookie }), ...(body && { 'content-type': 'application/json' }) }, ...(body && { body }) }];
  }
  return [
    {
      setupRequest: (req: Record<string, unknown>) => {
        if (next >= list.length) {
          if (!plan.cycle) exhausted = true;
          next = 0;
        }
        const [method, path, cookieIndex, body] = list[next++]!;
        req.method = method;
        req.path = path;
        const headers: Record<string, string> = {};
        if (cookieIndex !== null) headers.cookie = plan.cookies![cookieIndex]!;
        if (body !== null) {
          headers['content-type'] = 'application/json';
          req.body = body;
        }
        req.headers = headers;
        return req;
      },
      ...(plan.tally && {
        onResponse: (status: number, body: string) => {
          let key = String(status);
          if (status === 200) {
            const r = JSON.parse(body) as { correct?: boolean; alreadySolved?: boolean };
            key = r.correct ? (r.alreadySolved ? 'correct-again' : 'first-solve') : 'wrong';
          }
          tally[key] = (tally[key] ?? 0) + 1;
        },
      }),
    },
  ];
}

async function run(durationSec: number) {
  const instance = autocannon({ url: plan.url, connections: plan.connections, duration: durationSec, requests: requestOptions(), timeout: 20 });
  const timer = setInterval(() => {
    if (exhausted) instance.stop();
  }, 50);
  const result = await instance;
  clearInterval(timer);
  return result;
}

if (plan.warmupSec) {
  await run(plan.warmupSec);
  for (const key of Object.keys(tally)) delete tally[key];
}
// The parent reads CPU counters at these marks, so the warm-up is not counted.
process.stdout.write('measure-start\n');
const result = await run(plan.durationSec);
process.stdout.write('measure-end\n');
const out: LoadResult = {
  requests: result.requests.total,
  durationSec: result.duration,
  rps: result.requests.total / result.duration,
  p50: result.latency.p50,
  p90: result.latency.p90,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, Number((v as { count: number }).count)])),
  tally,
  exhausted,
};
fs.writeFileSync(resultFile, JSON.stringify(out));
