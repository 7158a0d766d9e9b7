import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ensureClient, httpAdmin, settle, shoot } from './admin-support.ts';
import { expectAxeClean } from './axe.ts';

const reason = browserSkipReason();
const root = path.resolve(import.meta.dirname, '../..');
const WAIT = { timeout: 10_000 };
/** The count task's first clue turns free one minute of running time into the event. */
const RELEASE_WAIT = { timeout: 100_000 };

async function joinWithTeam(page: Page, server: ServerProcess, name: string, team: string, language: 'en' | 'ja'): Promise<void> {
  await page.goto(`${server.url}/?code=${server.eventCode}`);
  await page.locator('jam-join-view input[name="displayName"]').fill(name, WAIT);
  await page.locator('jam-join-view select[name="language"]').selectOption(language, WAIT);
  await page.locator('jam-join-view button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view input[name="value"]').first().fill(team, WAIT);
  await page.locator('jam-lobby-view form').first().locator('button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view jam-team-card').waitFor(WAIT);
}

const task = (page: Page, taskId: string): Locator => page.locator(`jam-task-card:has(article[aria-labelledby="task-${taskId}"])`);
const card = (page: Page, title: string): Locator => page.locator('jam-challenge-card').filter({ has: page.locator('h3', { hasText: title }) });
// biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees (innerText follows the layout)
const text = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/**
 * The fair-play rules a player meets on a task card, in English and in Japanese: attempts
 * left before answering and a closed state after the last one, the price of a wrong answer,
 * a locked card with its reason, a clue that says when it turns free and then does, without
 * a reload, and the award broken down once solved.
 */
describe.skipIf(Boolean(reason))(`fair-play rules on the task card in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let en: Page;
  let ja: Page;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'tests/fixtures/fair-play-browser') })]);
    const open = async (locale: string) => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale })).newPage();
      page.setDefaultTimeout(10_000);
      page.on('pageerror', (error) => globalThis.console.error(`[${locale} page]`, error.message));
      return page;
    };
    [en, ja] = await Promise.all([open('en-US'), open('ja-JP')]);
    await joinWithTeam(en, server, 'Aiko', 'Kumo', 'en');
    await joinWithTeam(ja, server, 'Ren', 'Sora', 'ja');
    await (await httpAdmin(server)).act('start');
    // Kumo pays for the count task's first clue and answers it wrong once, before the clue turns free.
    const post = (url: string, data: unknown) => en.request.post(`${server.url}${url}`, { data, headers: { origin: server.url } });
    expect((await post('/api/challenges/guessing/tasks/count/clues/1', {})).status()).toBe(200);
    expect(await (await post('/api/challenges/guessing/tasks/count/attempts', { answer: '5' })).json()).toMatchObject({ correct: false });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows a locked card with its reason, in English and Japanese', async () => {
    await card(en, 'After the guessing').locator('[data-locked]').waitFor(WAIT);
    expect(await card(en, 'After the guessing').locator('.reason').allTextContents()).toEqual(['Solve Guessing first']);
    await card(ja, '当てずっぽうの後で').locator('[data-locked]').waitFor(WAIT);
    expect(await card(ja, '当てずっぽうの後で').locator('.reason').allTextContents()).toEqual(['先に「当てずっぽう」を解いてください']);
  });

  it('shows the attempts left and the price of a wrong answer before the first answer, and when a clue turns free', async () => {
    await en.goto(`${server.url}/c/guessing`);
    const pick = task(en, 'pick');
    expect(await text(pick.locator('.rules'))).toBe(
      '2 of 2 attempts left · Each wrong answer: −25 points Wrong answers come off this task’s award when it is solved.',
    );
    // Kumo paid for the first clue: it is open, at its price; the second has no release time.
    const count = task(en, 'count');
    expect(await text(count.locator('.clue h3'))).toBe('Clue 1 (−20)');
    expect(await count.locator('.free-in').count()).toBe(0);
    await ja.goto(`${server.url}/c/guessing`);
    expect(await text(task(ja, 'pick').locator('.rules'))).toBe(
      '回答の残り回数: 2 回（全 2 回） · 誤答 1 回につき −25 点 誤答の減点は、このタスクを解決したときに獲得点から差し引かれます。',
    );
    const jaCount = task(ja, 'count');
    expect(await text(jaCount.locator('.free-in'))).toBe('あと 1 分で無料');
    await expectAxeClean(en, 'the task cards with their rules (en)');
    await expectAxeClean(ja, 'the task cards with their rules (ja)');
    await settle(en);
    await shoot(en, 'fair-play-rules-before-en', [[1280, 900]]);
    await jaCount.scrollIntoViewIfNeeded();
    await shoot(ja, 'fair-play-rules-before-ja', [[1280, 900]]);
    // Paying for a clue that turns free soon: the confirmation says waiting costs nothing.
    await jaCount.getByRole('button', { name: 'ヒント 1（−20）' }).click();
    const note = jaCount.locator('jam-dialog[open] .release-note');
    expect(await text(note)).toBe('待つこともできます。このヒントはあと 1 分で全チームに無料で公開されます。');
    await ja.keyboard.press('Escape');
    await note.waitFor({ state: 'detached', ...WAIT });
  });

  it('counts down the attempts as the team answers wrong, then closes the task', async () => {
    const pick = task(en, 'pick');
    await pick.getByLabel('SQS standard queue').check();
    await pick.getByRole('button', { name: 'Submit' }).click();
    await pick.locator('.feedback', { hasText: 'Not quite. Attempts left: 1.' }).waitFor(WAIT);
    await pick.locator('.rules', { hasText: '1 of 2 attempts left' }).waitFor(WAIT);
    expect(await text(pick.locator('.rules'))).toContain('Wrong answers so far: 1 (−25)');
    expect(await text(pick.locator('.points'))).toBe('100 possible · 0 clue penalty · 75 available');
    // A keyboard player picks with the arrow keys and presses Enter on Submit.
    await pick.getByLabel('SQS standard queue').press('ArrowDown');
    expect(await pick.getByLabel('SNS topic').isChecked()).toBe(true);
    await pick.getByRole('button', { name: 'Submit' }).press('Enter');
    await pick.locator('.closed-note', { hasText: 'No attempts left. Your team has used all 2 wrong answers this task allows.' }).waitFor(WAIT);
    expect(await pick.locator('form').count()).toBe(0);
    // The form went away under the player's focus: it follows to the closed note.
    expect(await pick.locator('.closed-note').evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(await text(pick.locator('.badge.closed'))).toBe('No attempts left');
    await settle(en);
    await shoot(en, 'fair-play-rules-closed-en', [[1280, 900]]);
  });

  it('prices a wrong answer before the solve, in Japanese', async () => {
    const count = task(ja, 'count');
    const input = count.locator('input[type="text"]');
    await input.fill('4');
    await input.press('Enter');
    await count.locator('.feedback', { hasText: '不正解です' }).waitFor(WAIT);
    await count.locator('.rules', { hasText: 'これまでの誤答: 1 回（−10 点）' }).waitFor(WAIT);
    expect(await text(count.locator('.points'))).toBe('配点 100 · ヒントによる減点 0 · 獲得可能 90');
  });

  it('turns the clue free on time for every team, without a reload, with a notice', { timeout: 120_000 }, async () => {
    const enClue = task(en, 'count').locator('.clue', { hasText: 'A split turns one shard into two.' });
    const jaClue = task(ja, 'count').locator('.clue', { hasText: '分割すると 1 つのシャードが 2 つになります。' });
    await jaClue.locator('h3', { hasText: '全チーム無料' }).waitFor(RELEASE_WAIT);
    expect(await text(jaClue.locator('h3'))).toBe('ヒント 1 (全チーム無料)');
    // Kumo paid for it before: what it paid stays paid.
    expect(await text(enClue.locator('h3'))).toBe('Clue 1 (−20)');
    await en.locator('jam-toast-stack li', { hasText: 'Clue 1 of task 2 (Count the shards) in “Guessing” is now free for every team' }).waitFor(WAIT);
    await ja
      .locator('jam-toast-stack li', { hasText: '「当てずっぽう」のタスク 2（シャードを数える）のヒント 1 が、全チーム無料で見られるようになりました' })
      .waitFor(WAIT);
    // The next clue is not free: it still costs its penalty, and may now be unlocked.
    expect(await task(ja, 'count').getByRole('button', { name: 'ヒント 2（−30）' }).isEnabled()).toBe(true);
    await settle(ja);
    await shoot(en, 'fair-play-rules-released-en', [[1280, 900]]);
    await shoot(ja, 'fair-play-rules-released-ja', [[1280, 900]]);
  });

  it('breaks the award down once solved, in English and Japanese', async () => {
    const enCount = task(en, 'count');
    const enInput = enCount.locator('input[type="text"]');
    await enInput.fill('3');
    await enInput.press('Enter');
    await enCount.locator('.result', { hasText: 'Solved: 70 points awarded' }).waitFor(WAIT);
    expect(await text(enCount.locator('.breakdown'))).toBe('100 − 20 clue − 10 wrong = 70');
    await settle(en);
    await shoot(en, 'fair-play-rules-breakdown-en', [[1280, 900]]);

    const count = task(ja, 'count');
    const input = count.locator('input[type="text"]');
    await input.fill('３');
    await input.press('Enter');
    await count.locator('.result', { hasText: '正解です。90 点を獲得しました' }).waitFor(WAIT);
    expect(await text(count.locator('.breakdown'))).toBe('100 − 誤答 10 = 90');
    await settle(ja);
    await shoot(ja, 'fair-play-rules-breakdown-ja', [[1280, 900]]);
  });

  it('fits a phone and passes axe once closed and solved, in English and Japanese', async () => {
    for (const [page, lang] of [
      [en, 'en'],
      [ja, 'ja'],
    ] as const) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/c/guessing`);
      await task(page, 'count').locator('.breakdown').waitFor(WAIT);
      // Nothing wider than the phone: the rules, the closed note and the breakdown wrap.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await expectAxeClean(page, `the closed and solved tasks on a phone (${lang})`);
      await shoot(page, `fair-play-rules-phone-${lang}`, [[390, 844]]);
      await task(page, 'count').locator('.result').scrollIntoViewIfNeeded();
      await shoot(page, `fair-play-rules-phone-solved-${lang}`, [[390, 844]]);
    }
  });
});
