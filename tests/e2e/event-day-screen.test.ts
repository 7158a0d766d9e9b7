import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ensureClient, httpAdmin, httpPlayer, settle, shoot, solve, type HttpPlayer } from './admin-support.ts';
import { expectAxeClean } from './axe.ts';

const reason = browserSkipReason();
const FIXTURES = 'tests/fixtures/game';

/** The text a viewer reads, with runs of whitespace as one space. */
async function shown(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The race's lines as drawn: name and final score of each label, top first. */
function raceLabels(page: Page): Promise<Array<[string, string]>> {
  return page
    .locator('jam-screen-race[drawn] .label')
    .evaluateAll((labels) =>
      labels.map((l) => [l.querySelector('.name')?.textContent ?? '', l.querySelector('.score')?.textContent ?? ''] as [string, string]),
    );
}

describe.skipIf(Boolean(reason))(`the screen on event day${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let context: BrowserContext;
  let screen: Page;
  let admin: Awaited<ReturnType<typeof httpAdmin>>;
  let kumo: HttpPlayer;
  let sora: HttpPlayer;
  let ame: HttpPlayer;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: FIXTURES, keepData: true })]);
    kumo = await httpPlayer(server, 'Ann', 'Kumo');
    sora = await httpPlayer(server, 'Bo', 'Sora');
    ame = await httpPlayer(server, '雨宮', '雨チーム', 'ja');
    admin = await httpAdmin(server);
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'en-US' });
    screen = await context.newPage();
    screen.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('warns on the join panel when phones could not open the address, in the language the console chose or both', async () => {
    await screen.goto(`${server.url}/screen`);
    const join = screen.locator('jam-screen-join');
    await join
      .locator('.warning')
      .filter({ hasText: `cannot open 127.0.0.1:${server.port}` })
      .waitFor();
    await expect(join.locator('.warning code').textContent()).resolves.toContain('HOST=0.0.0.0 PUBLIC_URL=');
    await expectAxeClean(screen, 'screen join (en)');
    await shoot(screen, 'screen-join-loopback-en');

    await admin.call('PATCH', '/api/admin/event', { screenLanguage: 'ja' });
    await join.locator('h2').filter({ hasText: 'イベントに参加しましょう' }).waitFor();
    await join.locator('.warning').filter({ hasText: 'サーバーを再起動してください' }).waitFor();
    await expectAxeClean(screen, 'screen join (ja)');

    await admin.call('PATCH', '/api/admin/event', { screenLanguage: 'both' });
    await join.locator('h2').filter({ hasText: 'Join the event' }).filter({ hasText: 'イベントに参加しましょう' }).waitFor();
    await join.locator('.meta').filter({ hasText: 'Teams ready: 3' }).filter({ hasText: '参加チーム数: 3' }).waitFor();
    await expectAxeClean(screen, 'screen join (both)');
    await shoot(screen, 'screen-join-both');

    // The URL wins over the console: a screen opened with ?lang=en stays English.
    await admin.call('PATCH', '/api/admin/event', { screenLanguage: 'ja' });
    await screen.goto(`${server.url}/screen?lang=en`);
    await join
      .locator('h2')
      .filter({ hasText: /^Join the event$/ })
      .waitFor();
    await admin.call('PATCH', '/api/admin/event', { screenLanguage: null });
  });

  it('names the task in a ticker readable from the back, puts a warning across the full width in the screen’s language, and badges the freeze', async () => {
    await admin.act('start');
    await solve(kumo, 'alpha', 'status-code', '307');
    const item = screen.locator('jam-screen-ticker .item').filter({ hasText: 'Kumo' });
    await expect(shown(item.locator('.line'))).resolves.toBe('Kumo solved “Status code” in Alpha');
    // 2.8rem of the screen's scale: at least 26 px on 1920×1080.
    const size = await item.locator('.line').evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(26);

    await admin.call('POST', '/api/admin/announcements', {
      level: 'warning',
      texts: { en: 'Lunch is in room B.\nBring your badge.', ja: '昼食は B 会議室です。\n名札をお持ちください。' },
    });
    const alert = screen.locator('jam-screen .alert');
    await alert.locator('.alert-text').filter({ hasText: 'Lunch is in room B.' }).waitFor();
    // Written on two lines, shown on two lines.
    await expect(alert.locator('.alert-text').first().textContent()).resolves.toBe('Lunch is in room B.\nBring your badge.');
    await expect(
      alert
        .locator('.alert-text')
        .first()
        .evaluate((el) => getComputedStyle(el).whiteSpace),
    ).resolves.toBe('pre-line');
    const width = await alert.evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1920 * 0.9);
    await expect(screen.locator('jam-screen-ticker .announcement').count()).resolves.toBe(0);
    await admin.call('PATCH', '/api/admin/event', { screenLanguage: 'ja' });
    await screen.goto(`${server.url}/screen`);
    await alert.locator('.alert-text').filter({ hasText: '昼食は B 会議室です。' }).waitFor();
    await expect(shown(screen.locator('jam-screen-ticker .item .line').first())).resolves.toBe('Kumo が「アルファ」の「ステータスコード」に正解しました');
    await expectAxeClean(screen, 'screen running (ja)');
    await admin.call('PATCH', '/api/admin/event', { screenLanguage: 'en' });
    await screen.locator('jam-screen-ticker h2').filter({ hasText: 'Recent solves' }).waitFor();

    await admin.act('freeze');
    const badge = screen.locator('jam-screen .frozen-badge');
    await badge.filter({ hasText: 'Frozen' }).waitFor();
    const badgeSize = await badge.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(badgeSize).toBeGreaterThanOrEqual(34);
    await screen.locator('jam-screen-ranking .banner').filter({ hasText: 'Scores frozen' }).waitFor();
    await expectAxeClean(screen, 'screen frozen (en)');
    await settle(screen);
    await shoot(screen, 'screen-end-0-frozen');
    await admin.act('unfreeze');
  });

  it('after living through a server restart, shows the same final race and podium as a screen opened fresh', { timeout: 90_000 }, async () => {
    await solve(kumo, 'alpha', 'pick-stores', ['ddb', 's3']);
    await screen.locator('jam-screen-ticker .item').filter({ hasText: 'Stores' }).waitFor();
    await admin.act('freeze');
    await screen.locator('jam-screen-ranking .banner').waitFor();

    // A 27-second outage on the day; here just long enough for the screen to notice.
    const { port, dataDir } = server;
    await server.stop();
    await screen.locator('jam-screen jam-connection-dot').waitFor({ timeout: 15_000 });
    server = await startServerProcess({ challengesDir: FIXTURES, dataDir, keepData: true, env: { PORT: String(port) } });
    admin = await httpAdmin(server);
    await screen.locator('jam-screen jam-connection-dot').waitFor({ state: 'detached', timeout: 20_000 });
    // Behind the freeze Sora overtakes Kumo.
    await solve(sora, 'alpha', 'pick-stores', ['ddb', 's3']);
    await solve(sora, 'beta', 'order-steps', ['one', 'two', 'three']);
    await solve(sora, 'alpha', 'status-code', '307');
    await solve(ame, 'beta', 'how-many', '7');

    // Time's up: no more freeze banner or badge, the room waits for the reveal.
    await admin.act('end');
    await screen.locator('jam-screen-ranking .banner.ended').filter({ hasText: 'The winners are revealed next' }).waitFor();
    await expect(shown(screen.locator('jam-screen jam-clock .value'))).resolves.toBe("Time's up!");
    await expect(screen.locator('jam-screen .frozen-badge').count()).resolves.toBe(0);
    await expect(shown(screen.locator('jam-screen-ranking .banner'))).resolves.not.toContain('frozen');
    await settle(screen);
    await shoot(screen, 'screen-end-1-times-up');

    // The reveal: the MC paces it with the keyboard (or a presenter remote).
    await admin.act('reveal');
    const podium = screen.locator('jam-screen-podium');
    await screen.locator('jam-screen-finale[step="title"]').waitFor();
    await expect(screen.locator('jam-screen aside.side').isVisible()).resolves.toBe(false);
    await expect(podium.locator('.name').count()).resolves.toBe(0);
    await settle(screen);
    await shoot(screen, 'screen-end-2-title');
    const steps: Array<[string, string, string]> = [
      ['third', '.p3 .name', '雨チーム'],
      ['second', '.p2 .name', 'Kumo'],
      ['first', '.p1 .name', 'Sora'],
    ];
    for (const [step, place, name] of steps) {
      await screen.keyboard.press(step === 'second' ? 'PageDown' : 'Space');
      await screen.locator(`jam-screen-finale[step="${step}"]`).waitFor();
      await podium.locator(place).filter({ hasText: name }).waitFor();
      await settle(screen);
      await shoot(screen, `screen-end-${3 + steps.findIndex((s) => s[0] === step)}-${step}`);
    }
    await expect(podium.locator('.rest').count()).resolves.toBe(0);
    await expectAxeClean(screen, 'screen podium (en)');

    // A screen opened now follows the console: the MC moves both to the race.
    const fresh = await context.newPage();
    await fresh.goto(`${server.url}/screen?lang=en`);
    await fresh.locator('jam-screen-podium').waitFor();
    await admin.call('PATCH', '/api/admin/event', { finaleStep: 4 });
    const [lived, opened] = await Promise.all(
      [screen, fresh].map((page) =>
        page
          .locator('jam-screen-race[drawn]')
          .waitFor({ timeout: 20_000 })
          .then(() => raceLabels(page)),
      ),
    );
    expect(opened?.slice(0, 3)).toEqual([
      ['Sora', '450'],
      ['Kumo', '300'],
      ['雨チーム', '120'],
    ]);
    expect(lived).toEqual(opened);
    await expectAxeClean(screen, 'screen race (en)');
    await shoot(screen, 'screen-end-6-race');
    await fresh.close();

    await screen.keyboard.press('ArrowRight');
    await screen.locator('jam-screen-finale[step="final"]').waitFor();
    await podium.locator('.p1 .name').filter({ hasText: 'Sora' }).waitFor();
    await settle(screen);
    await shoot(screen, 'screen-end-7-final');
  });

  it('left alone, moves through the results by itself and then stays still on the podium', { timeout: 30_000 }, async () => {
    await admin.call('PATCH', '/api/admin/event', { finaleStep: null, screenLanguage: 'ja' });
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/screen`);
    await page.locator('jam-screen-finale[step="title"]').waitFor();
    // About 10 s a step; the race also takes the 8 s its lines grow.
    for (const [step, ms] of [
      ['third', 10_000],
      ['second', 10_000],
      ['first', 10_000],
      ['race', 10_000],
      ['final', 18_000],
    ] as const) {
      await page.clock.runFor(ms);
      await page.locator(`jam-screen-finale[step="${step}"]`).waitFor();
    }
    await page.locator('jam-screen-podium .p1 .name').filter({ hasText: 'Sora' }).waitFor();
    await page.locator('jam-screen-podium h2').filter({ hasText: '最終結果' }).waitFor();
    await expectAxeClean(page, 'screen podium (ja)');
    // Minutes later it is the same podium, not a loop re-animating it.
    const marked = await page.locator('jam-screen-podium').evaluate((el) => ((el as HTMLElement).dataset.seen = 'yes'));
    await page.clock.runFor(5 * 60_000);
    await expect(page.locator('jam-screen-finale').getAttribute('view')).resolves.toBe('podium');
    await expect(page.locator('jam-screen-podium').evaluate((el) => (el as HTMLElement).dataset.seen)).resolves.toBe(marked);
    await page.close();
  });
});
