import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readTarGz } from '../support/tar.ts';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { adminEn } from '../../client/i18n/admin.en.ts';
import { adminJa } from '../../client/i18n/admin.ja.ts';
import { format } from '../../client/i18n/index.ts';
import { adminSignIn, confirmAction, ensureClient, httpPlayer, httpTeammate, settle, shoot, solve, type HttpPlayer } from './admin-support.ts';

const reason = browserSkipReason();
const LIVE_MS = 3000;

/** Pulls a team's lab flag the way `docker pull` does (manifest, then the layer behind a 307). */
async function pullLabFlag(server: ServerProcess, token: string): Promise<string> {
  const auth = { authorization: `Bearer ${token}` };
  const manifest = (await (await fetch(`${server.url}/labs/ecr/v2/jam/flag-image/manifests/latest`, { headers: auth })).json()) as {
    layers: Array<{ digest: string }>;
  };
  for (const layer of manifest.layers) {
    const blob = await fetch(`${server.url}/labs/ecr/v2/jam/flag-image/blobs/${layer.digest}`, { headers: auth, redirect: 'manual' });
    const layerData = await fetch(`${server.url}${blob.headers.get('location') ?? ''}`);
    const flag = (await readTarGz(new Uint8Array(await layerData.arrayBuffer()))).find((f) => f.name.endsWith('FLAG.txt'));
    if (flag) return Buffer.from(flag.content).toString('utf8').trim();
  }
  throw new Error('no FLAG.txt in the image');
}

/** Each tab and the heading its section shows. */
const SECTIONS: Array<[string, keyof typeof adminEn]> = [
  ['teams', 'admin.teams.title'],
  ['submissions', 'admin.subs.title'],
  ['stuck', 'admin.stuck.title'],
  ['labs', 'admin.labs.title'],
  ['support', 'admin.support.title'],
  ['announcements', 'admin.ann.title'],
  ['challenges', 'admin.ch.title'],
  ['adjustments', 'admin.adj.title'],
  ['settings', 'admin.settings.title'],
  ['export', 'admin.export.title'],
];

const toast = (page: Page, text: string | RegExp) => page.locator('jam-admin jam-toast-stack li').filter({ hasText: text });
const openTab = (page: Page, tab: string) => page.locator(`jam-admin-tabs #tab-${tab}`).click();

describe.skipIf(Boolean(reason))(`the admin console${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let browser: Browser;
  let server: ServerProcess;
  let challengesDir: string;
  let page: Page;
  let kumo: HttpPlayer;
  let sora: HttpPlayer;
  let soraTwo: HttpPlayer;

  beforeAll(async () => {
    ensureClient();
    // A copy of the fixture tree, so the reload test can break a file and mend it.
    challengesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-admin-challenges-'));
    fs.cpSync('tests/fixtures/game', challengesDir, { recursive: true });
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir })]);
    kumo = await httpPlayer(server, 'Ann', 'Kumo');
    sora = await httpPlayer(server, 'Bo', 'Sora');
    soraTwo = await httpTeammate(server, 'Cy', sora);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', acceptDownloads: true });
    page = await context.newPage();
    // Fail with the locator that did not show rather than at the test's own timeout.
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => console.error('[admin page]', error.message));
  });
  afterEach(async () => {
    // A dialog left open by a failed step would make the rest of the page inert.
    if (await page.locator('jam-dialog[open]').count()) await page.keyboard.press('Escape');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(challengesDir, { recursive: true, force: true });
  });

  it('refuses a wrong token with the server’s message, then signs in', async () => {
    await page.goto(`${server.url}/admin?lang=en`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'the admin token is not valid' }).waitFor();
    await adminSignIn(page, server);
    await expect(page.locator('jam-admin-event-bar button[data-action="reveal"]').isDisabled()).resolves.toBe(true);
  });

  it('saves changed settings and the Start confirmation repeats them', async () => {
    await openTab(page, 'settings');
    await page.getByLabel('Freeze before the end (minutes)').fill('20');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await toast(page, 'Settings saved').waitFor();
    await confirmAction(page, 'start', /120 minutes[\s\S]*freezes 20 minutes before the end/);
    await page.locator('jam-admin-event-bar .chip[data-state="running"]').waitFor();
    // Duration is fixed once the event runs; the form says so by disabling it.
    await expect(page.getByLabel('Duration (minutes)').isDisabled()).resolves.toBe(true);
  });

  it('shows submissions live, highlights a shared lab flag and filters', async () => {
    await openTab(page, 'submissions');
    await page.locator('jam-admin-submissions').getByText('No submissions yet.').waitFor();
    const kumoFlag = await pullLabFlag(server, kumo.team.labToken);
    await sora.call('POST', '/api/challenges/beta/tasks/lab-flag/attempts', { answer: kumoFlag });
    await kumo.call('POST', '/api/challenges/alpha/tasks/status-code/attempts', { answer: '302' });
    await solve(kumo, 'alpha', 'status-code', '307');
    const rows = page.locator('jam-admin-submissions tr[data-submission-id]');
    const shared = rows.filter({ hasText: 'Possible flag sharing' });
    await shared.waitFor({ timeout: LIVE_MS });
    await expect(shared.textContent()).resolves.toContain('The flag belongs to Kumo');
    await expect(shared.getAttribute('class')).resolves.toContain('flagged');
    await rows.filter({ hasText: '307' }).waitFor({ timeout: LIVE_MS });
    await expect(rows.count()).resolves.toBe(3);

    await page.getByLabel('Result').selectOption('false');
    await rows.filter({ hasText: '307' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(2);
    await page.getByLabel('Result').selectOption('');
    await page.getByLabel('Flagged only').check();
    await rows.filter({ hasText: '302' }).waitFor({ state: 'detached' });
    await expect(rows.count()).resolves.toBe(1);
    await page.getByLabel('Flagged only').uncheck();
  });

  it('manages a team: rename (with the server’s refusal shown), remove a member, disqualify with a reason, reinstate', async () => {
    await openTab(page, 'teams');
    await page.getByRole('button', { name: 'Manage Sora' }).click();
    const detail = page.locator('jam-admin-team-detail');
    await detail.getByLabel('Team name').fill('Kumo');
    await detail.getByRole('button', { name: 'Rename' }).click();
    await toast(page, 'the team name "Kumo" is taken').waitFor();
    await detail.getByLabel('Team name').fill('Sora Blue');
    await detail.getByRole('button', { name: 'Rename' }).click();
    await toast(page, 'Team renamed to Sora Blue').waitFor();

    await detail.getByRole('button', { name: 'Remove Cy from the team' }).click();
    const dialog = detail.locator('jam-confirm jam-dialog[open]');
    await expect(dialog.textContent()).resolves.toContain('Cy leaves the team at once');
    await dialog.locator('button.confirm').click();
    await toast(page, 'Cy was removed from Sora Blue').waitFor();
    await detail.getByRole('button', { name: 'Remove Cy from the team' }).waitFor({ state: 'detached' });
    await expect(soraTwo.call<{ team: unknown }>('GET', '/api/me').then((r) => r.body.team)).resolves.toBeNull();

    await detail.getByRole('button', { name: 'Disqualify' }).click();
    await dialog.locator('button.confirm').click();
    await dialog.getByRole('alert').filter({ hasText: 'Please give a reason.' }).waitFor();
    await detail.locator('jam-confirm').getByLabel('Reason').fill('shared a lab flag');
    await dialog.locator('button.confirm').click();
    await toast(page, 'Sora Blue was disqualified').waitFor();
    await page.locator('jam-admin-teams tr').filter({ hasText: 'Sora Blue' }).getByText('Disqualified').first().waitFor();
    // The public board is rebuilt from the change's event, moments after the answer (its staleness budget is 1 s).
    const publicNames = async () =>
      ((await (await fetch(`${server.url}/api/scoreboard`)).json()) as { teams: Array<{ name: string }> }).teams.map((t) => t.name);
    await expect.poll(publicNames, { timeout: 5000 }).toEqual(['Kumo']);

    await detail.getByRole('button', { name: 'Reinstate' }).click();
    await dialog.locator('button.confirm').click();
    await toast(page, 'Sora Blue was reinstated').waitFor();
  });

  it('adjusts a score only with a reason, after a confirmation that repeats it', async () => {
    await openTab(page, 'adjustments');
    const form = page.locator('jam-admin-adjust-form');
    await form.getByLabel('Team').selectOption({ label: 'Kumo' });
    await form.getByLabel('Points').fill('-15');
    await form.getByRole('button', { name: 'Adjust score' }).click();
    await form.getByRole('alert').filter({ hasText: 'Please give a reason.' }).waitFor();
    await form.getByLabel('Reason').fill('late penalty');
    await form.getByRole('button', { name: 'Adjust score' }).click();
    const dialog = form.locator('jam-confirm jam-dialog[open]');
    await expect(dialog.textContent()).resolves.toContain('15 points will be taken off the score of Kumo, with the reason “late penalty”');
    await dialog.locator('button.confirm').click();
    await toast(page, 'Score of Kumo adjusted by -15').waitFor();
    await page.locator('jam-admin-adjustments tr').filter({ hasText: 'late penalty' }).waitFor();
    const me = await kumo.call<{ team: { score: number } }>('GET', '/api/me');
    expect(me.body.team.score).toBe(100 - 15);
  });

  it('shows unread support messages, answers them and marks the thread handled', async () => {
    await openTab(page, 'teams');
    await kumo.call('POST', '/api/team/support', { text: 'Our lab token is refused' });
    await page.locator('jam-admin-tabs #tab-support .badge').filter({ hasText: '1' }).waitFor({ timeout: LIVE_MS });
    await toast(page, 'New support message from Kumo').waitFor();
    await openTab(page, 'support');
    await page.locator('jam-admin-support button.thread').filter({ hasText: 'Kumo' }).click();
    await page.locator('jam-admin-support .message').filter({ hasText: 'Our lab token is refused' }).waitFor();
    await page.locator('jam-admin-tabs #tab-support .badge').waitFor({ state: 'detached', timeout: LIVE_MS });
    await page.getByLabel('Reply').fill('Use the Bearer header, please.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('jam-admin-support .message.mine').filter({ hasText: 'Use the Bearer header' }).waitFor();
    const thread = await kumo.call<{ messages: Array<{ text: string; authorAdmin: boolean }> }>('GET', '/api/team/support');
    expect(thread.body.messages.at(-1)).toMatchObject({ text: 'Use the Bearer header, please.', authorAdmin: true });
    await page.getByRole('button', { name: 'Mark as handled' }).click();
    await page.locator('jam-admin-support button.thread').filter({ hasText: 'Kumo' }).getByText('Handled').waitFor();
  });

  it('sends an announcement, confirmed first, that the screen pins at once', async () => {
    const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await screen.goto(`${server.url}/screen`);
    await screen.locator('jam-screen-ranking .row').first().waitFor();
    await openTab(page, 'announcements');
    await page.getByLabel('Message in English').fill('Lunch is served in hall B');
    await page.getByLabel('Hide automatically').selectOption('30');
    await page.getByRole('button', { name: 'Send announcement' }).click();
    const dialog = page.locator('jam-admin-announcements jam-confirm jam-dialog[open]');
    await expect(dialog.textContent()).resolves.toContain('every player and on the screen');
    await dialog.locator('button.confirm').click();
    await toast(page, 'Announcement sent').waitFor();
    await screen.locator('jam-screen-ticker .announcement').filter({ hasText: 'Lunch is served in hall B' }).waitFor({ timeout: LIVE_MS });
    await page
      .locator('jam-admin-announcements tr')
      .filter({ hasText: 'Lunch is served in hall B' })
      .getByText(/Hides at/)
      .waitFor();
    await screen.close();
  });

  it('reloads challenges with the lint report inline, switches challenges in and out of play and shows ratings', async () => {
    await solve(kumo, 'alpha', 'pick-stores', ['ddb', 's3']);
    const rated = await kumo.call('POST', '/api/challenges/alpha/rating', { stars: 4, comment: 'Loved the redirect task' });
    expect(rated.status).toBeLessThan(300);
    await openTab(page, 'challenges');
    const section = page.locator('jam-admin-challenges');
    const alphaRow = section.locator('tbody tr').filter({ hasText: 'Alpha' });
    await alphaRow.getByText('4 of 5 · ratings: 1').waitFor();
    await alphaRow.getByText('Comments: 1').click();
    await alphaRow.getByText('Loved the redirect task').waitFor();
    const file = path.join(challengesDir, 'alpha/challenge.yaml');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, good.replace('difficulty: easy', 'difficulty: trivial'));
    await section.getByRole('button', { name: 'Reload from files' }).click();
    await section.locator('jam-confirm jam-dialog[open] button.confirm').click();
    const report = section.locator('.report.failed');
    await report.waitFor();
    await expect(report.locator('li').first().textContent()).resolves.toMatch(/alpha[\\/]challenge\.yaml:4:\d+ .*difficulty/);
    fs.writeFileSync(file, good);
    await section.getByRole('button', { name: 'Reload from files' }).click();
    await section.locator('jam-confirm jam-dialog[open] button.confirm').click();
    await section.locator('.report.ok').getByText('Every file is valid').waitFor();

    await section.getByLabel('Beta in play').uncheck();
    await toast(page, 'The challenges in play were updated').waitFor();
    await section.getByText('Challenges in play: 1 of 2').waitFor();
    await section.getByRole('button', { name: 'Put every challenge in play' }).click();
    await section.getByText('Challenges in play: 2 of 2').waitFor();
  });

  it('lists where teams are stuck, lowest solve rate first', async () => {
    await openTab(page, 'stuck');
    const first = page.locator('jam-admin-stuck tbody tr').first();
    await first.waitFor();
    // Sora tried the lab task and failed; Kumo solved status-code (1 of 1).
    await expect(first.textContent()).resolves.toMatch(/Lab[\s\S]*0%/);
  });

  it('offers the results as CSV and JSON downloads', async () => {
    await openTab(page, 'export');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('jamboree-results.csv');
    const text = fs.readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('Kumo');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download JSON' }).click()]);
    expect(json.suggestedFilename()).toBe('jamboree-results.json');
    expect(JSON.stringify(JSON.parse(fs.readFileSync(await json.path(), 'utf8')))).toContain('Kumo');
  });

  it('works from the keyboard: arrow keys move between tabs, dialogs keep focus and Escape returns it', async () => {
    await page.locator('jam-admin-tabs #tab-stuck').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('jam-admin-tabs #tab-labs').getAttribute('aria-selected')).resolves.toBe('true');
    await page.keyboard.press('Home');
    await expect(page.locator('jam-admin-tabs #tab-room').getAttribute('aria-selected')).resolves.toBe('true');

    const pause = page.locator('jam-admin-event-bar button[data-action="pause"]');
    await pause.focus();
    await page.keyboard.press('Enter');
    const dialog = page.locator('jam-admin-event-bar jam-confirm jam-dialog[open]');
    await dialog.waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return Boolean(active?.closest('jam-dialog') ?? (active?.getRootNode() as ShadowRoot | undefined)?.host?.closest('jam-dialog'));
      });
      expect(inside).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const focused = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('data-action');
    });
    expect(focused).toBe('pause');
  });

  it('shows every section in English and in Japanese (screenshots at 1920×1080 and 1280×720)', async () => {
    for (const [lang, dict] of [
      ['en', adminEn],
      ['ja', adminJa],
    ] as const) {
      // A fresh page (not a same-document hash change), so no earlier toast is in the shots.
      await page.goto('about:blank');
      await page.goto(`${server.url}/admin?lang=${lang}#teams`);
      await page.locator('jam-admin-event-bar .chip').first().waitFor();
      await page.locator('jam-admin-event-bar button[data-action="extend"]').click();
      const extend = page.locator('jam-admin-event-bar jam-confirm jam-dialog[open]');
      await extend.waitFor();
      await settle(page);
      await shoot(page, `admin-confirm-extend-${lang}`);
      await page.keyboard.press('Escape');
      await extend.waitFor({ state: 'detached' });
      for (const [tab, key] of SECTIONS) {
        await openTab(page, tab);
        const heading = page.locator('jam-admin-tabs [role="tabpanel"] h2').first();
        await expect(heading.textContent()).resolves.toBe(format(dict[key], { count: 2 }, lang));
        if (tab === 'teams') await page.locator('jam-admin-teams button[aria-expanded]').first().click();
        if (tab === 'support') await page.locator('jam-admin-support button.thread').first().click();
        await page
          .locator('jam-admin-tabs [role="tabpanel"] .empty')
          .filter({ hasText: /Loading|読み込み中/ })
          .waitFor({ state: 'detached' });
        await settle(page);
        await shoot(
          page,
          `admin-${tab}-${lang}`,
          [
            [1920, 1080],
            [1280, 720],
          ],
          true,
        );
      }
    }
  });
});
