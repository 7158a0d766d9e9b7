import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Announcement, SolveEvent } from '../../client/api-types.ts';
import { addSolve, displayUrl, isPlainSvg, mergeSolves, parseTop, pinAnnouncement, rowsThatFit, shorten, unexpired } from '../../client/screen/screen-state.ts';

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
    const items = addSolve(addSolve([], solve()), solve({ teamId: 2, teamName: 'Sora' }));
    expect(items.map((item) => item.teamName)).toEqual(['Sora', 'Kumo']);
  });

  it('does not show a solve twice, whether replayed after a reconnect or already loaded', () => {
    const once = addSolve([], solve());
    expect(addSolve(once, solve())).toBe(once);
  });

  it('keeps the ticker to twenty lines', () => {
    let items = addSolve([], solve({ taskId: 't0' }));
    for (let i = 1; i < 30; i++) items = addSolve(items, solve({ taskId: `t${i}` }));
    expect(items).toHaveLength(20);
    expect(items[0]?.key).toBe('1:ecr-pull-flow:t29');
  });
});

describe('mergeSolves', () => {
  it('joins loaded solves with live ones, newest first and without duplicates', () => {
    const live = addSolve([], solve({ taskId: 'b', at: '2026-11-21T10:05:00Z' }));
    const merged = mergeSolves(live, [
      solve({ taskId: 'b', at: '2026-11-21T10:05:00Z' }),
      solve({ taskId: 'a', at: '2026-11-21T10:01:00Z' }),
      solve({ teamId: 2, taskId: 'c', at: '2026-11-21T10:09:00Z' }),
    ]);
    expect(merged.map((item) => item.key)).toEqual(['2:ecr-pull-flow:c', '1:ecr-pull-flow:b', '1:ecr-pull-flow:a']);
  });
});

describe('unexpired', () => {
  it('drops announcements whose auto-dismiss time has passed and keeps the rest', () => {
    const at = '2026-11-21T10:00:00Z';
    const base = { text: 'x', texts: {}, level: 'info' as const, teamId: null, at };
    const list = [
      { ...base, id: 1, dismissAfterSeconds: 30 },
      { ...base, id: 2, dismissAfterSeconds: null },
      { ...base, id: 3, dismissAfterSeconds: 60, expiresAt: '2026-11-21T10:01:00Z' },
    ];
    expect(unexpired(list, Date.parse('2026-11-21T10:00:45Z')).map((a) => a.id)).toEqual([2, 3]);
    expect(unexpired(list, Date.parse('2026-11-21T10:02:00Z')).map((a) => a.id)).toEqual([2]);
  });
});

describe('pinAnnouncement', () => {
  it('keeps the two newest announcements, newest first', () => {
    const a = (id: number): Announcement => ({
      id,
      text: String(id),
      texts: {},
      level: 'info',
      teamId: null,
      dismissAfterSeconds: null,
      at: '2026-11-21T10:00:00Z',
    });
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
