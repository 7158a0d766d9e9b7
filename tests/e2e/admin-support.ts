import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/browser.ts';
import type { ServerProcess } from '../support/server-process.ts';

/**
 * Helpers for the admin console and screen browser suites: players over HTTP with their own
 * cookie jar, reading the screen's shadow DOM, and saving screenshots.
 */

/** Builds dist/client when it is missing or older than client/ (the server serves it). */
export function ensureClient(): void {
  const result = spawnSync(process.execPath, ['scripts/ensure-client.mjs'], { cwd: process.cwd(), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`client build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface HttpPlayer {
  call: HttpCall;
  teamId: number;
  team: { id: number; name: string; joinCode: string; labToken: string };
}

export type HttpCall = <T = unknown>(method: string, url: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** JSON calls to the server with a cookie jar of their own, as one browser would make them. */
function cookieClient(server: ServerProcess): HttpCall {
  let cookie = '';
  return async <T>(method: string, url: string, body?: unknown) => {
    const res = await fetch(server.url + url, {
      method,
      headers: { 'content-type': 'application/json', ...(cookie && { cookie }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const set = res.headers.getSetCookie();
    if (set.length) cookie = set.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}

/** A player's HTTP client, joined to the event. */
export async function joinedClient(server: ServerProcess, displayName: string, language: 'en' | 'ja'): Promise<HttpCall> {
  const call = cookieClient(server);
  const joined = await call('POST', '/api/join', { eventCode: server.eventCode, displayName, language });
  if (!joined.status.toString().startsWith('2')) throw new Error(`join failed: ${JSON.stringify(joined.body)}`);
  return call;
}

/** Joins the event and creates a team, over HTTP, like a player's browser would. */
export async function httpPlayer(server: ServerProcess, displayName: string, teamName: string, language: 'en' | 'ja' = 'en'): Promise<HttpPlayer> {
  const call = await joinedClient(server, displayName, language);
  const res = await call<{ team: HttpPlayer['team'] }>('POST', '/api/teams', { name: teamName });
  if (!res.status.toString().startsWith('2')) throw new Error(`team failed: ${JSON.stringify(res.body)}`);
  return { call, teamId: res.body.team.id, team: res.body.team };
}

/** Joins the event and an existing team with its join code. */
export async function httpTeammate(server: ServerProcess, displayName: string, of: HttpPlayer, language: 'en' | 'ja' = 'en'): Promise<HttpPlayer> {
  const call = await joinedClient(server, displayName, language);
  const res = await call<{ team: HttpPlayer['team'] }>('POST', '/api/teams/join', { joinCode: of.team.joinCode });
  if (!res.status.toString().startsWith('2')) throw new Error(`team join failed: ${JSON.stringify(res.body)}`);
  return { call, teamId: of.teamId, team: of.team };
}

/** Answers a task and checks the server took it as correct. */
export async function solve(player: HttpPlayer, challengeId: string, taskId: string, answer: unknown): Promise<void> {
  const res = await player.call<{ correct: boolean }>('POST', `/api/challenges/${challengeId}/tasks/${taskId}/attempts`, { answer });
  if (res.status !== 200 || !res.body.correct) throw new Error(`attempt on ${challengeId}/${taskId} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface ScreenRow {
  id: string;
  rank: string;
  name: string;
  score: number;
}

/** Name of the page function `exposeScreenRows` installs. */
export const SCREEN_ROWS = '__jamScreenRows';

/**
 * Installs `window.__jamScreenRows()` in the page: the screen's ranking as shown (rank badge,
 * name, the final score of the count-up), read through the shadow roots. Source text rather
 * than a serialised function, so no build helper leaks into the page.
 */
export async function exposeScreenRows(page: Page): Promise<void> {
  await page.addInitScript({
    content: `window.${SCREEN_ROWS} = () => {
      const ranking = document.querySelector('jam-screen')?.shadowRoot?.querySelector('jam-screen-ranking');
      return [...(ranking?.shadowRoot?.querySelectorAll('.row') ?? [])].map((row) => ({
        id: row.dataset.id ?? '',
        rank: row.querySelector('.badge')?.textContent?.trim() ?? '',
        name: row.querySelector('.name')?.textContent?.trim() ?? '',
        score: Number(row.querySelector('jam-count-up')?.value ?? NaN),
      }));
    };`,
  });
}

/** The screen's ranking as shown; needs `exposeScreenRows` before the page loaded. */
export function screenRows(page: Page): Promise<ScreenRow[]> {
  return page.evaluate((name) => (window as unknown as Record<string, () => ScreenRow[]>)[name]?.() ?? [], SCREEN_ROWS);
}

/**
 * Waits until nothing moves (podium rise, FLIP slides, fades, count-ups), so a screenshot is
 * still. Animations inside shadow roots are listed by each root, not by the document.
 */
export async function settle(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const roots: Array<Document | ShadowRoot> = [document];
      const counters: Array<Element & { value?: number; shown?: number }> = [];
      for (let i = 0; i < roots.length; i++) {
        for (const el of (roots[i] as Document | ShadowRoot).querySelectorAll('*')) {
          if (el.shadowRoot) roots.push(el.shadowRoot);
          if (el.localName === 'jam-count-up') counters.push(el);
        }
      }
      const moving = roots.some((root) => root.getAnimations().some((a) => a.playState === 'running' || a.pending));
      return !moving && counters.every((c) => c.shown === c.value);
    },
    undefined,
    { timeout, polling: 200 },
  );
}

/** Saves a screenshot at each size, restoring the first size afterwards. */
export async function shoot(
  page: Page,
  name: string,
  sizes: Array<[number, number]> = [
    [1920, 1080],
    [1280, 720],
  ],
  fullPage = false,
): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    // One frame for layout and ResizeObservers to follow the new size.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}x${height}.png`), fullPage });
  }
  if (original) await page.setViewportSize(original);
}

/** Signs in on `/admin` through the form, as a facilitator would. */
export async function adminSignIn(page: Page, server: ServerProcess, lang: 'en' | 'ja' = 'en'): Promise<void> {
  await page.goto(`${server.url}/admin?lang=${lang}`);
  await page.getByLabel(lang === 'ja' ? '管理トークン' : 'Admin token').fill(server.adminToken);
  await page.getByRole('button', { name: lang === 'ja' ? 'サインイン' : 'Sign in' }).click();
  await page.locator('jam-admin-event-bar button[data-action="start"]').waitFor({ timeout: 10_000 });
}

/** Opens an event-bar action, checks the confirmation says what will happen, and confirms it. */
export async function confirmAction(page: Page, action: string, expectText?: RegExp, screenshot?: string): Promise<string> {
  await page.locator(`jam-admin-event-bar button[data-action="${action}"]`).click();
  const dialog = page.locator('jam-admin-event-bar jam-confirm jam-dialog[open]');
  await dialog.waitFor({ timeout: 5000 });
  const text = (await dialog.textContent()) ?? '';
  if (expectText && !expectText.test(text)) throw new Error(`confirmation for ${action} says: ${text}`);
  if (screenshot) {
    await settle(page);
    await shoot(page, screenshot);
  }
  await dialog.locator('button.confirm').click();
  await dialog.waitFor({ state: 'detached', timeout: 5000 });
  return text;
}

/** The admin API over HTTP with the admin session cookie, for suites that drive the event without the console. */
export async function httpAdmin(server: ServerProcess) {
  const call = cookieClient(server);
  const login = await call('POST', '/api/admin/login', { token: server.adminToken });
  if (login.status !== 200) throw new Error(`admin login failed: ${JSON.stringify(login.body)}`);
  return {
    call,
    async act(action: string): Promise<void> {
      const res = await call('POST', `/api/admin/event/${action}`, {});
      if (res.status !== 200) throw new Error(`${action} failed: ${JSON.stringify(res.body)}`);
    },
  };
}
