import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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
