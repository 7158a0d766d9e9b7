import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ScoreHistory } from '../../client/api-types.ts';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ensureClient, exposeScreenRows, httpAdmin, httpPlayer, screenRows, settle, shoot, solve, type HttpPlayer } from './admin-support.ts';

const reason = browserSkipReason();
const TEAMS = 14;
const TOP = 5;

describe.skipIf(Boolean(reason))(`the big screen against the real server${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let page: Page;
  let admin: Awaited<ReturnType<typeof httpAdmin>>;
  const players: HttpPlayer[] = [];

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: 'tests/fixtures/game', keepData: true })]);
    for (let i = 1; i <= TEAMS; i++) players.push(await httpPlayer(server, `P${i}`, i === 1 ? '雲の上のとても長い名前のチーム・東京' : `Team ${i}`, 'ja'));
    admin = await httpAdmin(server);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'ja-JP' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await exposeScreenRows(page);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('shows the join panel in Japanese before the start, with the event code and a QR code', async () => {
    await page.goto(`${server.url}/screen?lang=ja&top=${TOP}`);
    const join = page.locator('jam-screen-join');
    await join.getByText('イベントに参加しましょう').waitFor();
    await join.locator('.code').filter({ hasText: server.eventCode }).waitFor();
    await join.locator('.qr svg').waitFor();
    await join.getByText(`参加チーム数: ${TEAMS}`).waitFor();
    await shoot(page, 'screen-before-start-ja');
  });

  it('shows the top rows of ?top= and pages the other teams below them', async () => {
    await admin.act('start');
    await page.locator('jam-screen-ranking .row').first().waitFor();
    // Distinct scores so the order is known: team i solves i tasks' worth.
    await solve(players[0] as HttpPlayer, 'alpha', 'pick-stores', ['ddb', 's3']);
    await solve(players[0] as HttpPlayer, 'beta', 'order-steps', ['one', 'two', 'three']);
    await solve(players[1] as HttpPlayer, 'alpha', 'pick-stores', ['ddb', 's3']);
    await solve(players[2] as HttpPlayer, 'beta', 'order-steps', ['one', 'two', 'three']);
    await solve(players[3] as HttpPlayer, 'alpha', 'status-code', '307');
    await page.waitForFunction(() => {
      const rows = (window as unknown as { __jamScreenRows(): Array<{ score: number }> }).__jamScreenRows();
      return rows[0]?.score === 350 && rows[3]?.score === 100;
    });
    const rows = await screenRows(page);
    expect(rows).toHaveLength(TOP);
    expect(rows.map((r) => r.score)).toEqual([350, 200, 150, 100, 0]);
    const rest = page.locator('jam-screen-rest .caption');
    await rest.filter({ hasText: `全 ${TEAMS} チーム` }).waitFor();
    await expect(rest.textContent()).resolves.toMatch(new RegExp(`順位 ${TOP + 1}〜\\d+`));
    await page.locator('jam-screen-ticker .item').filter({ hasText: 'アルファ' }).first().waitFor();
    await settle(page);
    await shoot(page, 'screen-running-ja');
  });

  it('fills the ticker from recent solves after a reload, with titles in the screen’s language', async () => {
    await page.reload();
    const items = page.locator('jam-screen-ticker .item');
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe(5);
    await expect(items.first().textContent()).resolves.toMatch(/Team 4[\s\S]*アルファ/);
  });

  it('keeps the last board with a reconnecting dot while the server is away, then catches up by itself', { timeout: 90_000 }, async () => {
    const port = server.port;
    const dataDir = server.dataDir;
    await server.stop();
    await page.locator('jam-screen jam-connection-dot').waitFor({ timeout: 15_000 });
    await expect(screenRows(page).then((rows) => rows.length)).resolves.toBe(TOP);

    server = await startServerProcess({ challengesDir: 'tests/fixtures/game', dataDir, env: { PORT: String(port) } });
    await page.locator('jam-screen jam-connection-dot').waitFor({ state: 'detached', timeout: 20_000 });
    await solve(players[4] as HttpPlayer, 'beta', 'how-many', '7');
    await page.locator('jam-screen-ticker .item').filter({ hasText: 'Team 5' }).waitFor({ timeout: 5000 });
  });

  it('shows the frozen banner and then the podium in Japanese', async () => {
    admin = await httpAdmin(server);
    await admin.act('freeze');
    await page.locator('jam-screen-ranking .banner').filter({ hasText: '凍結中' }).waitFor();
    await settle(page);
    await shoot(page, 'screen-frozen-ja');
    await admin.act('end');
    await admin.act('reveal');
    const podium = page.locator('jam-screen-podium');
    await podium.getByText('最終結果').waitFor();
    // The MC jumps to the final podium (End on the screen's keyboard).
    await page.keyboard.press('End');
    await podium.locator('.p1 .name').filter({ hasText: '雲の上' }).waitFor();
    await settle(page);
    await shoot(page, 'screen-podium-ja');
  });

  // `?auto=1` moves the results on every second; `?cycle=N` then loops final podium and race,
  // N seconds each, the lines growing over 0.4 N s.
  it('after the podium, draws the race of the top ten across the full width, one line per team, then shows the podium again', { timeout: 40_000 }, async () => {
    const history = (await (await fetch(`${server.url}/api/scoreboard/history?top=10`)).json()) as ScoreHistory;
    expect(history.teams).toHaveLength(10);
    await page.goto(`${server.url}/screen?lang=ja&top=${TOP}&auto=1&cycle=4`);
    await page.locator('jam-screen-podium').waitFor();
    const race = page.locator('jam-screen-race[drawn]');
    await race.waitFor({ timeout: 15_000 });
    await race.getByText('上位 10 チームのスコアの推移').waitFor();
    // The leader's line is drawn last, on top.
    const lines = await race.locator('path.line').evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).dataset.team));
    expect(lines).toEqual(history.teams.map((t) => String(t.id)).reverse());
    await expect(race.locator('.label .name').allTextContents()).resolves.toEqual(history.teams.map((t) => t.name));
    const finals = history.teams.map((t) => String(t.points.at(-1)?.[1] ?? 0));
    await expect(race.locator('.label .score').allTextContents()).resolves.toEqual(finals);
    await expect(page.locator('jam-screen aside.side').isVisible()).resolves.toBe(false);

    await page.locator('jam-screen-podium').waitFor({ timeout: 10_000 });
    // The results keep the whole screen: no ticker beside the podium either.
    await expect(page.locator('jam-screen aside.side').isVisible()).resolves.toBe(false);
  });

  it('saves the race at both sizes in Japanese and in English', { timeout: 60_000 }, async () => {
    for (const lang of ['ja', 'en']) {
      await page.goto(`${server.url}/screen?lang=${lang}&top=${TOP}&auto=1&cycle=8`);
      await page.locator('jam-screen-race[drawn]').waitFor({ timeout: 20_000 });
      await settle(page);
      await shoot(page, `screen-race-${lang}`);
    }
    await page.locator('jam-screen-race').getByText('Score over time: the top 10 teams').waitFor();
  });

  it('under reduced motion draws the race at once and still takes turns with the podium', { timeout: 30_000 }, async () => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await page.goto(`${server.url}/screen?lang=en&top=${TOP}&auto=1&cycle=2`);
      await page.locator('jam-screen-podium .stage.still').waitFor();
      const race = page.locator('jam-screen-race');
      await race.waitFor({ timeout: 10_000 });
      await expect(race.evaluate((el) => (el as HTMLElement & { drawMs: number }).drawMs)).resolves.toBe(0);
      await page.locator('jam-screen-race[drawn]').waitFor();
      await page.locator('jam-screen-podium .stage.still').waitFor({ timeout: 10_000 });
    } finally {
      await page.emulateMedia({ reducedMotion: null });
    }
  });
});
