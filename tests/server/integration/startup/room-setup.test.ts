import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../../support/server-process.ts';

/** The banner: every line the server printed before its first JSON log line. */
function bannerOf(output: string): string[] {
  const lines = output.split('\n');
  const firstJson = lines.findIndex((line) => line.startsWith('{'));
  return firstJson === -1 ? lines : lines.slice(0, firstJson);
}

/** The banner reaches the pipe a moment after /healthz answers: wait for its last line. */
async function bannerPrinted(server: ServerProcess, logFile?: string): Promise<void> {
  const deadline = Date.now() + 5000;
  const logs = () => server.output() + (logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
  while (!/Logs {19}/.test(server.output()) || !/challenges loaded/.test(logs())) {
    if (Date.now() > deadline) throw new Error(`no banner:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('room setup at start-up', () => {
  const started: ServerProcess[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-room-'));
  afterAll(async () => {
    await Promise.all(started.map((s) => s.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints PUBLIC_URL for players, encodes it in the QR code, and keeps JSON logs in LOG_FILE out of the banner', async () => {
    const logFile = path.join(tmp, 'logs', 'jam.log');
    const server = await startServerProcess({
      challengesDir: 'tests/fixtures/game',
      env: { PUBLIC_URL: 'http://jam.example.test:8080/', LOG_FILE: logFile, LOG_LEVEL: 'info' },
    });
    started.push(server);
    await bannerPrinted(server, logFile);
    const banner = bannerOf(server.output()).join('\n');
    expect(banner).toContain(`Players join at        http://jam.example.test:8080/  with event code ${server.eventCode}`);
    expect(banner).toContain(`Join link (QR code)    http://jam.example.test:8080/?code=${server.eventCode}`);
    expect(banner).toContain('Big screen             http://jam.example.test:8080/screen');
    expect(banner).toContain(`Logs                   in ${logFile}`);
    expect(banner).toContain('Chat translation       off on the server (TRANSLATE_PROVIDER=none)');
    expect(banner).not.toContain('cannot open');
    // Nothing but the banner on the terminal; the JSON lines went to the file.
    expect(server.output()).not.toMatch(/^\{/m);
    expect(fs.readFileSync(logFile, 'utf8')).toMatch(/^\{"time":.*"msg":"challenges loaded"/m);

    const info = (await (await fetch(`${server.url}/api/event/join-info`)).json()) as Record<string, unknown>;
    const joinUrl = `http://jam.example.test:8080/?code=${server.eventCode}`;
    expect(info).toMatchObject({ url: 'http://jam.example.test:8080/', joinUrl, loopback: false, source: 'PUBLIC_URL' });
    expect(info.qrSvg).toBe(await QRCode.toString(joinUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }));
  }, 60_000);

  it('warns in the banner when players could not reach the address, and logs only after the banner', async () => {
    const server = await startServerProcess({ challengesDir: 'tests/fixtures/game', env: { LOG_LEVEL: 'info' } });
    started.push(server);
    await bannerPrinted(server);
    const lines = bannerOf(server.output());
    const banner = lines.join('\n');
    expect(banner).toContain(`Players join at        ${server.url}/`);
    expect(banner).toContain(`Players' phones and laptops cannot open 127.0.0.1:${server.port}: it is this computer only.`);
    expect(banner).toContain(`To serve a room: HOST=0.0.0.0 PUBLIC_URL=http://<this computer's address>:${server.port} npm start`);
    expect(banner).toContain('Logs                   below, as JSON lines');
    // The start-up logs follow the banner instead of coming before or inside it.
    expect(lines.length).toBeLessThan(server.output().split('\n').length - 1);
    expect(server.output().indexOf('Jamboree is running at')).toBeLessThan(server.output().indexOf('"challenges loaded"'));
    const info = (await (await fetch(`${server.url}/api/event/join-info`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ loopback: true });
  }, 60_000);
});
