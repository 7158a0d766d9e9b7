import { describe, expect, it } from 'vitest';
import type { ChatEvent, ChatMessage, ClueEvent, ScoreHistory, SolveEvent } from '../../client/api-types.ts';
import { addActivity, clueActivity, solveActivity } from '../../client/app/activity.ts';
import { layoutChart, niceStep, timeStep } from '../../client/app/chart-model.ts';
import { applyTranslation, displayMessage, mergeMessages, messageFromEvent } from '../../client/app/chat-model.ts';
import { isOwnAttempt, markOwnAttempt } from '../../client/app/events.ts';

const chatEvent = (over: Partial<ChatEvent> = {}): ChatEvent => ({
  id: 5,
  teamId: 1,
  channel: 'team',
  authorPlayerId: 2,
  authorName: 'Ren',
  authorAdmin: false,
  language: 'ja',
  text: 'こんにちは',
  at: '2026-11-21T10:00:00Z',
  ...over,
});

describe('chat model', () => {
  it("marks the reader's own messages and facilitator messages apart", () => {
    expect(messageFromEvent(chatEvent(), 2).mine).toBe(true);
    expect(messageFromEvent(chatEvent(), 3).mine).toBe(false);
    expect(messageFromEvent(chatEvent({ authorAdmin: true, authorPlayerId: null }), 2).mine).toBe(false);
  });

  it('keeps one copy per id in id order, with the translations either copy had', () => {
    const sent: ChatMessage = { ...messageFromEvent(chatEvent(), 2), translations: { en: 'Hello' } };
    const live = messageFromEvent(chatEvent(), 2);
    const older = messageFromEvent(chatEvent({ id: 3, text: 'まえ' }), 9);
    const merged = mergeMessages([sent], [live, older]);
    expect(merged.map((m) => m.id)).toEqual([3, 5]);
    expect(merged[1]?.translations).toEqual({ en: 'Hello' });
  });

  it('fills a translation in when it arrives on the stream', () => {
    const list = [{ ...messageFromEvent(chatEvent(), 9), pendingTranslations: ['en' as const] }];
    const next = applyTranslation(list, { messageId: 5, teamId: 1, channel: 'team', language: 'en', text: 'Hello' });
    expect(next[0]?.translations.en).toBe('Hello');
    expect(next[0]?.pendingTranslations).toEqual([]);
  });

  it("shows a message in the reader's language when translated, with the original one toggle away", () => {
    const m: ChatMessage = { ...messageFromEvent(chatEvent(), 9), translations: { en: 'Hello' } };
    const common = { source: 'ja', pending: false };
    expect(displayMessage(m, 'en', false)).toEqual({ ...common, text: 'Hello', lang: 'en', translated: 'server', foreign: true, canToggle: true });
    expect(displayMessage(m, 'en', true)).toEqual({ ...common, text: 'こんにちは', lang: 'ja', translated: false, foreign: true, canToggle: true });
    expect(displayMessage(m, 'ja', false)).toEqual({ ...common, text: 'こんにちは', lang: 'ja', translated: false, foreign: false, canToggle: false });
    // On this device first; a text the browser finds to be in the reader's language needs no translation.
    expect(displayMessage(m, 'en', false, { source: 'ja', text: 'Hi (device)' })).toMatchObject({ text: 'Hi (device)', translated: 'device' });
    expect(displayMessage(m, 'en', false, { source: 'en', text: null })).toMatchObject({ text: 'こんにちは', foreign: false, translated: false });
    const untranslated = messageFromEvent(chatEvent(), 9);
    expect(displayMessage(untranslated, 'en', false)).toMatchObject({ text: 'こんにちは', foreign: true, canToggle: false });
  });
});

describe('team activity', () => {
  const solve: SolveEvent = {
    teamId: 1,
    teamName: 'Kumo',
    challengeId: 'alpha',
    challengeTitle: { en: 'Alpha', ja: 'アルファ' },
    taskId: 'status-code',
    taskTitle: { en: 'Status code' },
    taskIndex: 1,
    awarded: 80,
    firstSolve: true,
    at: '2026-11-21T10:05:00Z',
  };
  const clue: ClueEvent = {
    teamId: 1,
    challengeId: 'alpha',
    taskId: 'status-code',
    index: 1,
    penalty: 20,
    playerId: 2,
    playerName: 'Ren',
    at: '2026-11-21T10:01:00Z',
  };

  it('lists solves and clue unlocks newest first, each once', () => {
    let list = addActivity([], clueActivity(clue, null, false));
    list = addActivity(list, solveActivity(solve, true));
    list = addActivity(list, solveActivity(solve, true));
    expect(list.map((i) => i.kind)).toEqual(['solve', 'clue']);
  });

  it("tells this tab's own submission apart from a teammate's for a while", () => {
    markOwnAttempt('alpha', 'status-code', 1000);
    expect(isOwnAttempt('alpha', 'status-code', 2000)).toBe(true);
    expect(isOwnAttempt('alpha', 'pick-stores', 2000)).toBe(false);
    expect(isOwnAttempt('alpha', 'status-code', 60_000)).toBe(false);
  });
});

describe('score chart layout', () => {
  const box = { width: 500, height: 200, top: 10, right: 10, bottom: 30, left: 40 };
  const history: ScoreHistory = {
    frozen: false,
    startsAt: '2026-11-21T10:00:00Z',
    until: '2026-11-21T11:00:00Z',
    teams: [
      {
        id: 1,
        name: 'Kumo',
        rank: 1,
        points: [
          ['2026-11-21T10:15:00Z', 100],
          ['2026-11-21T10:30:00Z', 250],
        ],
      },
      { id: 2, name: 'Sora', rank: 2, points: [] },
    ],
  };

  it('draws each team as a step line from zero at the start to its score at the end', () => {
    const layout = layoutChart(history, box);
    expect(layout.hasPoints).toBe(true);
    const [kumo, sora] = layout.series;
    // 10:15 is a quarter of the way across the 450 px plot; 100 of a 300 axis is a third up.
    expect(kumo?.d.startsWith('M40,170H152.5V116.7')).toBe(true);
    expect(kumo?.last).toEqual({ x: 490, y: layout.series[0]!.last.y, score: 250 });
    expect(sora?.d).toBe('M40,170H490');
    expect(layout.yTicks.map((t) => t.value)).toEqual([0, 100, 200, 300]);
    expect(layout.xTicks.map((t) => new Date(t.at).toISOString().slice(11, 16))).toEqual(['10:00', '10:10', '10:20', '10:30', '10:40', '10:50', '11:00']);
  });

  it('picks round steps for both axes', () => {
    expect(niceStep(250, 4)).toBe(100);
    expect(niceStep(1200, 4)).toBe(500);
    expect(timeStep(60 * 60_000, 6)).toBe(10 * 60_000);
    expect(timeStep(90 * 60_000, 6)).toBe(15 * 60_000);
    expect(timeStep(4 * 60 * 60_000, 6)).toBe(60 * 60_000);
  });
});
