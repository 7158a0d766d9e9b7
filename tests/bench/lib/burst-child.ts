import fs from 'node:fs';
import http from 'node:http';

/**
 * The start burst, as players would make it, from its own process: every team's captain
 * joins the event and creates the team while the three others join the event and then the
 * team with its join code, all teams at once over a pool of keep-alive connections. Writes
 * the timings per kind of request as JSON to the result file.
 */
interface Spec {
  url: string;
  eventCode: string;
  teams: number;
  teamSize: number;
  sockets: number;
  resultFile: string;
}

export interface BurstResult {
  seconds: number;
  latencies: Record<string, number[]>;
  failures: Record<string, number>;
  teamsFormed: number;
  playersJoined: number;
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const { hostname, port } = new URL(spec.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.sockets });
const latencies: Record<string, number[]> = { join: [], 'create team': [], 'join team': [] };
const failures: Record<string, number> = {};

function post(kind: string, path: string, body: unknown, cookie?: string): Promise<{ status: number; body: any; cookie?: string }> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        hostname,
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(cookie && { cookie }) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) latencies[kind]!.push(performance.now() - started);
          else failures[`${kind} ${status}`] = (failures[`${kind} ${status}`] ?? 0) + 1;
          const setCookie = res.headers['set-cookie']?.find((c) => c.startsWith('jam_player='))?.split(';')[0];
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = text;
          }
          resolve({ status, body: parsed, ...(setCookie && { cookie: setCookie }) });
        });
      },
    );
    req.on('error', (error) => {
      failures[`${kind} ${error.message}`] = (failures[`${kind} ${error.message}`] ?? 0) + 1;
      resolve({ status: 0, body: undefined });
    });
    req.end(payload);
  });
}

const join = (name: string, i: number) => post('join', '/api/join', { eventCode: spec.eventCode, displayName: name, language: i % 3 === 0 ? 'ja' : 'en' });

async function formTeam(t: number): Promise<number> {
  const members = Array.from({ length: spec.teamSize - 1 }, (_, m) => join(`Burst ${t + 1}-${m + 2}`, t + m));
  const captain = await join(`Burst ${t + 1}-1`, t);
  if (!captain.cookie) return 0;
  const created = await post('create team', '/api/teams', { name: `Burst Team ${t + 1}` }, captain.cookie);
  const joinCode = created.body?.team?.joinCode as string | undefined;
  let size = created.status === 201 ? 1 : 0;
  for (const member of await Promise.all(members)) {
    if (!member.cookie || !joinCode) continue;
    const joined = await post('join team', '/api/teams/join', { joinCode }, member.cookie);
    if (joined.status === 200) size += 1;
  }
  return size;
}

const started = performance.now();
const sizes = await Promise.all(Array.from({ length: spec.teams }, (_, t) => formTeam(t)));
const result: BurstResult = {
  seconds: (performance.now() - started) / 1000,
  latencies,
  failures,
  teamsFormed: sizes.filter((s) => s === spec.teamSize).length,
  playersJoined: latencies.join!.length,
};
fs.writeFileSync(spec.resultFile, JSON.stringify(result));
agent.destroy();
