import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const reason = browserSkipReason();

describe.skipIf(Boolean(reason))(`browser harness${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('launches Chromium against the real server on a random port', async () => {
    const page = await browser.newPage();
    const res = await page.goto(`${server.url}/healthz`);
    expect(res?.status()).toBe(200);
    expect(await page.textContent('body')).toContain('"ok":true');
    console.log(`[jam] Chromium ${browser.version()} launched against ${server.url}`);
  });
});
