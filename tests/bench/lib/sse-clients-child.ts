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
        res.setEncoding('utf8');
        let buffer = '';
        let ready = false;
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!ready && block.includes('event: hello')) {
              ready = true;
              resolve(true);
            }
            const at = block.indexOf('event: solve\n');
            if (at === -1) continue;
            const data = block.slice(block.indexOf('data: ', at) + 6);
            const solve = JSON.parse(data) as { teamId: number; taskId: string; challengeId: string };
            const key = `${solve.teamId}/${solve.challengeId}/${solve.taskId}`;
            const list = receipts.get(key) ?? [];
            list.push(Date.now());
            receipts.set(key, list);
          }
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
