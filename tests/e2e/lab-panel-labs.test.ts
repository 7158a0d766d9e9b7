import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR, pressCheck } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const run = promisify(execFile);
const reason = browserSkipReason() ?? (fs.existsSync('/usr/bin/curl') ? undefined : '/usr/bin/curl is missing');
const root = path.resolve(import.meta.dirname, '../..');
const WAIT = { timeout: 15_000 };
const CHALLENGE = 'aurora-limitless-routers';

async function text(locator: Locator): Promise<string> {
  await locator.first().waitFor(WAIT);
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees (innerText follows the layout)
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function screenshot(page: Page, name: string, focus?: Locator): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await focus?.scrollIntoViewIfNeeded(WAIT);
  await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))), null, WAIT);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `lab-panel-${name}.png`) });
}

async function join(page: Page, url: string, name: string, language: 'en' | 'ja'): Promise<void> {
  await page.goto(`${url}/?code=E2EJAM`);
  await page.locator('jam-join-view input[name="displayName"]').fill(name, WAIT);
  await page.locator('jam-join-view select[name="language"]').selectOption(language, WAIT);
  await page.locator('jam-join-view button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view h1').waitFor(WAIT);
}

const card = (page: Page, taskId: string) => page.locator(`jam-task-card:has(article[aria-labelledby="task-${taskId}"])`);

describe.skipIf(Boolean(reason))(`the lab panel of the new labs in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let en: BrowserContext;
  let ja: BrowserContext;
  let p1: Page;
  let p2: Page;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/ensure-client.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'challenges') })]);
    en = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    ja = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true, hasTouch: true });
    p1 = await en.newPage();
    p2 = await ja.newPage();
    await join(p1, server.url, 'Aiko', 'en');
    await p1.locator('jam-lobby-view input[name="value"]').first().fill('Kumo');
    await p1.locator('jam-lobby-view form').first().locator('button[type="submit"]').click();
    const code = await text(p1.locator('jam-team-card .code strong'));
    await join(p2, server.url, 'Ren', 'ja');
    await p2.locator('jam-lobby-view #code').fill(code);
    await p2.locator('jam-lobby-view form').nth(1).locator('button[type="submit"]').click();
    await p2.locator('jam-lobby-view jam-team-card li', { hasText: 'Aiko' }).waitFor(WAIT);
    const login = await fetch(`${server.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.adminToken }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    expect((await fetch(`${server.url}/api/admin/event/start`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    await p1.locator('jam-board-view').waitFor(WAIT);
  }, 180_000);

  afterAll(async () => {
    await en?.close();
    await ja?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the Lambda lab’s credentials, function, log group and first command', async () => {
    await p1.goto(`${server.url}/c/lambda-tuning`);
    const panel = card(p1, 'right-size-memory').locator('jam-lab-panel');
    expect(await text(panel.locator('dl'))).toMatch(
      /Access key ID AKIA[A-Z2-7]{16} Secret access key \S{40} Function name jam-thumbnailer Log group name \/aws\/lambda\/jam-thumbnailer$/,
    );
    expect(await text(panel.locator('.snippet pre').first())).toBe(
      `aws logs describe-log-streams --log-group-name /aws/lambda/jam-thumbnailer --endpoint-url ${server.url}/labs/aws --region ap-northeast-1`,
    );
    await screenshot(p1, 'lambda-en', panel);
  });

  it('plays the Aurora Limitless lab from the panel: first command, progress, and the task turning green', async () => {
    await p1.goto(`${server.url}/c/${CHALLENGE}`);
    await p2.goto(`${server.url}/c/${CHALLENGE}`);
    const panel = card(p1, 'checkout-one-shard').locator('jam-lab-panel');
    expect(await text(panel.locator('p.muted').first())).toContain('press Check my progress');
    expect(await text(panel.locator('dl'))).toMatch(/SQL endpoint http:\/\/127\.0\.0\.1:\d+\/labs\/limitless\/sql Database postgres_limitless$/);
    const first = await text(panel.locator('.snippet pre').first());
    expect(first).toMatch(
      /^curl -u "AWS:\S+" http:\/\/127\.0\.0\.1:\d+\/labs\/limitless\/sql --data-binary 'EXPLAIN SELECT \* FROM customers WHERE customer_id = 42'$/,
    );
    await screenshot(p1, 'limitless-en', panel);

    // The player pastes the first command in a terminal.
    const token = /AWS:(\S+)"/.exec(first)?.[1] ?? '';
    const sqlEndpoint = `${server.url}/labs/limitless/sql`;
    const { stdout } = await run('/usr/bin/curl', [
      '-s',
      '-u',
      `AWS:${token}`,
      sqlEndpoint,
      '--data-binary',
      'EXPLAIN SELECT * FROM customers WHERE customer_id = 42',
    ]);
    expect(stdout).toContain('Single Shard Optimized');

    const task2 = card(p2, 'checkout-one-shard');
    await pressCheck(task2, '進捗を確認');
    expect(await text(task2.locator('.progress li.missing').first())).toContain('シングルシャードのトランザクションとしてコミットされた');
    await screenshot(p2, 'limitless-progress-ja', task2.locator('.progress'));

    const script = `BEGIN;
INSERT INTO orders (order_id, customer_id, total) VALUES (9001, 42, 3980);
INSERT INTO order_items (order_id, customer_id, product_id, qty, price) VALUES (9001, 42, 7, 2, 1990);
COMMIT;
BEGIN; UPDATE inventory SET stock = stock - 2 WHERE product_id = 7; COMMIT;`;
    await run('/usr/bin/curl', ['-s', '-u', `AWS:${token}`, sqlEndpoint, '--data-binary', script]);
    const task1 = card(p1, 'checkout-one-shard');
    await pressCheck(task1, 'Check my progress');
    // 800 less the task's wrongPenalty (80) for the failed check above.
    await task1.locator('.result', { hasText: 'Solved: 720 points awarded' }).waitFor(WAIT);
    await card(p2, 'checkout-one-shard').locator('.result', { hasText: '720 点を獲得しました' }).waitFor(WAIT);
    await screenshot(p1, 'limitless-solved-en', task1.locator('.result'));
  });

  it('names every resource of every bundled lab panel in words, in English and in Japanese', async () => {
    type Detail = { tasks: { id: string; solved: boolean; answer: { type: string; resources?: Record<string, string> } }[] };
    const list = (await p1.evaluate(async () => (await fetch('/api/challenges')).json())) as { challenges: { id: string; locked?: boolean }[] };
    const labs = new Set<string>();
    for (const { id, locked } of list.challenges) {
      if (locked) continue;
      const detail = (await p1.evaluate(async (c) => (await fetch(`/api/challenges/${c}`)).json(), id)) as Detail;
      // A solved task shows its result instead of the panel (the Limitless one, solved above, was checked there).
      const tasks = detail.tasks.filter((t) => !t.solved && (t.answer.type === 'lab' || t.answer.type === 'check'));
      for (const task of tasks.slice(0, 1)) {
        const keys = Object.keys(task.answer.resources ?? {});
        labs.add(`${id}/${task.id}`);
        const rows: Record<'en' | 'ja', string[]> = { en: [], ja: [] };
        for (const [language, page] of [
          ['en', p1],
          ['ja', p2],
        ] as const) {
          await page.goto(`${server.url}/c/${id}`);
          const names = card(page, task.id).locator('jam-lab-panel dt');
          await names.first().waitFor(WAIT);
          rows[language] = (await names.allInnerTexts()).map((name) => name.trim());
          // No raw key ("osakaRegion", "tableName") is left for a player to decode.
          for (const key of keys) expect(rows[language], `${id}/${task.id} (${language})`).not.toContain(key);
        }
        // Japanese players read Japanese labels: every row differs from the English one.
        const same = rows.en.filter((name, i) => name === rows.ja[i]);
        expect(same, `${id}/${task.id}`).toEqual([]);
        await screenshot(p2, `resources-${id}-ja`, card(p2, task.id).locator('jam-lab-panel dl'));
      }
    }
    // Every other bundled lab has its panel checked here.
    expect(labs.size).toBeGreaterThanOrEqual(6);
  });
});
