import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ListShardsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR, pressCheck } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { kinesisClient, midpoint, type LabAwsAccess } from '../server/integration/labs/kinesis-support.ts';

const reason = browserSkipReason();
const root = path.resolve(import.meta.dirname, '../..');
const WAIT = { timeout: 10_000 };

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

describe.skipIf(Boolean(reason))(`the lab panel in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
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
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: path.join(root, 'tests/fixtures/labs') })]);
    en = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-US' });
    ja = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ja-JP' });
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
    await p1.goto(`${server.url}/c/streams`);
    await p2.goto(`${server.url}/c/streams`);
  }, 120_000);

  afterAll(async () => {
    await en?.close();
    await ja?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the team its credentials, resources and a first command, with copy buttons', async () => {
    const panel = card(p1, 'fix-the-stream').locator('jam-lab-panel');
    expect(await text(panel.locator('dl'))).toMatch(
      /^Lab endpoint http:\/\/127\.0\.0\.1:\d+\/labs\/aws Region ap-northeast-1 Access key ID AKIA[A-Z2-7]{16} Secret access key \S{40} Stream name jam-telemetry$/,
    );
    // The teammate reads the same panel in Japanese, resource names included.
    expect(await text(card(p2, 'fix-the-stream').locator('jam-lab-panel dl'))).toMatch(/ストリーム名 jam-telemetry$/);
    expect(await text(panel.locator('.snippet pre').first())).toBe(
      `aws kinesis describe-stream-summary --stream-name jam-telemetry --endpoint-url ${server.url}/labs/aws --region ap-northeast-1`,
    );
    await panel.locator('summary', { hasText: 'Set up the AWS CLI or SDK' }).click();
    expect(await text(panel.locator('details pre').nth(2))).toContain('requestHandler: new NodeHttpHandler()');
    expect(await panel.locator('jam-copy-button').count()).toBeGreaterThanOrEqual(8);
    await screenshot(p1, 'credentials-en');
  });

  it('says what is still missing when a player checks their progress, in English and in Japanese', async () => {
    const task1 = card(p1, 'fix-the-stream');
    await pressCheck(task1, 'Check my progress');
    expect(await text(task1.locator('.feedback[data-kind="message"]'))).toBe('Not done yet: see what is still missing below.');
    expect(await text(task1.locator('.progress li.missing').first())).toContain('The stream has at least 3 open shards (now 2)');
    expect(await text(task1.locator('.progress li.done'))).toContain('The stream is ACTIVE');
    // The teammate hears of it in Japanese.
    await p2.locator('jam-toast-stack li', { hasText: 'Aiko さんが「ストリームのラボ」のラボの進捗を確認しました。まだ完了していません' }).waitFor(WAIT);

    const task2 = card(p2, 'fix-the-stream');
    await pressCheck(task2, '進捗を確認');
    expect(await text(task2.locator('.progress li.missing').first())).toContain('ストリームのオープンなシャードが 3 つ以上ある（現在 2）');
    expect(await text(task2.locator('.feedback[data-kind="message"]'))).toBe('まだ完了していません。足りない点を下で確認してください。');
    await screenshot(p1, 'progress-en', task1.locator('.progress'));
    await screenshot(p2, 'progress-ja', task2.locator('.progress'));
  });

  it('restarts the lab after a confirmation and tells the teammate', async () => {
    const panel = card(p2, 'fix-the-stream').locator('jam-lab-panel');
    await panel.locator('button', { hasText: 'ラボをリセット' }).click();
    const dialog = panel.locator('jam-dialog[open]');
    expect(await text(dialog.locator('p').first())).toContain('最初の状態からやり直し');
    await screenshot(p2, 'restart-dialog-ja');
    await dialog.locator('button.primary').click();
    await panel.locator('jam-dialog[open]').waitFor({ state: 'detached', ...WAIT });
    await p1.locator('jam-toast-stack li', { hasText: 'Ren restarted the lab of “Streams lab”' }).waitFor(WAIT);
  });

  it('turns the task green once the hot shard is split', async () => {
    const detail = (await p1.evaluate(async () => (await fetch('/api/challenges/streams')).json())) as {
      tasks: { id: string; answer: { aws: LabAwsAccess } }[];
    };
    const aws = detail.tasks.find((t) => t.id === 'fix-the-stream')?.answer.aws as LabAwsAccess;
    const k = kinesisClient(aws);
    const { Shards = [] } = await k.send(new ListShardsCommand({ StreamName: 'jam-telemetry' }));
    // Split both halves: whichever is hot for this team, no shard carries more than half of it.
    await k.send(
      new SplitShardCommand({ StreamName: 'jam-telemetry', ShardToSplit: Shards[0]?.ShardId, NewStartingHashKey: midpoint(Shards[0]?.HashKeyRange) }),
    );
    await new Promise((r) => setTimeout(r, 2_300));
    await k.send(
      new SplitShardCommand({ StreamName: 'jam-telemetry', ShardToSplit: Shards[1]?.ShardId, NewStartingHashKey: midpoint(Shards[1]?.HashKeyRange) }),
    );
    await new Promise((r) => setTimeout(r, 2_300));
    const task1 = card(p1, 'fix-the-stream');
    await pressCheck(task1, 'Check my progress');
    await task1.locator('.result', { hasText: 'Solved: 300 points awarded' }).waitFor(WAIT);
    await card(p2, 'fix-the-stream').locator('.result', { hasText: '300 点を獲得しました' }).waitFor(WAIT);
    await screenshot(p1, 'solved-en', task1.locator('.result'));
  });
});
