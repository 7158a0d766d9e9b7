import fs from 'node:fs';
import http from 'node:http';

/**
 * Players acting without pauses, from their own process: each player, on its instance,
 * picks a task at random and unlocks one of its clues, answers it wrong or answers it right,
 * again and again until the time is up. Writes the answers by status, the bodies of any
 * 5xx and the latencies as JSON to the result file.
 */
export interface StressSpec {
  urls: string[];
  /** One per player: its cookie; player i talks to urls[i % urls.length]. */
  cookies: string[];
  tasks: { path: string; right: unknown; wrong: unknown; clues: number }[];
  durationSec: number;
  resultFile: string;
}

export interface StressResult {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  /** By kind of request (clue, right, wrong) and status. */
  byKind: Record<string, number>;
  serverErrors: string[];
  latencies: number[];
}

const spec = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as StressSpec;
const agents = spec.urls.map(() => new http.Agent({ keepAlive: true, maxSockets: spec.cookies.length }));
const statuses: Record<string, number> = {};
const byKind: Record<string, number> = {};
const serverErrors: string[] = [];
const latencies: number[] = [];

function post(player: number, path: string, body: unknown): Promise<number> {
  const target = new URL(spec.urls[player % spec.urls.length]!);
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        hostname: target.hostname,
        port: target.port,
        path,
        method: 'POST',
        agent: agents[player % agents.length],
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie: spec.cookies[player]! },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          latencies.push(performance.now() - started);
          const status = res.statusCode ?? 0;
          if (status >= 500 && serverErrors.length < 20) serverErrors.push(`${status} ${path}: ${text.slice(0, 300)}`);
          resolve(status);
        });
      },
    );
    req.on('error', (error) => {
      if (serverErrors.length < 20) serverErrors.push(`connection ${path}: ${error.message}`);
      resolve(0);
    });
    req.end(payload);
  });
}

// A fixed seed per player: runs are comparable with each other.
function randomFor(player: number): () => number {
  let seed = 7919 * (player + 1);
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

async function play(player: number, end: number): Promise<void> {
  const random = randomFor(player);
  while (Date.now() < end) {
    const task = spec.tasks[Math.floor(random() * spec.tasks.length)]!;
    const roll = random();
    let kind: string;
    let status: number;
    if (roll < 0.25 && task.clues > 0) {
      kind = 'clue';
      status = await post(player, `${task.path}/clues/${1 + Math.floor(random() * task.clues)}`, {});
    } else {
      kind = roll < 0.55 ? 'right' : 'wrong';
      status = await post(player, `${task.path}/attempts`, { answer: kind === 'right' ? task.right : task.wrong });
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
    byKind[`${kind} ${status}`] = (byKind[`${kind} ${status}`] ?? 0) + 1;
  }
}

const started = performance.now();
const end = Date.now() + spec.durationSec * 1000;
await Promise.all(spec.cookies.map((_, player) => play(player, end)));
const result: StressResult = {
  requests: latencies.length,
  seconds: (performance.now() - started) / 1000,
  statuses,
  byKind,
  serverErrors,
  latencies,
};
fs.writeFileSync(spec.resultFile, JSON.stringify(result));
for (const agent of agents) agent.destroy();
