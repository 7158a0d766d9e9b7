import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const reason = browserSkipReason();
const root = path.resolve(import.meta.dirname, '../..');
const WAIT = { timeout: 10_000 };
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
] as const;

/** The admin side, driven over HTTP with the admin session cookie. */
class Admin {
  private cookie = '';
  constructor(private readonly server: ServerProcess) {}

  async login(): Promise<void> {
    const res = await fetch(`${this.server.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: this.server.adminToken }),
    });
    expect(res.ok).toBe(true);
    this.cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  }

  async call(method: string, route: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.server.url}${route}`, {
      method,
      headers: { cookie: this.cookie, 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const data: unknown = await res.json();
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(data)}`);
    return data;
  }
}

async function text(locator: Locator): Promise<string> {
  await locator.first().waitFor(WAIT);
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees (innerText follows the layout)
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Let the layout settle (the team panel moves between side column and drawer by width).
    await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))), null, WAIT);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `player-${name}-${size.name}.png`) });
  }
  if (original) await page.setViewportSize(original);
}

async function join(page: Page, url: string, name: string, language: 'en' | 'ja'): Promise<void> {
  await page.goto(`${url}/?code=E2EJAM`);
  await page.locator('jam-join-view input[name="displayName"]').fill(name, WAIT);
  await page.locator('jam-join-view select[name="language"]').selectOption(language, WAIT);
  await page.locator('jam-join-view button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view h1').waitFor(WAIT);
}

function task(page: Page, taskId: string): Locator {
  return page.locator(`jam-task-card:has(article[aria-labelledby="task-${taskId}"])`);
}

describe.skipIf(Boolean(reason))(`player app in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let admin: Admin;
  let one: BrowserContext;
  let two: BrowserContext;
  let p1: Page;
  let p2: Page;

  beforeAll(async () => {
    // Builds dist/client only when it is missing or older than the client sources.
    // NODE_ENV is "test" under Vitest, which would make Vite bundle Lit's development build.
    execFileSync(process.execPath, [path.join(root, 'scripts/ensure-client.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'tests/fixtures/game') })]);
    admin = new Admin(server);
    await admin.login();
    one = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    two = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
    p1 = await one.newPage();
    p2 = await two.newPage();
  }, 120_000);

  afterAll(async () => {
    await one?.close();
    await two?.close();
    await browser?.close();
    await server?.stop();
  });

  it('keeps the player bundle under 100 KB gzip', () => {
    const dist = path.join(root, 'dist/client');
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] as string);
    const sizes = assets.map((asset) => gzipSync(fs.readFileSync(path.join(dist, asset)), { level: 9 }).length);
    const total = sizes.reduce((a, b) => a + b, 0);
    console.log(`[jam] player bundle: ${assets.length} files, ${(total / 1024).toFixed(1)} KB gzip`);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(total).toBeLessThan(100 * 1024);
  });

  it('lets two players form one team, the second with the Japanese UI', async () => {
    await join(p1, server.url, 'Aiko', 'en');
    await p1.locator('jam-lobby-view input[name="value"]').first().fill('Kumo');
    await p1.locator('jam-lobby-view form').first().locator('button[type="submit"]').click();
    const code = await text(p1.locator('jam-team-card .code strong'));
    expect(code).toMatch(/^[A-Z0-9]{4,}$/);

    await join(p2, server.url, 'Ren', 'ja');
    expect(await text(p2.locator('jam-lobby-view h1'))).toBe('あなたのチーム');
    await p2.locator('jam-lobby-view #code').fill(code.toLowerCase());
    await p2.locator('jam-lobby-view form').nth(1).locator('button[type="submit"]').click();
    await p2.locator('jam-lobby-view jam-team-card li', { hasText: 'Aiko' }).waitFor(WAIT);
    expect(await text(p2.locator('jam-lobby-view .waiting'))).toContain('イベントはまだ始まっていません');
    // The first player sees the new member live.
    await p1.locator('jam-lobby-view jam-team-card li', { hasText: 'Ren' }).waitFor(WAIT);
  });

  it('opens the board for both players when the event starts, without a reload', async () => {
    await admin.call('POST', '/api/admin/event/start');
    await p1.locator('jam-board-view h1', { hasText: 'Challenges' }).waitFor(WAIT);
    await p2.locator('jam-board-view h1', { hasText: 'チャレンジ' }).waitFor(WAIT);
    expect(await text(p1.locator('jam-challenge-card .card', { hasText: 'Alpha' }))).toContain('0/2 tasks');
    expect(await text(p2.locator('jam-challenge-card .card', { hasText: 'アルファ' }))).toContain('タスク 0/2');
    await screenshots(p1, 'board-en');
    await screenshots(p2, 'board-ja');
  });

  it('confirms the clue penalty before unlocking, and shows clue and solve to the teammate live', async () => {
    await p1.locator('jam-challenge-card', { hasText: 'Alpha' }).click();
    await p2.locator('jam-challenge-card', { hasText: 'アルファ' }).click();
    await p1.locator('jam-challenge-view h1', { hasText: 'Alpha' }).waitFor(WAIT);
    await p2.locator('jam-challenge-view h1', { hasText: 'アルファ' }).waitFor(WAIT);
    expect(new URL(p1.url()).pathname).toBe('/c/alpha');

    const card = task(p1, 'status-code');
    expect(await text(card.locator('.points'))).toBe('100 possible · 0 clue penalty · 100 available');
    await card.locator('button', { hasText: 'Clue 1 (−20)' }).click();
    const dialog = card.locator('jam-dialog[open]');
    expect(await text(dialog.locator('p').first())).toContain('20 points come off its award');
    expect(await text(dialog.locator('p').first())).toContain('at most 80 points');
    await dialog.locator('button.primary').click();
    await card.locator('.clue', { hasText: 'It is a 3xx code.' }).waitFor(WAIT);
    expect(await text(card.locator('.points'))).toBe('100 possible · 20 clue penalty · 80 available');
    await task(p2, 'status-code').locator('.clue', { hasText: '3xx 系です。' }).waitFor(WAIT);

    await card.locator('input[type="text"]').fill('307');
    await card.locator('button[type="submit"]').click();
    await card.locator('.result', { hasText: 'Solved: 80 points awarded' }).waitFor(WAIT);
    await card.locator('.result', { hasText: '307 keeps the method.' }).waitFor(WAIT);
    // The teammate's page turns green without a reload, with a toast.
    await task(p2, 'status-code').locator('.result', { hasText: '80 点を獲得しました' }).waitFor(WAIT);
    await p2.locator('jam-toast-stack li', { hasText: 'ステータスコード' }).waitFor(WAIT);
    expect(await text(p1.locator('jam-top-bar .stat').nth(1))).toContain('80');
    await screenshots(p1, 'challenge-en');
    await screenshots(p2, 'challenge-ja');
  });

  it('answers a wrong answer with a calm inline message', async () => {
    const card = task(p1, 'pick-stores');
    await card.locator('label.option', { hasText: 'RDS' }).click();
    await card.locator('button[type="submit"]').click();
    expect(await text(card.locator('.feedback[data-kind="message"]'))).toBe('Not quite. Check your answer and try again.');
  });

  it('offers a rating once the team has solved every task of the challenge', async () => {
    const card = task(p1, 'pick-stores');
    await card.locator('label.option', { hasText: 'RDS' }).click();
    await card.locator('label.option', { hasText: 'DynamoDB' }).click();
    await card.locator('label.option', { hasText: 'S3' }).click();
    await card.locator('button[type="submit"]').click();
    await card.locator('.result', { hasText: 'Solved: 200 points awarded' }).waitFor(WAIT);
    const rating = p1.locator('jam-rating');
    await rating.locator('label.star').nth(3).click();
    await rating.locator('textarea').fill('Short and sweet');
    await rating.locator('button[type="submit"]').click();
    await rating.locator('[role="status"]', { hasText: 'Thank you for your rating!' }).waitFor(WAIT);
  });

  it('carries a support message to the facilitators and their reply back', async () => {
    await p2.locator('jam-team-panel #tab-support').click();
    const support = p2.locator('jam-chat[channel="support"]');
    await support.locator('textarea').fill('ラボにつながりません');
    await support.locator('button[type="submit"]').click();
    await support.locator('li.msg.mine', { hasText: 'ラボにつながりません' }).waitFor(WAIT);
    const me = (await p2.evaluate(async () => (await fetch('/api/me')).json())) as { team: { id: number } };
    await admin.call('POST', `/api/admin/support/${me.team.id}`, { text: 'Try the endpoint again now, please.' });
    const reply = support.locator('li.msg.staff', { hasText: 'Try the endpoint again now' });
    await reply.waitFor(WAIT);
    expect(await text(reply.locator('.who strong'))).toBe('運営スタッフ');
    await p2.locator('jam-team-panel #tab-chat').click();
  });

  it('delivers a chat message to the Japanese teammate', async () => {
    const input = p1.locator('jam-chat[channel="team"] textarea');
    await input.fill('Let us try beta next');
    await input.press('Enter');
    const message = p2.locator('jam-chat[channel="team"] li.msg', { hasText: 'Let us try beta next' });
    await message.waitFor(WAIT);
    expect(await text(message.locator('.who strong'))).toBe('Aiko');
    // No provider and no on-device translation here: said as it is, not "原文（English）".
    expect(await text(message.locator('.note'))).toBe('English のメッセージです（翻訳なし）');
    expect(await text(p1.locator('jam-chat[channel="team"] li.msg.mine .who strong'))).toBe('You');
  });

  it('shows a countdown once the team hits the attempt rate limit', async () => {
    await admin.call('PATCH', '/api/admin/event', { attemptsPerMinute: 2 });
    await p1.goto(`${server.url}/c/beta`);
    const card = task(p1, 'how-many');
    await card.locator('.unit', { hasText: 'times' }).waitFor(WAIT);
    for (const guess of ['5', '6', '8']) {
      await card.locator('input[type="text"]').fill(guess);
      await card.locator('button[type="submit"]:not([disabled])').click();
      await card.locator('.feedback:not([data-kind="none"])').waitFor(WAIT);
      if (guess !== '8') await card.locator('.feedback', { hasText: guess === '5' ? 'Not quite' : 'Still not right: 2 wrong answers' }).waitFor(WAIT);
    }
    const waitText = await text(card.locator('.feedback[data-kind="rate"]'));
    expect(waitText).toMatch(/^Too many attempts\. You can try again in \d+ s\.$/);
    expect(await card.locator('button[type="submit"]').isDisabled()).toBe(true);
  });

  it('solves an order task with the keyboard alone', async () => {
    const card = task(p1, 'order-steps');
    const items = card.locator('jam-order-input li');
    await items.first().waitFor(WAIT);
    const target = ['One', 'Two', 'Three'];
    for (let i = 0; i < target.length; i += 1) {
      const labels = await items.locator('.label').allInnerTexts();
      const from = labels.indexOf(target[i] as string);
      await items.nth(from).focus();
      for (let step = from; step > i; step -= 1) await p1.keyboard.press('Alt+ArrowUp');
    }
    expect(await items.locator('.label').allInnerTexts()).toEqual(target);
    // The move is announced through the live region.
    await p1.waitForFunction(
      () =>
        document
          .querySelector('jam-app')
          ?.shadowRoot?.querySelector('jam-game')
          ?.shadowRoot?.querySelector('jam-live-region')
          ?.shadowRoot?.textContent?.includes('moved to position'),
      null,
      WAIT,
    );
    await card.locator('button[type="submit"]').focus();
    await p1.keyboard.press('Enter');
    await card.locator('.result', { hasText: 'Solved: 150 points awarded' }).waitFor(WAIT);
  });

  it('shows an announcement as a toast and keeps it in the activity tab', async () => {
    await admin.call('POST', '/api/admin/announcements', { text: 'Lunch is served', level: 'info', dismissAfterSeconds: 600 });
    await p2.locator('jam-toast-stack li', { hasText: 'Lunch is served' }).waitFor(WAIT);
    await p2.locator('jam-team-panel [role="tab"]#tab-activity').click();
    await p2.locator('jam-team-panel .announcements li', { hasText: 'Lunch is served' }).waitFor(WAIT);
    // The team's clue unlock and solve are listed as activity.
    expect(await text(p2.locator('jam-team-panel .activity'))).toContain('ヒント 1');
  });

  it('draws the scoreboard with the team highlighted and its score over time', async () => {
    await p2.locator('jam-top-bar nav a', { hasText: 'スコアボード' }).click();
    await p2.locator('jam-scoreboard-view h1', { hasText: 'スコアボード' }).waitFor(WAIT);
    expect(await text(p2.locator('jam-scoreboard-view tr.mine'))).toContain('Kumo');
    await p2.locator('jam-score-chart svg path').first().waitFor(WAIT);
    // Browser Back returns to the board.
    await p2.goBack();
    await p2.locator('jam-challenge-view h1', { hasText: 'アルファ' }).waitFor(WAIT);
  });

  it('switches the whole game, server texts included, to the other language', async () => {
    await p1.locator('jam-top-bar jam-language-switch button[lang="ja"]').click();
    await p1.locator('jam-challenge-view h1', { hasText: 'ベータ' }).waitFor(WAIT);
    expect(await text(task(p1, 'how-many').locator('h2'))).toBe('タスク 2: 数');
    // The unit beside a number input follows the reader's language too.
    expect(await text(task(p1, 'how-many').locator('.unit'))).toBe('単位: 倍');
    const me = (await p1.evaluate(async () => (await fetch('/api/me')).json())) as { player: { language: string } };
    expect(me.player.language).toBe('ja');
  });

  it('opens the team panel as a drawer on a narrow screen and closes it with Escape', async () => {
    await p2.setViewportSize({ width: 1024, height: 768 });
    const toggle = p2.locator('jam-top-bar button.panel-toggle');
    await toggle.click();
    await p2.locator('jam-game aside.panel.open jam-team-panel [role="tablist"]').waitFor(WAIT);
    expect(await p2.locator('jam-game main').getAttribute('inert')).not.toBeNull();
    await p2.keyboard.press('Escape');
    await p2.locator('jam-game aside.panel.open').waitFor({ state: 'detached', ...WAIT });
    await p2.waitForFunction(
      () => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.classList.contains('panel-toggle') ?? false;
      },
      null,
      WAIT,
    );
    await p2.setViewportSize({ width: 1366, height: 768 });
  });
});
