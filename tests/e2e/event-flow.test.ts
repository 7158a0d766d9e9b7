import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  adminSignIn,
  confirmAction,
  ensureClient,
  exposeScreenRows,
  httpPlayer,
  SCREEN_ROWS,
  screenRows,
  settle,
  shoot,
  solve,
  type ScreenRow,
} from './admin-support.ts';

const reason = browserSkipReason();
const LIVE_MS = 2000;

/**
 * Waits until the screen's ranking starts with rows matching `expected` (name, and rank and
 * score where given), reading the rows the way `readScreenRows` does.
 */
async function screenShows(page: Page, expected: Array<Partial<ScreenRow>>, timeout = LIVE_MS): Promise<ScreenRow[]> {
  await page.waitForFunction(
    ({ expected, read }) => {
      const rows = (window as unknown as Record<string, () => ScreenRow[]>)[read]?.() ?? [];
      return expected.every((want, i) => {
        const row = rows[i];
        return row !== undefined && Object.entries(want).every(([key, value]) => row[key as keyof ScreenRow] === value);
      });
    },
    { expected, read: SCREEN_ROWS },
    { timeout, polling: 50 },
  );
  return screenRows(page);
}

describe.skipIf(Boolean(reason))(`an event from the admin console to the screen${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let adminContext: BrowserContext;
  let screenContext: BrowserContext;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: 'tests/fixtures/game' })]);
    adminContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    screenContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('starts, shows live ranks, freezes and reveals the podium, driven from the admin console', async () => {
    const kumo = await httpPlayer(server, 'Ann', 'Kumo');
    const sora = await httpPlayer(server, 'Bo', 'Sora');
    const ame = await httpPlayer(server, '雨宮', '雨チーム', 'ja');

    // The screen before the start: the join panel with the address, the event code and a QR code.
    const screen = await screenContext.newPage();
    await exposeScreenRows(screen);
    await screen.goto(`${server.url}/screen`);
    await screen.locator('jam-screen-join .code').filter({ hasText: server.eventCode }).waitFor({ timeout: 10_000 });
    await screen.locator('jam-screen-join .qr svg').waitFor();
    await shoot(screen, 'screen-before-start');

    // The admin signs in through the form and starts the event through the confirmation.
    const admin = await adminContext.newPage();
    await adminSignIn(admin, server);
    const said = await confirmAction(admin, 'start', /Start the event now: 120 minutes/, 'admin-confirm-start-en');
    expect(said).toMatch(/freezes 30 minutes before the end/);
    await admin.locator('jam-admin-event-bar .chip[data-state="running"]').waitFor({ timeout: 5000 });
    await screen.locator('jam-screen-ranking .row').first().waitFor({ timeout: 5000 });

    // The live feed is open before the solves so they arrive over the stream.
    await admin.locator('jam-admin-tabs #tab-submissions').click();
    await admin.locator('jam-admin-submissions').getByText('No submissions yet.').waitFor();

    await solve(kumo, 'alpha', 'status-code', '307');
    let rows = await screenShows(screen, [{ name: 'Kumo', rank: '1', score: 100 }]);
    expect(rows[0]).toMatchObject({ id: String(kumo.teamId), rank: '1', score: 100 });

    await solve(sora, 'alpha', 'pick-stores', ['ddb', 's3']);
    rows = await screenShows(screen, [
      { name: 'Sora', rank: '1' },
      { name: 'Kumo', rank: '2' },
    ]);
    expect(rows.slice(0, 2).map((r) => [r.rank, r.name, r.score])).toEqual([
      ['1', 'Sora', 200],
      ['2', 'Kumo', 100],
    ]);
    await screen.locator('jam-screen-ticker .item').filter({ hasText: 'Sora' }).waitFor({ timeout: LIVE_MS });
    await admin.locator('jam-admin-submissions tr[data-submission-id]').filter({ hasText: 'Sora' }).waitFor({ timeout: LIVE_MS });
    await admin.locator('jam-admin-submissions tr[data-submission-id]').filter({ hasText: 'Kumo' }).waitFor({ timeout: LIVE_MS });
    await settle(screen);
    await shoot(screen, 'screen-running');

    // Freeze through the admin console: the banner shows and later solves stay off the screen.
    await confirmAction(admin, 'freeze', /keep seeing the scores as they are now/);
    await screen.locator('jam-screen-ranking .banner').filter({ hasText: 'Scores frozen' }).waitFor({ timeout: LIVE_MS });
    await solve(ame, 'beta', 'order-steps', ['one', 'two', 'three']);
    // Typed on a Japanese IME: full-width digit and the Japanese counter.
    await solve(ame, 'beta', 'how-many', '７倍');
    // The admin's live board is fed by the same stream as the screen: once it shows the new
    // leader, any public update would have reached the screen too.
    await admin.locator('jam-admin-tabs #tab-teams').click();
    await admin.locator('jam-admin-teams tbody tr').first().filter({ hasText: '雨チーム' }).waitFor({ timeout: 5000 });
    rows = await screenRows(screen);
    expect(rows.map((r) => r.name)).toEqual(['Sora', 'Kumo', '雨チーム']);
    expect(rows[2]?.score).toBe(0);
    await expect(screen.locator('jam-screen-ticker .item').filter({ hasText: '雨チーム' }).count()).resolves.toBe(0);
    await shoot(screen, 'screen-frozen');

    // End and reveal: the podium shows the true order, including the solves after the freeze.
    await confirmAction(admin, 'end', /cannot be undone/);
    await confirmAction(admin, 'reveal', /podium/);
    const podium = screen.locator('jam-screen-podium');
    await podium.waitFor({ timeout: LIVE_MS });
    // The MC jumps straight to the final podium with End on the screen's keyboard.
    await screen.keyboard.press('End');
    await podium.locator('.p1 .name').filter({ hasText: '雨チーム' }).waitFor({ timeout: LIVE_MS });
    await expect(podium.locator('.p2 .name').textContent()).resolves.toBe('Sora');
    await expect(podium.locator('.p3 .name').textContent()).resolves.toBe('Kumo');
    await settle(screen);
    await shoot(screen, 'screen-podium');
  });
});
