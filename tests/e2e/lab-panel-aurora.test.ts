import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DescribeDBClustersCommand, FailoverGlobalClusterCommand } from '@aws-sdk/client-rds';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rds } from '../server/integration/labs/aws-support.ts';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR, pressCheck } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const reason = browserSkipReason();
const root = path.resolve(import.meta.dirname, '../..');
// A check right after a lab call waits on the server and the lab under a whole suite: 15 s, as lab-panel-labs.
const WAIT = { timeout: 15_000 };

async function text(locator: Locator): Promise<string> {
  await locator.first().waitFor(WAIT);
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees (innerText follows the layout)
  return (await locator.first().innerText()).replace(/\s+/g, ' ').trim();
}

async function join(page: Page, url: string, language: 'en' | 'ja', team: string): Promise<void> {
  await page.goto(`${url}/?code=E2EJAM`);
  await page.locator('jam-join-view input[name="displayName"]').fill(language === 'en' ? 'Aiko' : 'Ren', WAIT);
  await page.locator('jam-join-view select[name="language"]').selectOption(language, WAIT);
  await page.locator('jam-join-view button[type="submit"]').click(WAIT);
  await page.locator('jam-lobby-view input[name="value"]').first().fill(team, WAIT);
  await page.locator('jam-lobby-view form').first().locator('button[type="submit"]').click();
  await page.locator('jam-board-view').waitFor(WAIT);
}

const card = (page: Page, taskId: string) => page.locator(`jam-task-card:has(article[aria-labelledby="task-${taskId}"])`);

describe.skipIf(Boolean(reason))(`the Aurora lab's panel in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/ensure-client.mjs')], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'tests/fixtures/labs') })]);
    const login = await fetch(`${server.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: server.adminToken }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    expect((await fetch(`${server.url}/api/admin/event/start`, { method: 'POST', headers: { cookie } })).status).toBe(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const language of ['en', 'ja'] as const) {
    it(`shows the global database, the clusters and the first command on a ${language === 'en' ? 'laptop' : 'phone'} (${language})`, async () => {
      const context = await browser.newContext(
        language === 'en'
          ? { viewport: { width: 1366, height: 900 }, locale: 'en-US' }
          : { viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true },
      );
      const page = await context.newPage();
      await join(page, server.url, language, language === 'en' ? 'Kumo' : 'Sora');
      await page.goto(`${server.url}/c/releases`);
      const panel = card(page, 'move').locator('jam-lab-panel');
      const resources = await text(panel.locator('dl'));
      expect(resources).toMatch(
        language === 'en'
          ? /Global database jam-orders-global Tokyo cluster jam-orders-tokyo Osaka cluster jam-orders-osaka Osaka Region ap-northeast-3 Inventory cluster jam-inventory$/
          : /グローバルデータベース jam-orders-global 東京のクラスター jam-orders-tokyo 大阪のクラスター jam-orders-osaka 大阪のリージョン ap-northeast-3 在庫管理のクラスター jam-inventory$/,
      );
      expect(await text(panel.locator('.snippet pre').first())).toBe(
        `aws rds describe-global-clusters --global-cluster-identifier jam-orders-global --endpoint-url ${server.url}/labs/aws --region ap-northeast-1`,
      );
      // The panel fits the screen: nothing scrolls sideways, even the long first command.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await panel.scrollIntoViewIfNeeded(WAIT);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `lab-panel-aurora-${language}.png`) });
      await context.close();
    });
  }

  it('tells a Japanese player on a phone, in full sentences, what a failover with data loss cost', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ja-JP', isMobile: true });
    const page = await context.newPage();
    await join(page, server.url, 'ja', 'Umi');
    await page.goto(`${server.url}/c/releases`);
    const task = card(page, 'move');
    const values = task.locator('jam-lab-panel dd code');
    await values.first().waitFor(WAIT);
    const [endpoint = '', region = '', accessKeyId = '', secretAccessKey = ''] = await values.allInnerTexts();
    const aws = { endpoint, region, accessKeyId, secretAccessKey };
    const osaka = await rds(aws, 'ap-northeast-3').send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'jam-orders-osaka' }));
    await rds(aws).send(
      new FailoverGlobalClusterCommand({
        GlobalClusterIdentifier: 'jam-orders-global',
        TargetDbClusterIdentifier: osaka.DBClusters?.[0]?.DBClusterArn,
        AllowDataLoss: true,
      }),
    );

    await pressCheck(task, '進捗を確認');
    const progress = task.locator('.progress');
    expect(await text(progress.locator('li.missing').last())).toMatch(
      /未完了: 移行の途中でコミット済みのトランザクションを 1 件も失っていない（実際には約 \d+ 件が失われた）$/,
    );
    expect(await progress.locator('li').allInnerTexts()).toHaveLength(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await progress.scrollIntoViewIfNeeded(WAIT);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'lab-panel-aurora-progress-ja.png') });
    await context.close();
  });
});
