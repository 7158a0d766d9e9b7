import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { adminSignIn, ensureClient, httpAdmin, settle, shoot } from './admin-support.ts';

const reason = browserSkipReason();
const root = path.resolve(import.meta.dirname, '../..');
const WAIT = { timeout: 10_000 };

/** Joins through the join and lobby views and creates a team. */
async function joinWithTeam(page: Page, server: ServerProcess, name: string, team: string, language: 'en' | 'ja'): Promise<void> {
  await page.goto(`${server.url}/?code=${server.eventCode}`);
  await page.locator('jam-join-view input[name="displayName"]').fill(name, WAIT);
  await page.locator('jam-join-view select[name="language"]').selectOption(language, WAIT);
  await page.locator('jam-join-view button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view input[name="value"]').first().fill(team, WAIT);
  await page.locator('jam-lobby-view form').first().locator('button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view jam-team-card').waitFor(WAIT);
}

const card = (page: Page, title: string): Locator => page.locator('jam-challenge-card').filter({ has: page.locator('h3', { hasText: title }) });

/**
 * Fair-play rules as players and facilitators meet them in the browser, in English and in
 * Japanese: locked cards that say why, opening live when the rule holds or an admin opens
 * them, a held-back challenge put in play, and the admin preview that records nothing.
 */
describe.skipIf(Boolean(reason))(`fair-play rules in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let en: Page;
  let ja: Page;
  let adminPage: Page;
  let admin: Awaited<ReturnType<typeof httpAdmin>>;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'tests/fixtures/fair-play') })]);
    admin = await httpAdmin(server);
    const open = async (locale: string, width = 1280, height = 900) => {
      const page = await (await browser.newContext({ viewport: { width, height }, locale })).newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => globalThis.console.error(`[${locale} page]`, error.message));
      return page;
    };
    [en, ja, adminPage] = await Promise.all([open('en-US'), open('ja-JP'), open('en-US', 1440, 900)]);
    await joinWithTeam(en, server, 'Aiko', 'Kumo', 'en');
    await joinWithTeam(ja, server, 'Ren', 'Sora', 'ja');
    await admin.act('start');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows locked cards with their reason, in order, in English and Japanese', async () => {
    await card(en, 'Gated').locator('[data-locked]').waitFor(WAIT);
    expect(await en.locator('jam-challenge-card h3').allTextContents()).toEqual(['Warm-up', 'Timed', 'Gated', 'Several flags']);
    expect(await card(en, 'Gated').locator('.reason').allTextContents()).toEqual(['Solve Warm-up first']);
    expect(await card(en, 'Timed').locator('.reason').allTextContents()).toEqual(['Opens at 1:30 into the event']);
    expect(await card(en, 'Warm-up').locator('a.card').count()).toBe(1);
    await card(ja, '前提つき').locator('[data-locked]').waitFor(WAIT);
    expect(await card(ja, '前提つき').locator('.reason').allTextContents()).toEqual(['先に「ウォームアップ」を解いてください']);
    expect(await card(ja, '時間で開く').locator('.reason').allTextContents()).toEqual(['イベント開始から 1:30 後に開きます']);
    await shoot(en, 'fair-play-board-locked-en', [[1280, 900]]);
    await shoot(ja, 'fair-play-board-locked-ja', [[1280, 900]]);
    await shoot(ja, 'fair-play-board-locked-ja-phone', [[390, 844]], true);
  });

  it('opens a card live when the team solves its prerequisite', async () => {
    const solved = await en.request.post(`${server.url}/api/challenges/warm-up/tasks/hello/attempts`, {
      data: { answer: 'hello' },
      headers: { origin: server.url },
    });
    expect(await solved.json()).toMatchObject({ correct: true });
    await card(en, 'Gated').locator('a.card').waitFor(WAIT);
    // Only Kumo solved it: Sora's card stays locked.
    expect(await card(ja, '前提つき').locator('[data-locked]').count()).toBe(1);
  });

  it('lets an admin put a held-back challenge in play and open a locked one for everyone, live on the boards', async () => {
    await adminSignIn(adminPage, server);
    await adminPage.locator('jam-admin-tabs #tab-challenges').click();
    const row = (id: string) => adminPage.locator(`jam-admin-challenges tr[data-challenge="${id}"]`);
    await row('secret').getByText('Held back (hidden: true)').waitFor(WAIT);
    await row('timed').getByText('Locked: at 1:30 into the event').waitFor(WAIT);
    await settle(adminPage);
    await shoot(adminPage, 'fair-play-admin-challenges-en', [[1440, 900]], true);

    await row('secret').locator('button[data-action="release"]').click();
    const confirm = adminPage.locator('jam-admin-challenges jam-confirm jam-dialog[open]');
    await confirm.getByText('Every team sees it on the board at once.').waitFor(WAIT);
    await confirm.locator('button.confirm').click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    await card(ja, '秘密').waitFor(WAIT);
    await card(en, 'Secret').waitFor(WAIT);

    await row('timed').locator('button[data-action="open"]').click();
    await confirm.locator('button.confirm').click();
    await confirm.waitFor({ state: 'detached', ...WAIT });
    await card(ja, '時間で開く').locator('a.card').waitFor(WAIT);
    await row('timed').getByText('Open for everyone', { exact: true }).first().waitFor(WAIT);
    await shoot(ja, 'fair-play-board-opened-ja', [[1280, 900]]);
  });

  it('previews a challenge with its keys and tries answers without recording them', async () => {
    const before = await admin.call<{ submissions: unknown[] }>('GET', '/api/admin/submissions');
    const row = adminPage.locator('jam-admin-challenges tr[data-challenge="secret"]');
    await row.getByRole('button', { name: 'Preview Secret' }).click();
    const dialog = adminPage.locator('jam-admin-challenges jam-dialog.preview[open]');
    const preview = dialog.locator('jam-admin-preview');
    await preview.getByText('secret-key-7781').waitFor(WAIT);
    await preview.getByText('Locked clue text 5521.').waitFor(WAIT);
    await preview.getByText('Debrief text 9034.').waitFor(WAIT);
    const input = preview.locator('jam-answer-input input').first();
    await input.fill('not it');
    await input.press('Enter');
    await preview.locator('.result.wrong', { hasText: 'Not correct' }).waitFor(WAIT);
    await input.fill('secret-key-7781');
    await preview.getByRole('button', { name: 'Try' }).click();
    await preview.locator('.result.correct', { hasText: 'Correct' }).waitFor(WAIT);
    await settle(adminPage);
    await shoot(adminPage, 'fair-play-preview-en', [[1440, 900]]);
    const after = await admin.call<{ submissions: unknown[] }>('GET', '/api/admin/submissions');
    expect(after.body.submissions).toEqual(before.body.submissions);
    const board = await admin.call<{ teams: Array<{ name: string; score: number }> }>('GET', '/api/scoreboard');
    expect(board.body.teams.find((t) => t.name === 'Sora')?.score).toBe(0);
    await adminPage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', ...WAIT });
  });

  it('speaks Japanese in the adminPage and its preview', async () => {
    await adminPage.goto(`${server.url}/admin?lang=ja`);
    await adminPage.locator('jam-admin-tabs #tab-challenges').click();
    const row = adminPage.locator('jam-admin-challenges tr[data-challenge="gated"]');
    await row.getByText('全チームに公開', { exact: true }).first().waitFor(WAIT);
    await adminPage.locator('jam-admin-challenges tr[data-challenge="flags"]').getByRole('button', { name: '「複数のフラグ」をプレビュー' }).click();
    const preview = adminPage.locator('jam-admin-challenges jam-dialog.preview[open] jam-admin-preview');
    await preview.getByText('不正解は 3 回まで').waitFor(WAIT);
    await preview.getByText('flag{a  b} (大文字と小文字を区別) (入力どおりに比較)').waitFor(WAIT);
    const input = preview.locator('jam-answer-input input').first();
    await input.fill('flag{a}b');
    await input.press('Enter');
    await preview.locator('.result.wrong', { hasText: '不正解です' }).waitFor(WAIT);
    await settle(adminPage);
    await shoot(adminPage, 'fair-play-preview-ja', [[1440, 900]]);
  });
});
