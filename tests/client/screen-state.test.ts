import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Announcement, SolveEvent } from '../../client/api-types.ts';
import { addSolve, displayUrl, isPlainSvg, parseTop, pinAnnouncement, rowsThatFit, shorten } from '../../client/screen/screen-state.ts';

const solve = (overrides: Partial<SolveEvent> = {}): SolveEvent => ({
  teamId: 1,
  teamName: 'Kumo',
  challengeId: 'ecr-pull-flow',
  challengeTitle: { en: 'Inside the ECR pull', ja: 'ECR プルの内側' },
  taskId: 'order',
  taskTitle: { en: 'Order the pull', ja: 'プルの順序' },
  taskIndex: 2,
  awarded: 80,
  firstSolve: false,
  at: '2026-11-21T10:00:00Z',
  ...overrides,
});

describe('parseTop', () => {
  it('reads ?top= as a row count and falls back to 10', () => {
    expect(parseTop(null)).toBe(10);
    expect(parseTop('15')).toBe(15);
    expect(parseTop('0')).toBe(10);
    expect(parseTop('-3')).toBe(10);
    expect(parseTop('ten')).toBe(10);
    expect(parseTop('500')).toBe(25);
  });
});

describe('addSolve', () => {
  it('puts the newest solve first', () => {
    const items = addSolve(addSolve([], solve(), '1'), solve({ teamName: 'Sora' }), '2');
    expect(items.map((item) => item.teamName)).toEqual(['Sora', 'Kumo']);
  });

  it('does not show an event replayed after a reconnect twice', () => {
    const once = addSolve([], solve(), '7');
    expect(addSolve(once, solve(), '7')).toBe(once);
  });

  it('keeps the ticker to twenty lines', () => {
    let items = addSolve([], solve(), '0');
    for (let i = 1; i < 30; i++) items = addSolve(items, solve(), String(i));
    expect(items).toHaveLength(20);
    expect(items[0]?.key).toBe('29');
  });
});

describe('pinAnnouncement', () => {
  it('keeps the two newest announcements, newest first', () => {
    const a = (id: number): Announcement => ({ id, text: String(id), level: 'info', teamId: null, dismissAfterSeconds: null, at: '2026-11-21T10:00:00Z' });
    const pinned = [a(1), a(2), a(3)].reduce(pinAnnouncement, [] as Announcement[]);
    expect(pinned.map((x) => x.id)).toEqual([3, 2]);
    expect(pinAnnouncement(pinned, a(3))).toBe(pinned);
  });
});

describe('shorten', () => {
  it('cuts long names with an ellipsis and leaves short ones alone', () => {
    expect(shorten('Kumo', 10)).toBe('Kumo');
    expect(shorten('The Extremely Long Team Name', 10)).toBe('The Extre…');
    expect(shorten('チーム富士山とその仲間たち', 6)).toBe('チーム富士…');
  });
});

describe('displayUrl', () => {
  it('shows the address without scheme or query', () => {
    expect(displayUrl('https://jam.example.com/?code=K7Q2')).toBe('jam.example.com');
    expect(displayUrl('http://10.0.0.5:8787/join?code=K7Q2')).toBe('10.0.0.5:8787/join');
    expect(displayUrl('not a url')).toBe('not a url');
  });
});

describe('rowsThatFit', () => {
  it('counts whole rows including the gaps between them', () => {
    expect(rowsThatFit(52, 52, 8)).toBe(1);
    expect(rowsThatFit(111, 52, 8)).toBe(1);
    expect(rowsThatFit(112, 52, 8)).toBe(2);
    expect(rowsThatFit(-20, 52, 8)).toBe(0);
  });
});

describe('isPlainSvg', () => {
  it('accepts the markup the qrcode library produces', async () => {
    const require = createRequire(import.meta.url);
    const QR = require('qrcode') as { toString(text: string, options: { type: 'svg' }): Promise<string> };
    expect(isPlainSvg(await QR.toString('http://127.0.0.1:8787/?code=K7Q2', { type: 'svg' }))).toBe(true);
  });

  it('refuses anything that could run script', () => {
    expect(isPlainSvg('<svg><script>alert(1)</script></svg>')).toBe(false);
    expect(isPlainSvg('<svg onload="alert(1)"></svg>')).toBe(false);
    expect(isPlainSvg('<svg><foreignObject><iframe/></foreignObject></svg>')).toBe(false);
    expect(isPlainSvg('<img src=x onerror=alert(1)>')).toBe(false);
  });
});
