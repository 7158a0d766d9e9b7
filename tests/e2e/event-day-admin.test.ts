import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { freePort } from '../support/postgres-cluster.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { adminSignIn, confirmAction, ensureClient, httpPlayer, shoot, type HttpPlayer } from './admin-support.ts';
import { expectAxeClean } from './axe.ts';

const reason = browserSkipReason();
const TABS = ['room', 'teams', 'submissions', 'stuck', 'support', 'announcements', 'challenges', 'adjustments', 'settings', 'export'];

async function shown(locator: Locator): Promise<string> {
  await locator.first().waitFor();
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

const openTab = (page: Page, tab: string) => page.locator(`jam-admin-tabs #tab-${tab}`).click();

async function setLanguage(page: Page, lang: 'en' | 'ja'): Promise<void> {
  await page.locator(`jam-admin > header jam-language-switch button[lang="${lang}"]`).click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
}

describe.skipIf(Boolean(reason))(`the admin console on event day${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let page: Page;
  let kumo: HttpPlayer;
  let publicUrl = '';

  beforeAll(async () => {
    ensureClient();
    const port = await freePort();
    // The room's address as players type it, not the one this browser uses.
    publicUrl = `http://jam.example.test:${port}`;
    [browser, server] = await Promise.all([
      launchBrowser(),
      startServerProcess({ challengesDir: 'tests/fixtures/game', env: { PORT: String(port), PUBLIC_URL: publicUrl } }),
    ]);
    kumo = await httpPlayer(server, 'Ann', 'Kumo', 'ja');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  afterEach(async () => {
    if (await page.locator('jam-dialog[open]').count()) await page.keyboard.press('Escape');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the event code, the join address from PUBLIC_URL and its QR code in the Room tab', async () => {
    await adminSignIn(page, server);
    await openTab(page, 'room');
    const room = page.locator('jam-admin-room');
    await expect(shown(room.locator('.code'))).resolves.toBe(server.eventCode);
    await expect(shown(room.locator('.url'))).resolves.toBe(new URL(publicUrl).host);
    const joinUrl = `${publicUrl}/?code=${server.eventCode}`;
    await room.locator(`a[href="${joinUrl}"]`).waitFor();
    // The QR code carries the same link (its markup is checked against the QR library in the startup tests).
    await room.locator(`.qr[aria-label="QR code for ${joinUrl}"] svg`).waitFor();
    await expect(room.locator('.warning').count()).resolves.toBe(0);
    await expect(shown(room.locator('.join p.small'))).resolves.toContain('From PUBLIC_URL');
    await expectAxeClean(page, 'admin room (en)');
    await shoot(page, 'admin-join-panel-en', [[1440, 900]]);
    await setLanguage(page, 'ja');
    await room.locator('h3', { hasText: '参加方法' }).waitFor();
    await expectAxeClean(page, 'admin room (ja)');
    await shoot(page, 'admin-join-panel-ja', [[1440, 900]]);
    await setLanguage(page, 'en');
  });

  it('sets the screen’s language from the Room tab', async () => {
    const room = page.locator('jam-admin-room');
    await room.locator('select[name="screenLanguage"]').selectOption('both');
    await page.locator('jam-admin jam-toast-stack li', { hasText: 'Screen language saved' }).waitFor();
    const event = (await (await fetch(`${server.url}/api/event`)).json()) as { screenLanguage: string | null };
    expect(event.screenLanguage).toBe('both');
  });

  it('says in Settings that the server does not translate chat, and which browsers still do', async () => {
    await openTab(page, 'settings');
    await expect(shown(page.locator('jam-admin-settings .translation p'))).resolves.toBe(
      'Off on the server (TRANSLATE_PROVIDER=none): messages are not translated by the server. Players using Chrome or Edge still see them translated on their own device.',
    );
    await setLanguage(page, 'ja');
    await expect(shown(page.locator('jam-admin-settings .translation p'))).resolves.toContain('サーバーでの翻訳はオフです');
    await setLanguage(page, 'en');
  });

  it('states the freeze the same way in the event bar and in Settings, before the start and once frozen by hand', async () => {
    const bar = page.locator('jam-admin-event-bar .freeze-status');
    const settings = page.locator('jam-admin-settings .freeze-status');
    await expect(shown(bar)).resolves.toBe('Freezes 30 min before the end');
    await expect(shown(settings)).resolves.toBe('Freezes 30 min before the end');
    await confirmAction(page, 'start');
    await bar.filter({ hasText: /^Freezes at .* \(30 min before the end\)$/ }).waitFor();
    await confirmAction(page, 'freeze');
    await bar.filter({ hasText: 'Frozen by hand since' }).waitFor();
    await expect(shown(settings)).resolves.toBe(await shown(bar));
    await setLanguage(page, 'ja');
    await bar.filter({ hasText: 'から手動で凍結中' }).waitFor();
    await expect(shown(settings)).resolves.toBe(await shown(bar));
    await setLanguage(page, 'en');
  });

  it('sends an announcement in English and Japanese with its line breaks, hiding “After 1 minute”', async () => {
    await openTab(page, 'announcements');
    const form = page.locator('jam-admin-announcements');
    await form.locator('select[name="dismiss"] option', { hasText: /^After 1 minute$/ }).waitFor({ state: 'attached' });
    await form.locator('select[name="dismiss"]').selectOption('60');
    await form.getByLabel('Message in English').fill('Lunch is in room B.\nBring your badge.');
    await form.getByLabel('Message in Japanese (日本語)').fill('昼食は B 会議室です。\n名札をお持ちください。');
    await form.locator('button[type="submit"]').click();
    const dialog = form.locator('jam-dialog[open]');
    await expect(dialog.locator('p', { hasText: 'Bring your badge' }).evaluate((p) => getComputedStyle(p).whiteSpace)).resolves.toBe('pre-line');
    await dialog.locator('button.confirm').click();
    await dialog.waitFor({ state: 'detached' });
    const list = await kumo.call<{ announcements: Array<{ text: string; texts: Record<string, string> }> }>('GET', '/api/announcements');
    expect(list.body.announcements[0]?.texts).toEqual({ en: 'Lunch is in room B.\nBring your badge.', ja: '昼食は B 会議室です。\n名札をお持ちください。' });
    await form.locator('td span[lang="ja"]', { hasText: '名札をお持ちください。' }).waitFor();
    await setLanguage(page, 'ja');
    await form.locator('select[name="dismiss"] option', { hasText: /^1 分後$/ }).waitFor({ state: 'attached' });
    await setLanguage(page, 'en');
  });

  it('sends a support reply on Enter, breaks the line on Shift+Enter, and leaves an IME’s Enter alone, as the players’ chat does', async () => {
    await kumo.call('POST', '/api/team/support', { text: 'ラボにつながりません' });
    await openTab(page, 'support');
    await page.locator('jam-admin-support button.thread', { hasText: 'Kumo' }).click();
    const box = page.locator('jam-admin-support textarea[name="reply"]');
    await box.fill('Looking now.');
    await box.press('Shift+Enter');
    await box.pressSequentially('Try again in a minute.');
    // Enter that confirms a Japanese conversion must not send.
    await box.evaluate((el) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true })));
    await expect(box.inputValue()).resolves.toBe('Looking now.\nTry again in a minute.');
    await box.press('Enter');
    await page.locator('jam-admin-support .messages li', { hasText: 'Try again in a minute.' }).waitFor();
    await expect(box.inputValue()).resolves.toBe('');
    const thread = await kumo.call<{ messages: Array<{ text: string }> }>('GET', '/api/team/support');
    expect(thread.body.messages.at(-1)?.text).toBe('Looking now.\nTry again in a minute.');
  });

  it('is free of serious accessibility problems on every tab, in English and Japanese', { timeout: 60_000 }, async () => {
    for (const lang of ['en', 'ja'] as const) {
      await setLanguage(page, lang);
      for (const tab of TABS) {
        await openTab(page, tab);
        await page.locator('jam-admin-tabs [role="tabpanel"] h2').first().waitFor();
        await expectAxeClean(page, `admin ${tab} (${lang})`);
      }
    }
    await setLanguage(page, 'en');
  });

  it('paces the results on the screens from the event bar after the reveal', async () => {
    await confirmAction(page, 'end');
    await confirmAction(page, 'reveal', /Space on the screen’s keyboard/);
    const finale = page.locator('jam-admin-event-bar .finale');
    await expect(shown(finale.locator('.finale-now'))).resolves.toContain('by themselves');
    await finale.locator('button[data-finale="next"]', { hasText: 'Next: 3rd place' }).click();
    await finale.locator('.finale-now', { hasText: 'On the screens: 3rd place' }).waitFor();
    await finale.locator('button[data-finale="next"]', { hasText: 'Next: 2nd place' }).click();
    await finale.locator('.finale-now', { hasText: 'On the screens: 2nd place' }).waitFor();
    const event = (await (await fetch(`${server.url}/api/event`)).json()) as { finaleStep: number | null };
    expect(event.finaleStep).toBe(2);
    await expectAxeClean(page, 'admin event bar after the reveal (en)');
    await finale.locator('button[data-finale="auto"]').click();
    await finale.locator('.finale-now', { hasText: 'by themselves' }).waitFor();
  });
});
