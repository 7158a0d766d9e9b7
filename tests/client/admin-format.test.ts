import { describe, expect, it } from 'vitest';
import type { AdminChallenge, AdminEvent, ClueUsage, Submission } from '../../client/admin/admin-api.ts';
import {
  answerText,
  availableActions,
  detailsText,
  errorText,
  flagOwner,
  formatSpan,
  matchesFilter,
  problemLine,
  settingsChanges,
  sortByStuck,
  toggledInPlay,
  wholeNumber,
} from '../../client/admin/admin-format.ts';
import { ApiError } from '../../client/api.ts';
import { en } from '../../client/i18n/en.ts';

const event = (overrides: Partial<AdminEvent> = {}): AdminEvent => ({
  name: 'Jam',
  state: 'draft',
  startsAt: null,
  endsAt: null,
  serverNow: '2026-11-21T10:00:00.000Z',
  frozen: false,
  revealed: false,
  remainingMs: 7_200_000,
  durationMinutes: 120,
  freezeAt: null,
  freezeMinutes: 30,
  frozenByHand: false,
  pausedAt: null,
  maxTeamSize: 4,
  attemptsPerMinute: 10,
  penaltyMode: 'on-solve',
  inPlay: null,
  warmUp: [],
  screenLanguage: null,
  finaleStep: null,
  ...overrides,
});

const usage = (taskId: string, solveRate: number | null, wrongAttempts = 0): ClueUsage => ({
  challengeId: 'c',
  challengeTitle: 'C',
  taskId,
  taskTitle: taskId,
  points: 100,
  teamsAttempted: solveRate === null ? 0 : 4,
  solved: solveRate === null ? 0 : solveRate * 4,
  solveRate,
  wrongAttempts,
  averageAward: null,
  clues: [],
});

describe('errorText', () => {
  it('shows the server’s message, and a plain sentence when the network failed', () => {
    expect(errorText(new ApiError(409, 'invalid_transition', 'cannot reveal an event that is running'))).toBe('cannot reveal an event that is running');
    expect(errorText(new ApiError(0, 'network', 'Failed to fetch'))).toBe(en['common.networkError']);
    expect(errorText(new Error('boom'))).toBe(en['common.error']);
  });
});

describe('availableActions', () => {
  it('offers only what the clock accepts in each state', () => {
    const on = (e: AdminEvent) =>
      Object.entries(availableActions(e))
        .filter(([, ok]) => ok)
        .map(([a]) => a)
        .sort();
    expect(on(event())).toEqual(['extend', 'start']);
    expect(on(event({ state: 'running' }))).toEqual(['end', 'extend', 'freeze', 'pause']);
    expect(on(event({ state: 'running', frozen: true }))).toEqual(['end', 'extend', 'pause', 'unfreeze']);
    expect(on(event({ state: 'paused' }))).toEqual(['end', 'extend', 'freeze', 'resume']);
    expect(on(event({ state: 'ended' }))).toEqual(['reveal']);
    expect(on(event({ state: 'ended', revealed: true }))).toEqual([]);
  });
});

describe('sortByStuck', () => {
  it('puts the lowest solve rate first, more wrong answers first on a tie, untried tasks last', () => {
    const sorted = sortByStuck([usage('easy', 1), usage('untried', null), usage('hard', 0.25, 2), usage('harder', 0.25, 9), usage('none', 0)]);
    expect(sorted.map((t) => t.taskId)).toEqual(['none', 'harder', 'hard', 'easy', 'untried']);
  });
});

describe('answerText', () => {
  it('shows every answer type on one line', () => {
    expect(answerText('HTTP 307')).toBe('HTTP 307');
    expect(answerText(7)).toBe('7');
    expect(answerText(['ddb', 's3'])).toBe('ddb, s3');
    expect(answerText({ control: 'streams', managed: 'firehose' })).toBe('control → streams; managed → firehose');
    expect(answerText(null)).toBe('');
  });
});

describe('flagOwner and matchesFilter', () => {
  const submission = (overrides: Partial<Submission> = {}): Submission => ({
    id: 1,
    teamId: 2,
    teamName: 'Sora',
    playerName: 'Bo',
    challengeId: 'beta',
    taskId: 'lab-flag',
    answer: 'JAM{x}',
    correct: false,
    penalty: 0,
    at: '2026-11-21T10:00:00Z',
    flags: ['sharing', 'flag-of-team:12'],
    ...overrides,
  });

  it('reads the team whose lab flag was shared', () => {
    expect(flagOwner(['sharing', 'flag-of-team:12'])).toBe(12);
    expect(flagOwner([])).toBeNull();
  });

  it('lets a live submission into the list only when it fits the filter', () => {
    expect(matchesFilter(submission(), {})).toBe(true);
    expect(matchesFilter(submission(), { teamId: 2, correct: false, flagged: true })).toBe(true);
    expect(matchesFilter(submission(), { teamId: 3 })).toBe(false);
    expect(matchesFilter(submission(), { challengeId: 'alpha' })).toBe(false);
    expect(matchesFilter(submission(), { correct: true })).toBe(false);
    expect(matchesFilter(submission({ flags: [] }), { flagged: true })).toBe(false);
  });
});

describe('settingsChanges', () => {
  it('sends only the settings that changed, so a running event is not sent its duration', () => {
    const form = { name: ' Jam ', durationMinutes: 120, freezeMinutes: 20, maxTeamSize: 4, attemptsPerMinute: 10, penaltyMode: 'on-solve' as const };
    expect(settingsChanges(event({ state: 'running' }), form)).toEqual({ freezeMinutes: 20 });
    expect(settingsChanges(event(), { ...form, freezeMinutes: 30 })).toBeNull();
  });
});

describe('toggledInPlay', () => {
  const challenge = (id: string, inPlay: boolean, hidden = false, held = false): AdminChallenge => ({
    id,
    title: { en: id },
    category: 'x',
    difficulty: 'easy',
    source: 's',
    hidden,
    held,
    inPlay,
    unlock: null,
    openedAt: null,
    contentHash: 'h',
    tasks: [{ id: 't', index: 1, title: { en: 't' }, points: 100, type: 'text', attempts: null, wrongPenalty: 0, clues: [] }],
  });

  it('lists the challenges left in play after one is switched, never a removed or held-back one', () => {
    const all = [challenge('a', true), challenge('b', true), challenge('h', false, true), challenge('c', false), challenge('k', false, false, true)];
    expect(toggledInPlay(all, 'b', false)).toEqual(['a']);
    expect(toggledInPlay(all, 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggledInPlay(all, 'k', true)).toEqual(['a', 'b']);
  });
});

describe('small formats', () => {
  it('formats time left, lint lines and whole numbers', () => {
    expect(formatSpan(3_909_000)).toBe('1:05:09');
    expect(formatSpan(750_000)).toBe('12:30');
    expect(problemLine({ file: 'a/challenge.yaml', line: 4, column: 13, message: 'bad', text: '' })).toBe('a/challenge.yaml:4:13 bad');
    expect(wholeNumber(' 15 ', 1, 60)).toBe(15);
    expect(wholeNumber('-5', -10, 10)).toBe(-5);
    expect(wholeNumber('1.5', 1, 60)).toBeNull();
    expect(wholeNumber('90', 1, 60)).toBeNull();
  });
});

describe('detailsText', () => {
  it("shows an audit row's details as key: value pairs, leaving out empty ones", () => {
    expect(detailsText({ from: 'Kumo', name: 'Kumo Blue', note: null })).toBe('from: Kumo · name: Kumo Blue');
    expect(detailsText({ mode: 'similar', players: 12, problems: ['a', 'b'] })).toBe('mode: similar · players: 12 · problems: ["a","b"]');
    expect(detailsText(null)).toBe('');
    expect(detailsText('plain')).toBe('plain');
  });
});
