import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { ensureClient, httpAdmin, shoot } from './admin-support.ts';
import { expectAxeClean } from './axe.ts';

const reason = browserSkipReason();

interface Card {
  id: string;
  category: string;
  summary: string;
}

/** The board as a player sees it: category headings in order, and every card's summary. */
function board(page: Page): Promise<{ headings: string[]; summaries: string[] }> {
  return page.locator('jam-board-view').evaluate((view) => {
    const root = view.shadowRoot as ShadowRoot;
    // The heading's own text, without the count beside it.
    const headings = [...root.querySelectorAll('section h2')].map((h) =>
      [...h.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim(),
    );
    const summaries = [...root.querySelectorAll('jam-challenge-card')].map((c) => c.shadowRoot?.querySelector('.summary')?.textContent ?? '');
    return { headings, summaries };
  });
}

/** The bundled challenge set, as a team meets it on the day. */
describe.skipIf(Boolean(reason))(`the board of the bundled challenges${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;

  beforeAll(async () => {
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess()]);
    await (await httpAdmin(server)).act('start');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['en', 'ja'] as const) {
    it(`opens with the warm-up, keeps the categories in the order of the files, and shows plain summaries (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${server.url}/?code=${server.eventCode}`);
      await page.locator('jam-join-view input[name="displayName"]').fill(lang === 'ja' ? '蓮' : 'Aiko');
      await page.locator('jam-join-view select[name="language"]').selectOption(lang);
      await page.locator('jam-join-view button[type="submit"]').click();
      await page.locator('jam-lobby-view input[name="value"]').first().fill(`Board ${lang}`);
      await page.locator('jam-lobby-view form').first().locator('button[type="submit"]').click();
      await page.locator('jam-challenge-card').first().waitFor();

      const { challenges } = (await page.evaluate(async () => (await fetch('/api/challenges')).json())) as { challenges: Card[] };
      const categories = [...new Set(challenges.map((c) => c.category))];
      expect(categories[0]).toBe('Warm-up');
      const shown = await board(page);
      expect(shown.headings).toHaveLength(categories.length);
      expect(shown.headings[0]).toBe(lang === 'ja' ? 'ウォームアップ' : 'Warm-up');
      if (lang === 'en') expect(shown.headings).toEqual(categories);
      // Every category reads in Japanese on the Japanese board.
      else for (const heading of shown.headings) expect(heading).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      // Summaries read as sentences: no Markdown marks left in them.
      for (const summary of shown.summaries) expect(summary).not.toMatch(/`|\*\*|\]\(|^#/);
      await expectAxeClean(page, `board of the bundled set (${lang})`);
      await shoot(page, `phone-board-bundled-${lang}`, [[390, 844]], true);
      await context.close();
    });
  }
});
