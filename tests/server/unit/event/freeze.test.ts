import { describe, expect, it } from 'vitest';
import { applyEventAction, draftEventClock, freezeCutoff, isFrozen, type EventAction, type EventClock } from '../../../../server/features/event/clock.ts';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
const t = (minutes: number) => new Date(T0 + minutes * 60_000);

function run(clock: EventClock, ...steps: [EventAction, number][]): EventClock {
  return steps.reduce((c, [action, minute]) => applyEventAction(c, action, t(minute)), clock);
}

describe('freezeCutoff', () => {
  it('is null with no scheduled freeze and no manual one', () => {
    expect(freezeCutoff(run(draftEventClock(120, 0), ['start', 0]))).toBeNull();
    expect(freezeCutoff(draftEventClock(120, 30))).toBeNull();
  });

  it('is freezeMinutes before the end, and moves with the end', () => {
    const running = run(draftEventClock(120, 30), ['start', 0]);
    expect(freezeCutoff(running)).toEqual(t(90));
    expect(freezeCutoff(run(running, ['pause', 10], ['resume', 20]))).toEqual(t(100));
    expect(freezeCutoff(run(running, [{ type: 'extend', minutes: 15 }, 5]))).toEqual(t(105));
  });

  it('is the earlier of the manual and the scheduled freeze', () => {
    const running = run(draftEventClock(120, 30), ['start', 0]);
    expect(freezeCutoff(run(running, ['freeze', 60]))).toEqual(t(60));
    expect(freezeCutoff(run(running, ['freeze', 100]))).toEqual(t(90));
    expect(freezeCutoff(run(draftEventClock(120, 0), ['start', 0], ['freeze', 70]))).toEqual(t(70));
  });
});

describe('isFrozen', () => {
  const running = run(draftEventClock(120, 30), ['start', 0]);

  it('freezes at the scheduled cutoff and stays frozen after the end until reveal', () => {
    expect(isFrozen(running, t(89))).toBe(false);
    expect(isFrozen(running, t(90))).toBe(true);
    const ended = run(running, ['end', 110]);
    expect(isFrozen(ended, t(200))).toBe(true);
    expect(isFrozen(run(ended, ['reveal', 200]), t(200))).toBe(false);
  });

  it('freezes from the moment of a manual freeze', () => {
    const frozen = run(running, ['freeze', 20]);
    expect(isFrozen(frozen, t(20))).toBe(true);
    expect(isFrozen(run(frozen, ['unfreeze', 30]), t(30))).toBe(false);
  });

  it('does not freeze during a long pause that began before the cutoff, nor thaw on resume', () => {
    const paused = run(running, ['pause', 80]);
    expect(isFrozen(paused, t(100))).toBe(false);
    const resumed = run(paused, ['resume', 100]);
    expect(isFrozen(resumed, t(109))).toBe(false);
    expect(isFrozen(resumed, t(110))).toBe(true);
    const pausedWhileFrozen = run(running, ['pause', 95]);
    expect(isFrozen(pausedWhileFrozen, t(96))).toBe(true);
    expect(isFrozen(run(pausedWhileFrozen, ['resume', 200]), t(200))).toBe(true);
  });

  it('is never frozen before the start or without any freeze', () => {
    expect(isFrozen(draftEventClock(120, 30), t(0))).toBe(false);
    const open = run(draftEventClock(120, 0), ['start', 0], ['end', 100]);
    expect(isFrozen(open, t(130))).toBe(false);
  });
});

describe('ending early', () => {
  const start = new Date('2026-11-21T10:00:00Z');
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

  it('does not freeze retroactively when the event ends before the scheduled freeze', () => {
    const running = applyEventAction(draftEventClock(120, 30), 'start', start);
    const ended = applyEventAction(running, 'end', at(40));
    expect(freezeCutoff(ended)).toBeNull();
    expect(isFrozen(ended, at(41))).toBe(false);
  });

  it('keeps the cutoff where it was when the event ends after the scheduled freeze', () => {
    const running = applyEventAction(draftEventClock(120, 30), 'start', start);
    const ended = applyEventAction(running, 'end', at(100));
    expect(freezeCutoff(ended)).toEqual(at(90));
    expect(isFrozen(ended, at(101))).toBe(true);
  });

  it('keeps a manual freeze as it was', () => {
    const running = applyEventAction(draftEventClock(120, 0), 'start', start);
    const frozen = applyEventAction(running, 'freeze', at(50));
    const ended = applyEventAction(frozen, 'end', at(60));
    expect(freezeCutoff(ended)).toEqual(at(50));
  });
});
