import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserSkipReason, launchBrowser } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { adminEn } from '../../client/i18n/admin.en.ts';
import { adminJa } from '../../client/i18n/admin.ja.ts';
import { staffEn } from '../../client/i18n/staff.en.ts';
import { staffJa } from '../../client/i18n/staff.ja.ts';
import { format } from '../../client/i18n/index.ts';
import { ensureClient, httpAdmin, httpPlayer, settle, shoot, type HttpPlayer } from './admin-support.ts';

const reason = browserSkipReason();
const LIVE_MS = 5000;
const DICTS = { en: { ...adminEn, ...staffEn }, ja: { ...adminJa, ...staffJa } } as const;
type Lang = keyof typeof DICTS;
type Key = keyof (typeof DICTS)['en'];

const openTab = (page: Page, tab: string) => page.locator(`jam-admin-tabs #tab-${tab}`).click();
const toast = (page: Page, text: string) => page.locator('jam-admin jam-toast-stack li').filter({ hasText: text });
const tabIds = (page: Page) => page.locator('jam-admin-tabs [role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^tab-/, '')));

/** Signs in on /admin with a token, in a context of its own (one person, one browser). */
async function signInAs(browser: Browser, server: ServerProcess, token: string, lang: Lang): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === 'ja' ? 'ja-JP' : 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => console.error('[staff page]', error.message));
  await page.goto(`${server.url}/admin?lang=${lang}`);
  await page.getByLabel(lang === 'ja' ? '管理トークン' : 'Admin token').fill(token);
  await page.getByRole('button', { name: lang === 'ja' ? 'サインイン' : 'Sign in' }).click();
  await page.locator('jam-admin-event-bar .chip').first().waitFor();
  return { context, page };
}

/** Joins over HTTP and returns the session cookie, for a browser to carry on as that player. */
async function joinedCookie(server: ServerProcess, displayName: string, joinCode: string): Promise<string> {
  const joined = await fetch(`${server.url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ eventCode: server.eventCode, displayName, language: 'en' }),
  });
  const cookie = (joined.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  const team = await fetch(`${server.url}/api/teams/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ joinCode }),
  });
  if (team.status !== 200) throw new Error(`team join failed: ${team.status}`);
  return cookie;
}

/** A player's browser holding the session an HTTP join opened, on the player app or the screen. */
async function playerPage(browser: Browser, server: ServerProcess, cookie: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split('=') as [string, string];
  if (value) await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(server.url + path);
  return page;
}

/**
 * The room run by several people, in each language: the owner adds a facilitator and a support
 * member on the staff page; support sees only its part and hands a thread to the facilitator;
 * needs attention puts the waiting team first, live; a revoked member is signed out at once;
 * and a rehearsal reset sends a player's tab and the screen back to the start.
 */
describe.each(['en', 'ja'] as const)(`running the room with staff accounts (%s)${reason ? ` (skipped: ${reason})` : ''}`, (lang) => {
  const t = (key: Key, params?: Record<string, string | number>) => format(DICTS[lang][key], params, lang);
  let browser: Browser;
  let server: ServerProcess;
  let owner: Page;
  let fumi: { context: BrowserContext; page: Page };
  let sam: { context: BrowserContext; page: Page };
  let tokens: Record<'fumi' | 'sam', string>;
  let kumo: HttpPlayer;
  let sora: HttpPlayer;

  beforeAll(async () => {
    if (reason) return;
    ensureClient();
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess({ challengesDir: 'tests/fixtures/game' })]);
    kumo = await httpPlayer(server, 'Aki', 'Kumo', lang);
    sora = await httpPlayer(server, 'Ben', 'Sora', lang);
    const admin = await httpAdmin(server);
    await admin.act('start');
    ({ page: owner } = await signInAs(browser, server, server.adminToken, lang));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.skipIf(Boolean(reason))('lets the owner add staff on the staff page, showing each token once', async () => {
    await expect(owner.locator('jam-admin .who').textContent()).resolves.toBe(t('admin.signedInBuiltin'));
    await openTab(owner, 'staff');
    const page = owner.locator('jam-admin-staff');
    const issued: string[] = [];
    for (const [name, role] of [
      ['Fumi', 'facilitator'],
      ['Sam', 'support'],
    ] as const) {
      await page.getByLabel(t('admin.staff.name')).fill(name);
      await page.getByLabel(t('admin.staff.role')).selectOption(role);
      await page.getByRole('button', { name: t('admin.staff.create') }).click();
      const dialog = page.locator('jam-dialog[open]');
      await dialog.waitFor();
      const token = await dialog.locator('.token input').inputValue();
      expect(token).toMatch(/^staff-\d+-[A-Za-z0-9_-]{43}$/);
      issued.push(token);
      if (name === 'Fumi') {
        await settle(owner);
        await shoot(owner, `staff-token-${lang}`, [[1280, 720]]);
      }
      await dialog.getByRole('button', { name: t('admin.staff.token.done') }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    tokens = { fumi: issued[0] as string, sam: issued[1] as string };
    const rows = page.getByRole('table', { name: t('admin.staff.list') }).locator('tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    await expect(rows.nth(2).textContent()).resolves.toContain(t('admin.role.support'));
    // The token is nowhere on the page once the dialog is closed.
    await expect(owner.content()).resolves.not.toContain(tokens.fumi);
    await settle(owner);
    await shoot(owner, `staff-page-${lang}`, [[1440, 900]], true);
  });

  it.skipIf(Boolean(reason))('shows support only its part of the console, with who is signed in', async () => {
    sam = await signInAs(browser, server, tokens.sam, lang);
    await expect(sam.page.locator('jam-admin .who').textContent()).resolves.toBe(t('admin.signedInAs', { name: 'Sam', role: t('admin.role.support') }));
    await expect(tabIds(sam.page)).resolves.toEqual(['room', 'teams', 'attention', 'stuck', 'support']);
    // No clock actions for support, and no team management.
    await expect(sam.page.locator('jam-admin-event-bar button[data-action]').count()).resolves.toBe(0);
    await sam.page.locator('jam-admin-teams tbody tr').first().waitFor();
    await expect(sam.page.locator('jam-admin-teams button[aria-expanded]').count()).resolves.toBe(0);
    fumi = await signInAs(browser, server, tokens.fumi, lang);
    await expect(tabIds(fumi.page)).resolves.toEqual(['room', 'teams', 'attention', 'submissions', 'stuck', 'labs', 'support', 'announcements']);
    await expect(fumi.page.locator('jam-admin-event-bar button[data-action="pause"]').isEnabled()).resolves.toBe(true);
    // Support sees how players join; the projector's language is for a facilitator to set.
    await openTab(sam.page, 'room');
    await expect(sam.page.locator('jam-admin-room select[name="screenLanguage"]').isDisabled()).resolves.toBe(true);
    await openTab(fumi.page, 'room');
    const language = fumi.page.locator('jam-admin-room select[name="screenLanguage"]');
    await expect(language.isEnabled()).resolves.toBe(true);
    await language.selectOption('both');
    await fumi.page.waitForFunction(async () => (await (await fetch('/api/event')).json()).screenLanguage === 'both');
    await language.selectOption('');
    await fumi.page.waitForFunction(async () => (await (await fetch('/api/event')).json()).screenLanguage === null);
  });

  it.skipIf(Boolean(reason))('lets support take a waiting thread and hand it to the facilitator with a note, who is told at once', async () => {
    await kumo.call('POST', '/api/challenges/alpha/tasks/status-code/attempts', { answer: '302' });
    await kumo.call('POST', '/api/team/support', { text: lang === 'ja' ? 'ラボが動きません' : 'Our lab is stuck' });
    await openTab(sam.page, 'support');
    const thread = sam.page.locator('jam-admin-support button.thread', { hasText: 'Kumo' });
    await thread.waitFor({ timeout: LIVE_MS });
    await expect(thread.getAttribute('class')).resolves.toContain('waiting');
    await expect(thread.textContent()).resolves.toContain(t('admin.support.unassigned'));
    await expect(thread.textContent()).resolves.toContain(t('admin.support.waiting', { minutes: 0 }));
    await expect(thread.textContent()).resolves.toContain(t('admin.support.onChallenge', { challenge: lang === 'ja' ? 'アルファ' : 'Alpha' }));
    await settle(sam.page);
    await shoot(sam.page, `staff-support-waiting-${lang}`, [[1440, 900]]);
    await thread.click();
    const assign = sam.page.locator('jam-admin-support-assign');
    await assign.getByRole('button', { name: t('admin.support.claim') }).click();
    await toast(sam.page, t('admin.support.claimed', { team: 'Kumo' })).waitFor();
    await assign.locator('.chip', { hasText: t('admin.support.withYou') }).waitFor();

    await openTab(fumi.page, 'support');
    await assign.getByRole('button', { name: t('admin.support.handOver') }).click();
    const dialog = assign.locator('jam-dialog[open]');
    await dialog.waitFor();
    // The fields are slotted into the dialog from the component around it.
    await assign.getByLabel(t('admin.support.handover.to')).selectOption({ label: `Fumi (${t('admin.role.facilitator')})` });
    const note = lang === 'ja' ? '日本語でお願いします' : 'They need someone at their table';
    await assign.getByLabel(t('admin.support.handover.note')).fill(note);
    await settle(sam.page);
    await shoot(sam.page, `staff-support-handover-${lang}`, [[1440, 900]]);
    await dialog.getByRole('button', { name: t('admin.support.handover.action') }).click();
    await toast(sam.page, t('admin.support.handedOver', { team: 'Kumo', name: 'Fumi' })).waitFor();

    await toast(fumi.page, t('admin.support.handedToYouNote', { from: 'Sam', team: 'Kumo', note })).waitFor({ timeout: LIVE_MS });
    const fumiThread = fumi.page.locator('jam-admin-support button.thread', { hasText: 'Kumo' });
    await fumiThread.locator('.chip', { hasText: t('admin.support.withYou') }).waitFor({ timeout: LIVE_MS });
    await fumiThread.click();
    await fumi.page.locator('jam-admin-support-assign .note', { hasText: note }).waitFor();
    // A facilitator may read the team's own chat while it asks for help.
    await fumi.page
      .locator('jam-admin-team-chat')
      .getByRole('button', { name: t('admin.support.teamChat') })
      .click();
    await fumi.page.locator('jam-admin-team-chat h3', { hasText: t('admin.support.teamChatTitle', { team: 'Kumo' }) }).waitFor();
    await settle(fumi.page);
    await shoot(fumi.page, `staff-support-received-${lang}`, [[1440, 900]]);
  });

  it.skipIf(Boolean(reason))('puts the team waiting on support at the top of needs attention, live', async () => {
    await openTab(fumi.page, 'attention');
    const rows = fumi.page.locator('jam-admin-attention tbody tr[data-team-id]');
    await rows.first().waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Kumo');
    await expect(rows.first().textContent()).resolves.toContain(t('admin.attention.reason.support'));
    // Sora writes to support: once Kumo's is answered, Sora is the one waiting and moves up.
    await fumi.page.locator('jam-admin-attention').waitFor();
    await sora.call('POST', '/api/team/support', { text: lang === 'ja' ? '質問があります' : 'A question' });
    await fumi.page
      .locator(`jam-admin-attention tr[data-team-id="${sora.teamId}"] .chip`, { hasText: t('admin.attention.reason.support') })
      .waitFor({ timeout: LIVE_MS });
    await fumi.page.locator(`jam-admin-attention tr[data-challenge-id="alpha"]`).waitFor();
    await settle(fumi.page);
    await shoot(fumi.page, `staff-attention-${lang}`, [[1440, 900]], true);
    await openTab(sam.page, 'attention');
    await sam.page.locator('jam-admin-attention tbody tr[data-team-id]').first().waitFor();
    await settle(sam.page);
    await shoot(sam.page, `staff-attention-support-${lang}`, [[1280, 720]]);
  });

  it.skipIf(Boolean(reason))('signs a revoked member out of the console at once', async () => {
    const row = owner.getByRole('table', { name: t('admin.staff.list') }).locator('tbody tr', { hasText: 'Sam' });
    await row.getByRole('button', { name: t('admin.staff.revokeLabel', { name: 'Sam' }) }).click();
    const dialog = owner.locator('jam-admin-staff jam-confirm jam-dialog[open]');
    await dialog.waitFor();
    await dialog.locator('button.confirm').click();
    await toast(owner, t('admin.staff.revoked', { name: 'Sam' })).waitFor();
    await sam.page.locator('jam-admin form.login').waitFor({ timeout: LIVE_MS });
    await sam.page
      .getByRole('alert')
      .filter({ hasText: t('admin.revokedSelf') })
      .waitFor();
    await sam.context.close();

    // The audit log below the staff list names who did each thing.
    const audit = owner.locator('jam-admin-audit');
    await audit.getByRole('button', { name: t('admin.refresh') }).click();
    const entry = (action: string) => audit.locator('tbody tr', { has: owner.locator('td.action', { hasText: new RegExp(`^${action}$`) }) });
    await expect(entry('staff.revoke').first().locator('td').nth(1).textContent()).resolves.toBe('Owner');
    await expect(entry('support.handover').first().locator('td').nth(1).textContent()).resolves.toBe('Sam');
    await expect(entry('team.chat.read').first().locator('td').nth(1).textContent()).resolves.toBe('Fumi');
    await audit.scrollIntoViewIfNeeded();
    await settle(owner);
    await shoot(owner, `staff-audit-${lang}`, [[1440, 900]]);
  });

  it.skipIf(Boolean(reason))('resets the rehearsal: a player’s tab returns to the join page, the screen starts over, results stay downloadable', async () => {
    const player = await playerPage(browser, server, await joinedCookie(server, 'Cy', kumo.team.joinCode), `/?lang=${lang}`);
    await player.locator('jam-game').waitFor();
    const screen = await playerPage(browser, server, '', '/screen');
    await screen.locator('jam-screen').waitFor();
    await screen.evaluate(() => ((window as unknown as { before: boolean }).before = true));

    await openTab(owner, 'export');
    const reset = owner.locator('jam-admin-reset');
    await reset.getByLabel(t('admin.reset.confirmLabel', { name: 'Jamboree' })).fill('Jamboree');
    await reset.getByRole('button', { name: t('admin.reset.action') }).click();
    const dialog = reset.locator('jam-dialog[open]');
    await dialog.waitFor();
    await settle(owner);
    await shoot(owner, `staff-reset-confirm-${lang}`, [[1440, 900]]);
    await dialog.locator('button.confirm').click();
    await toast(owner, t('admin.reset.done')).waitFor();

    await player.locator('jam-join-view').waitFor({ timeout: LIVE_MS });
    await screen.waitForFunction(() => !(window as unknown as { before?: boolean }).before, undefined, { timeout: LIVE_MS });
    await screen.locator('jam-screen').waitFor();
    const archive = reset.locator('li[data-archive-id]');
    await archive.waitFor();
    await expect(archive.textContent()).resolves.toContain('Jamboree');
    const download = owner.waitForEvent('download');
    await archive.getByRole('link', { name: t('admin.archives.file.results.csv') }).click();
    const file = await download;
    const text = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
    expect(text).toContain('Kumo');
    await settle(owner);
    await shoot(owner, `staff-archives-${lang}`, [[1440, 900]], true);
  });
});
