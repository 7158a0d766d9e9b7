import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ensureClient, httpAdmin } from './admin-support.ts';
import { expectAxeClean } from './axe.ts';

const reason = browserSkipReason();
const WAIT = { timeout: 15_000 };
const PHONE = { width: 390, height: 844 };

/** The text a player reads, with runs of whitespace as one space. */
async function shown(locator: Locator): Promise<string> {
  await locator.first().waitFor(WAIT);
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

const card = (page: Page, taskId: string) => page.locator(`jam-task-card:has(article[aria-labelledby="task-${taskId}"])`);

/** Whether an element's box lies within the viewport (what a phone shows without scrolling). */
function inViewport(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))), null, WAIT);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `answers-${name}.png`) });
}

/** Closes every toast, as a player does before reading on. */
async function dismissToasts(page: Page): Promise<void> {
  const close = page.locator('jam-toast-stack li button');
  while ((await close.count()) > 0) await close.first().click();
}

async function join(page: Page, server: ServerProcess, name: string, language: 'en' | 'ja'): Promise<void> {
  await page.goto(`${server.url}/?code=${server.eventCode}`);
  await page.locator('jam-join-view input[name="displayName"]').fill(name);
  await page.locator('jam-join-view select[name="language"]').selectOption(language);
  await page.locator('jam-join-view button[type="submit"]').click();
  await page.locator('jam-lobby-view h1').waitFor(WAIT);
}

describe.skipIf(Boolean(reason))(`answering from the keyboard and on a phone${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let admin: Awaited<ReturnType<typeof httpAdmin>>;
  let enContext: BrowserContext;
  let jaContext: BrowserContext;
  /** Aiko, English, on a laptop. */
  let en: Page;
  /** Ren, Japanese, on a 390×844 phone. */
  let ja: Page;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: 'tests/fixtures/answer-keys' })]);
    admin = await httpAdmin(server);
    enContext = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' });
    jaContext = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', isMobile: true, hasTouch: true });
    en = await enContext.newPage();
    ja = await jaContext.newPage();
    for (const page of [en, ja]) page.setDefaultTimeout(15_000);
    await join(en, server, 'Aiko', 'en');
    await en.locator('jam-lobby-view input[name="value"]').first().fill('Kumo');
    await en.locator('jam-lobby-view form').first().locator('button[type="submit"]').click();
    const code = await shown(en.locator('jam-team-card .code strong'));
    await join(ja, server, 'Ren', 'ja');
    await ja.locator('jam-lobby-view #code').fill(code);
    await ja.locator('jam-lobby-view form').nth(1).locator('button[type="submit"]').click();
    await ja.locator('jam-lobby-view jam-team-card li', { hasText: 'Aiko' }).waitFor(WAIT);
    await admin.act('start');
    await en.locator('jam-board-view').waitFor(WAIT);
    await ja.locator('jam-board-view').waitFor(WAIT);
    await en.goto(`${server.url}/c/keys`);
    await ja.goto(`${server.url}/c/keys`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('submits a single choice on Enter on a radio option, picked with the arrow keys', async () => {
    const task = card(en, 'one-store');
    const first = task.locator('input[type="radio"]').first();
    await first.focus();
    // Arrow keys pick (DynamoDB → S3); Enter on the option sends it, as Enter in a text field does.
    await en.keyboard.press('ArrowDown');
    await expect(task.locator('input[type="radio"][value="s3"]').isChecked()).resolves.toBe(true);
    await en.keyboard.press('Enter');
    await task.locator('.result', { hasText: 'Solved: 100 points awarded' }).waitFor(WAIT);
  });

  it('toggles a checkbox with Space and submits the picks on Enter', async () => {
    const task = card(en, 'two-stores');
    const ddb = task.locator('input[type="checkbox"][value="ddb"]');
    const s3 = task.locator('input[type="checkbox"][value="s3"]');
    await ddb.focus();
    await en.keyboard.press('Space');
    await expect(ddb.isChecked()).resolves.toBe(true);
    // Enter on an option sends what is picked so far: one of two is "not quite", and nothing toggled.
    await en.keyboard.press('Enter');
    await expect(shown(task.locator('.feedback[data-kind="message"]'))).resolves.toBe('Not quite. Check your answer and try again.');
    await expect(ddb.isChecked()).resolves.toBe(true);
    await s3.focus();
    await en.keyboard.press('Space');
    await en.keyboard.press('Enter');
    await task.locator('.result', { hasText: 'Solved: 100 points awarded' }).waitFor(WAIT);
  });

  it('submits an order on Enter on an item, while Enter on a Move button moves it', async () => {
    const task = card(en, 'steps');
    const items = task.locator('jam-order-input li');
    const first = await items.first().locator('.label').textContent();
    await task.locator('jam-order-input button.down').first().focus();
    await en.keyboard.press('Enter');
    // The button moved the item instead of sending the answer.
    await expect(items.nth(1).locator('.label').textContent()).resolves.toBe(first);
    await expect(task.locator('.feedback[data-kind="message"]').count()).resolves.toBe(0);
    // Put the items in order with Alt + arrows, then send them with Enter on an item.
    for (const [position, label] of ['One', 'Two', 'Three'].entries()) {
      let index = -1;
      for (let i = 0; i < 3; i++) if ((await items.nth(i).locator('.label').textContent())?.trim() === label) index = i;
      await items.nth(index).focus();
      for (let i = index; i > position; i--) await en.keyboard.press('Alt+ArrowUp');
    }
    await items.first().focus();
    await en.keyboard.press('Enter');
    await task.locator('.result', { hasText: 'Solved: 100 points awarded' }).waitFor(WAIT);
    await expectAxeClean(en, 'answered from the keyboard (en)');
  });

  it('on a phone, scrolls the rate-limit message under the long lab panel into view', async () => {
    const task = card(ja, 'read-the-flag');
    const flag = task.locator('input[type="text"]');
    const limits = await admin.call<{ attemptsPerMinute: number }>('GET', '/api/admin/event');
    await admin.call('PATCH', '/api/admin/event', { attemptsPerMinute: 1 });
    await flag.fill('JAM{not-the-flag}');
    await flag.press('Enter');
    await expect(shown(task.locator('.feedback[data-kind="message"]'))).resolves.toBe('残念、不正解です。回答を見直して、もう一度お試しください。');
    // The player scrolled back to the lab panel: the field sits at the bottom of the screen.
    await flag.fill('JAM{still-not-the-flag}');
    await flag.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await flag.press('Enter');
    const rate = task.locator('.feedback[data-kind="rate"]');
    await expect(shown(rate)).resolves.toMatch(/^回答回数の上限に達しました。\d+ 秒後に再度回答できます。$/);
    await ja.waitForFunction(() => true, null, { timeout: 1000 });
    await expect.poll(() => inViewport(rate), WAIT).toBe(true);
    await screenshot(ja, 'rate-limited-phone-ja');
    await admin.call('PATCH', '/api/admin/event', { attemptsPerMinute: limits.body.attemptsPerMinute });
    await expectAxeClean(ja, 'rate-limited lab task (ja, phone)');
  });

  it('reads a price typed with its dollar sign, and names the unit when a number comes in another one', async () => {
    const memory = card(ja, 'memory');
    const input = memory.locator('input[type="text"]');
    await input.fill('128GB');
    await input.press('Enter');
    const feedback = memory.locator('.feedback[data-kind="message"]');
    await expect(shown(feedback)).resolves.toBe('「GiB」単位の数値を入力してください。単位は付けても付けなくてもかまいません。');
    await expect.poll(() => inViewport(feedback), WAIT).toBe(true);
    await screenshot(ja, 'other-unit-phone-ja');
    await input.fill('128GiB');
    await input.press('Enter');
    await memory.locator('.result').waitFor(WAIT);

    const cost = card(en, 'monthly-cost');
    const price = cost.locator('input[type="text"]');
    await price.fill('¥597.43');
    await price.press('Enter');
    const refused = cost.locator('.feedback[data-kind="message"]');
    await expect(shown(refused)).resolves.toBe('Please enter the number in USD, with or without the unit.');
    await expect.poll(() => inViewport(refused), WAIT).toBe(true);
    await screenshot(en, 'other-currency-en');
    await price.fill('$597.43');
    await price.press('Enter');
    await cost.locator('.result', { hasText: 'Solved: 100 points awarded' }).waitFor(WAIT);
  });

  it('tells teammates that a failed lab check was a check, once, and never “a wrong answer”', async () => {
    await dismissToasts(en);
    await dismissToasts(ja);
    const mine = card(en, 'fix-the-stream');
    await mine.locator('button[type="submit"]', { hasText: 'Check my progress' }).click();
    await expect(shown(mine.locator('.feedback[data-kind="message"]'))).resolves.toMatch(/^Not done yet/);
    const toasts = ja.locator('jam-toast-stack li');
    const told = toasts.filter({ hasText: 'Aiko さんが「キー操作」のラボの進捗を確認しました。まだ完了していません' });
    await told.waitFor(WAIT);
    await expect(shown(told)).resolves.toMatch(
      /^Aiko さんが「キー操作」のラボの進捗を確認しました。まだ完了していません（\d+ 項目中 \d+ 項目が完了）。このタスクで確認できる残り回数: 4 回/,
    );
    // The wrong attempt's event arrived too: it adds nothing, and the checker hears nothing.
    await ja.waitForTimeout(1500);
    await expect(toasts.count()).resolves.toBe(1);
    await expect(toasts.filter({ hasText: '誤答' }).count()).resolves.toBe(0);
    await expect(en.locator('jam-toast-stack li').count()).resolves.toBe(0);
    await screenshot(ja, 'check-toast-phone-ja');
    await expectAxeClean(ja, 'failed check toast (ja, phone)');

    const theirs = card(ja, 'fix-the-stream');
    await theirs.locator('button[type="submit"]', { hasText: '進捗を確認' }).click();
    const english = en.locator('jam-toast-stack li', { hasText: 'Ren checked the lab of “Keys”: not done yet' });
    await expect(shown(english)).resolves.toMatch(/^Ren checked the lab of “Keys”: not done yet \(\d+ of \d+ done\)\. Checks left on that task: 3/);
    await en.waitForTimeout(1500);
    await expect(en.locator('jam-toast-stack li').count()).resolves.toBe(1);
    await expect(en.locator('jam-toast-stack li', { hasText: 'wrong answer' }).count()).resolves.toBe(0);
    await screenshot(en, 'check-toast-en');
  });
});
