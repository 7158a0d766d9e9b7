import fs from 'node:fs';
import http from 'node:http';

/**
 * Many SSE clients in one process (not the server's): opens `count` streams on
 * `/api/stream`, each with its own player cookie and socket, and notes when each client
 * receives each `solve` event. Talks to the benchmark over IPC: `{ connected, failed }`
 * once all streams are open, then on `{ type: 'report' }` it answers with the receipt times
 * (epoch ms per solve key, one per client that got it) and exits.
 */
interface Spec {
  url: string;
  cookiesFile: string;
  count: number;
  wave: number;
}

const spec = JSON.parse(process.argv[2]!) as Spec;
const cookies = JSON.parse(fs.readFileSync(spec.cookiesFile, 'utf8')) as string[];
const receipts = new Map<string, number[]>();
const requests: http.ClientRequest[] = [];
let dropped = 0;
const HELLO = Buffer.from('event: hello\n');
const SOLVE = Buffer.from('event: solve\n');
const DATA = Buffer.from('data: ');
const NEWLINE = Buffer.from('\n');
const { hostname, port } = new URL(spec.url);

function open(index: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(
      { hostname, port, path: '/api/stream', agent: false, headers: { cookie: cookies[index % cookies.length]!, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          resolve(false);
          return;
        }
        // Bytes, not text: only the solve frames matter, and decoding and slicing every
        // 11 KB board as a string cost this process (on the server's machine) more than the
        // server spent sending it. A tail is carried over in case a marker is split.
        let carry: Buffer | undefined;
        let ready = false;
        res.on('data', (chunk: Buffer) => {
          const buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
          carry = undefined;
          if (!ready && buffer.includes(HELLO)) {
            ready = true;
            resolve(true);
          }
          let from = 0;
          for (let at = buffer.indexOf(SOLVE, from); at !== -1; at = buffer.indexOf(SOLVE, from)) {
            const start = buffer.indexOf(DATA, at);
            const end = start === -1 ? -1 : buffer.indexOf(NEWLINE, start);
            if (end === -1) {
              carry = Buffer.from(buffer.subarray(at));
              return;
            }
            const solve = JSON.parse(buffer.toString('utf8', start + DATA.length, end)) as { teamId: number; taskId: string; challengeId: string };
            const key = `${solve.teamId}/${solve.challengeId}/${solve.taskId}`;
            const list = receipts.get(key) ?? [];
            list.push(Date.now());
            receipts.set(key, list);
            from = end;
          }
          carry = Buffer.from(buffer.subarray(Math.max(from, buffer.length - SOLVE.length)));
        });
        res.on('close', () => {
          if (!ready) resolve(false);
          else dropped += 1;
        });
      },
    );
    req.on('error', () => resolve(false));
    requests.push(req);
  });
}

let connected = 0;
let failed = 0;
for (let start = 0; start < spec.count; start += spec.wave) {
  const wave = Array.from({ length: Math.min(spec.wave, spec.count - start) }, (_, i) => open(start + i));
  for (const ok of await Promise.all(wave)) {
    if (ok) connected += 1;
    else failed += 1;
  }
}
process.send!({ type: 'connected', connected, failed });

process.on('message', (message: { type: string }) => {
  if (message.type !== 'report') return;
  process.send!({ type: 'report', receipts: Object.fromEntries(receipts), dropped }, () => {
    for (const req of requests) req.destroy();
    process.exit(0);
  });
});
