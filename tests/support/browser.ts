import path from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { inject } from 'vitest';

/** Flags for headless Chromium on these machines: no sandbox, no network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const SCREENSHOT_DIR = path.resolve(process.cwd(), 'test-results/screenshots');

/** Launches Debian's Chromium through playwright-core. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = inject('chromiumPath');
  if (!executablePath) throw new Error(inject('browserSkipReason') || 'Chromium not available');
  // playwright gives every launch() a fresh temporary profile of its own.
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Whether browser suites can run; when not, they are skipped with this reason in their title. */
export function browserSkipReason(): string {
  return inject('browserSkipReason');
}

/**
 * Presses a task's "Check my progress" and waits for the server's answer to that check (up
 * to a minute: on a loaded CI machine a check once took longer than a 15 s wait for its
 * result). A click that sends no check fails here, naming it, instead of as a missing result.
 */
export async function pressCheck(task: Locator, label: string): Promise<void> {
  const page = task.page();
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/tasks\/[^/]+\/check$/.test(new URL(r.url()).pathname), {
    timeout: 60_000,
  });
  await task.locator('button[type="submit"]', { hasText: label }).click();
  const response = await answered;
  if (response.status() !== 200) throw new Error(`the check answered ${response.status()}: ${await response.text()}`);
}
