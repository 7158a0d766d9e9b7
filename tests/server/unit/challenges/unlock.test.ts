import { describe, expect, it } from 'vitest';
import type { CatalogChallenge } from '../../../../server/features/challenges/catalog.ts';
import { describeLock, formatEventMinute, type LockContext, lockOf } from '../../../../server/features/challenges/unlock.ts';
import { applyEventAction, draftEventClock, runningMs } from '../../../../server/features/event/clock.ts';

const MINUTE = 60_000;

function challenge(id: string, options: Partial<CatalogChallenge> = {}, tasks = 2): CatalogChallenge {
  return {
    id,
    position: 0,
    title: { en: id.toUpperCase(), ja: `${id}-ja` },
    category: 'C',
    difficulty: 'easy',
    source: 'S',
    summary: {},
    briefing: {},
    tags: [],
    hidden: false,
    held: false,
    unlock: null,
    openedAt: null,
    contentHash: '',
    tasks: Array.from({ length: tasks }, (_, i) => ({ id: `t${i}` }) as CatalogChallenge['tasks'][number]),
    ...options,
  };
}

const warm = challenge('warm', {}, 1);
const base = challenge('base');
const context = (overrides: Partial<LockContext> = {}): LockContext => ({
  solvedTasks: new Map(),
  runningMs: 0,
  warmUp: [],
  inPlay: (id) => [warm, base].find((c) => c.id === id),
  ...overrides,
});

describe('lockOf', () => {
  it('leaves a challenge without a rule open', () => {
    expect(lockOf(base, context())).toBeNull();
  });

  it('waits until every task of each prerequisite is solved', () => {
    const gated = challenge('gated', { unlock: { after: ['base'] } });
    expect(lockOf(gated, context())).toEqual({ after: [base], atMinute: null, remainingMs: null });
    expect(lockOf(gated, context({ solvedTasks: new Map([['base', 1]]) }))?.after).toEqual([base]);
    expect(lockOf(gated, context({ solvedTasks: new Map([['base', 2]]) }))).toBeNull();
  });

  it('does not wait for a prerequisite that is out of play', () => {
    expect(lockOf(challenge('gated', { unlock: { after: ['gone'] } }), context())).toBeNull();
  });

  it('waits for the running time, and needs both parts of a rule that has both', () => {
    const both = challenge('both', { unlock: { after: ['warm'], atMinute: 30 } });
    const solved = new Map([['warm', 1]]);
    expect(lockOf(both, context({ solvedTasks: solved, runningMs: 10 * MINUTE }))).toEqual({ after: [], atMinute: 30, remainingMs: 20 * MINUTE });
    expect(lockOf(both, context({ runningMs: 30 * MINUTE }))).toEqual({ after: [warm], atMinute: null, remainingMs: null });
    expect(lockOf(both, context({ solvedTasks: solved, runningMs: 30 * MINUTE }))).toBeNull();
  });

  it('is open for everyone once an admin opened it', () => {
    expect(lockOf(challenge('x', { unlock: { atMinute: 30 }, openedAt: new Date() }), context())).toBeNull();
  });

  it('keeps the event warm-up setting: one solve of each warm-up opens the rest', () => {
    const ctx = context({ warmUp: ['warm'] });
    expect(lockOf(base, ctx)?.after).toEqual([warm]);
    expect(lockOf(warm, ctx)).toBeNull();
    expect(lockOf(base, context({ warmUp: ['warm'], solvedTasks: new Map([['warm', 1]]) }))).toBeNull();
  });

  it('says the reason in words', () => {
    const lock = lockOf(challenge('x', { unlock: { after: ['warm', 'base'], atMinute: 90 } }), context())!;
    expect(describeLock(lock, (c) => c.title.en ?? '')).toBe('this challenge is locked: solve "WARM" and "BASE" first; it opens at 1:30 into the event');
    expect(formatEventMinute(5)).toBe('0:05');
    expect(formatEventMinute(600)).toBe('10:00');
  });
});

describe('runningMs', () => {
  it('counts running time only: not before the start, not while paused, all of it once ended', () => {
    const t0 = new Date('2026-12-04T10:00:00Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
    let clock = draftEventClock(120);
    expect(runningMs(clock, at(0))).toBe(0);
    clock = applyEventAction(clock, 'start', at(0));
    expect(runningMs(clock, at(20))).toBe(20 * MINUTE);
    clock = applyEventAction(clock, 'pause', at(30));
    expect(runningMs(clock, at(50))).toBe(30 * MINUTE);
    clock = applyEventAction(clock, 'resume', at(50));
    expect(runningMs(clock, at(60))).toBe(40 * MINUTE);
    clock = applyEventAction(clock, { type: 'extend', minutes: 30 }, at(60));
    expect(runningMs(clock, at(60))).toBe(40 * MINUTE);
    expect(runningMs(clock, at(500))).toBe(150 * MINUTE);
  });
});
