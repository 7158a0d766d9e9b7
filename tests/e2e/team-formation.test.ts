import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser, SCREENSHOT_DIR } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { en } from '../../client/i18n/en.ts';
import { ja } from '../../client/i18n/ja.ts';
import { format } from '../../client/i18n/index.ts';
import { adminSignIn, ensureClient, httpAdmin, httpPlayer, joinedClient, settle, shoot, type HttpCall, type HttpPlayer } from './admin-support.ts';

const reason = browserSkipReason();
const LIVE_MS = 5000;
const DICTS = { en, ja } as const;
type Key = keyof typeof en;

/** A player's own browser, joining through the join form and pressing Enter, as people do. */
async function joinInBrowser(browser: Browser, server: ServerProcess, name: string, lang: 'en' | 'ja'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error(`[${name}]`, error.message));
  await page.goto(`${server.url}/?lang=${lang}`);
  const form = page.locator('jam-join-view');
  await form.getByLabel(DICTS[lang]['join.eventCode']).fill(server.eventCode);
  await form.getByLabel(DICTS[lang]['join.displayName']).fill(name);
  await form.getByLabel(DICTS[lang]['join.displayName']).press('Enter');
  return page;
}

const toast = (page: Page, text: string) => page.locator('jam-game jam-toast-stack li').filter({ hasText: text });

/**
 * Forming teams as a room does it, in each language: a player who came alone is matched from
 * the lobby and told who joins after them; a facilitator previews and places everyone still
 * without a team, and each placed player's open tab shows their team at once; a move reaches
 * the moved player; the team's name gets locked; a latecomer after the end is told joining is
 * closed.
 */
describe.each(['en', 'ja'] as const)(`forming teams in the browser (%s)${reason ? ` (skipped: ${reason})` : ''}`, (lang) => {
  const t = (key: Key, params?: Record<string, string | number>) => format(DICTS[lang][key], params, lang);
  let browser: Browser;
  let server: ServerProcess;
  let admin: Awaited<ReturnType<typeof httpAdmin>>;
  let hana: Page;
  let mio: Page;
  let noa: HttpCall;
  let sora: HttpPlayer;
  let hanaTeam: string;

  beforeAll(async () => {
    if (reason) return;
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: 'tests/fixtures/game' })]);
    admin = await httpAdmin(server);
    sora = await httpPlayer(server, 'Ben', 'Sora', lang);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.skipIf(Boolean(reason))('matches a player who came alone from the lobby, and tells the team who is matched after', async () => {
    hana = await joinInBrowser(browser, server, 'Hana', lang);
    const match = hana.locator('jam-match-form');
    await match.getByRole('heading', { name: t('lobby.match.title') }).waitFor();
    await match.getByRole('button', { name: t('lobby.match.submit') }).click();
    await match
      .getByRole('alert')
      .filter({ hasText: t('lobby.match.skillRequired') })
      .waitFor();
    await settle(hana);
    await shoot(
      hana,
      `formation-lobby-${lang}`,
      [
        [1280, 800],
        [390, 844],
      ],
      true,
    );

    // On a phone the form sits below the other two: scrolled to, it still fits its column.
    await hana.setViewportSize({ width: 390, height: 844 });
    await match.getByRole('button', { name: t('lobby.match.submit') }).scrollIntoViewIfNeeded();
    await settle(hana);
    await hana.screenshot({ path: `${SCREENSHOT_DIR}/formation-lobby-match-phone-${lang}.png` });
    await hana.setViewportSize({ width: 1280, height: 800 });

    await match.getByLabel(t('lobby.match.skill.3')).check();
    await match.getByLabel(t('lobby.match.goal.learn')).check();
    await match.getByRole('button', { name: t('lobby.match.submit') }).press('Enter');
    const heading = hana.locator('jam-lobby-view h1');
    await hana.locator('jam-lobby-view jam-team-card').waitFor();
    hanaTeam = (await heading.textContent())?.trim() ?? '';
    expect(hanaTeam).not.toBe(t('lobby.title'));

    // Ken comes alone too, with the same goal: the seat next to Hana is the one that fits.
    const ken = await joinedClient(server, 'Ken', lang);
    const placed = await ken<{ team: { name: string } }>('POST', '/api/teams/match', { skill: 2, goal: 'learn' });
    expect(placed.status).toBe(200);
    expect(placed.body.team.name).toBe(hanaTeam);
    await toast(hana, t('toast.teammateMatched', { name: 'Ken' })).waitFor({ timeout: LIVE_MS });
    await hana.locator('jam-lobby-view jam-team-card', { hasText: 'Ken' }).waitFor({ timeout: LIVE_MS });
    await settle(hana);
    await shoot(hana, `formation-matched-${lang}`, [[1280, 800]]);
  });

  it.skipIf(Boolean(reason))('places everyone still without a team from a preview in the console, and each open tab shows the team', async () => {
    mio = await joinInBrowser(browser, server, 'Mio', lang);
    await mio.locator('jam-match-form').waitFor();
    noa = await joinedClient(server, 'Noa', lang);

    const owner = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
    await adminSignIn(owner, server, lang);
    await owner.locator('jam-admin-tabs #tab-teams').click();
    await owner.getByRole('button', { name: t('admin.formation.assign') }).click();
    const dialog = owner.locator('jam-admin-assign jam-dialog[open]');
    await dialog.waitFor();
    await owner.locator('jam-admin-assign').getByLabel(t('admin.formation.mode.balanced')).check();
    const plan = owner.locator('jam-admin-assign ol.plan');
    await plan.filter({ hasText: 'Mio' }).filter({ hasText: 'Noa' }).waitFor();
    await owner.locator('jam-admin-assign p', { hasText: t('admin.formation.summary', { players: 2, teams: 1 }) }).waitFor();
    await settle(owner);
    await shoot(owner, `formation-assign-preview-${lang}`, [[1440, 900]]);
    // Nothing happened yet: the preview only says what would.
    await expect(noa('GET', '/api/me').then((r) => (r.body as { team: unknown }).team)).resolves.toBeNull();

    await dialog.locator('button.confirm').click();
    await dialog.waitFor({ state: 'detached' });
    await owner
      .locator('jam-admin jam-toast-stack li')
      .filter({ hasText: t('admin.formation.placed', { players: 2 }) })
      .waitFor();
    // Both went into Hana's team: formed for learning, two free seats.
    await toast(mio, t('toast.placedInTeam', { team: hanaTeam })).waitFor({ timeout: LIVE_MS });
    await expect(mio.locator('jam-lobby-view h1').textContent()).resolves.toContain(hanaTeam);
    await toast(hana, t('toast.teammatePlaced', { name: 'Mio' })).waitFor({ timeout: LIVE_MS });
    await expect(noa('GET', '/api/me').then((r) => (r.body as { team: { name: string } }).team.name)).resolves.toBe(hanaTeam);
    await settle(mio);
    await shoot(mio, `formation-placed-${lang}`, [
      [1280, 800],
      [390, 844],
    ]);

    // Move Mio to Sora, then lock the name of Hana's team.
    await owner.getByRole('button', { name: t('admin.teams.manageLabel', { team: hanaTeam }) }).click();
    const detail = owner.locator('jam-admin-team-detail');
    await detail.getByLabel(t('admin.formation.moveLabel', { name: 'Mio' })).selectOption({ label: 'Sora' });
    await detail
      .locator('li', { hasText: 'Mio' })
      .getByRole('button', { name: t('admin.formation.move'), exact: true })
      .click();
    await owner
      .locator('jam-admin jam-toast-stack li')
      .filter({ hasText: t('admin.formation.moved', { name: 'Mio', team: 'Sora' }) })
      .waitFor();
    await toast(mio, t('toast.movedToTeam', { team: 'Sora' })).waitFor({ timeout: LIVE_MS });
    await expect(mio.locator('jam-lobby-view h1').textContent()).resolves.toContain('Sora');
    await expect(sora.call('GET', '/api/me').then((r) => (r.body as { team: { members: unknown[] } }).team.members.length)).resolves.toBe(2);

    await detail.getByRole('button', { name: t('admin.formation.lockName') }).click();
    await owner
      .locator('jam-admin jam-toast-stack li')
      .filter({ hasText: t('admin.formation.locked', { team: hanaTeam }) })
      .waitFor();
    await detail.getByRole('button', { name: t('admin.formation.unlockName') }).waitFor();
    await settle(owner);
    await shoot(owner, `formation-team-manage-${lang}`, [[1440, 900]], true);
    await owner.close();
  });

  it.skipIf(Boolean(reason))('tells a latecomer that joining closed once the event has ended', async () => {
    await admin.act('start');
    await admin.act('end');
    const late = await joinInBrowser(browser, server, 'Late', lang);
    await late
      .locator('jam-join-view')
      .getByRole('alert')
      .filter({ hasText: t('join.error.ended') })
      .waitFor();
    await settle(late);
    await shoot(late, `formation-join-closed-${lang}`, [[1280, 800]]);
  });
});
