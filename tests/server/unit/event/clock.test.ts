import { describe, expect, it } from 'vitest';
import {
  applyEventAction,
  draftEventClock,
  effectiveState,
  EventClockError,
  isAcceptingAttempts,
  remainingMs,
  type EventAction,
  type EventClock,
} from '../../../../server/features/event/clock.ts';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
/** The instant `minutes` after 09:00. */
const t = (minutes: number) => new Date(T0 + minutes * 60_000);

function run(clock: EventClock, ...steps: [EventAction, number][]): EventClock {
  return steps.reduce((c, [action, minute]) => applyEventAction(c, action, t(minute)), clock);
}

function refusal(fn: () => unknown): EventClockError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EventClockError) return error;
    throw error;
  }
  throw new Error('expected an EventClockError');
}

const draft = draftEventClock(120, 30);

describe('applyEventAction', () => {
  it('starts a draft event now, ending after its duration', () => {
    const running = run(draft, ['start', 0]);
    expect(running).toMatchObject({ state: 'running', startedAt: t(0), endsAt: t(120), pausedAt: null });
    expect(draft.state).toBe('draft');
  });

  it('moves the end by the paused time on resume', () => {
    const paused = run(draft, ['start', 0], ['pause', 30]);
    expect(paused).toMatchObject({ state: 'paused', pausedAt: t(30), endsAt: t(120) });
    const resumed = run(paused, ['resume', 45]);
    expect(resumed).toMatchObject({ state: 'running', pausedAt: null, endsAt: t(135) });
  });

  it('adds up several pauses', () => {
    const clock = run(draft, ['start', 0], ['pause', 10], ['resume', 15], ['pause', 60], ['resume', 70]);
    expect(clock.endsAt).toEqual(t(135));
  });

  it('ends a running event now', () => {
    expect(run(draft, ['start', 0], ['end', 50])).toMatchObject({ state: 'ended', endsAt: t(50) });
  });

  it('ends a paused event at the moment it was paused', () => {
    const ended = run(draft, ['start', 0], ['pause', 40], ['end', 90]);
    expect(ended).toMatchObject({ state: 'ended', endsAt: t(40), pausedAt: null });
  });

  it('extends a running or paused event and the planned duration', () => {
    const extended = run(draft, ['start', 0], [{ type: 'extend', minutes: 15 }, 10]);
    expect(extended).toMatchObject({ endsAt: t(135), durationMinutes: 135 });
    const pausedExtended = run(draft, ['start', 0], ['pause', 20], [{ type: 'extend', minutes: 5 }, 25], ['resume', 30]);
    expect(pausedExtended.endsAt).toEqual(t(135));
  });

  it('extends the duration of a draft event before it starts', () => {
    const longer = run(draft, [{ type: 'extend', minutes: 30 }, 0]);
    expect(longer).toMatchObject({ state: 'draft', durationMinutes: 150, endsAt: null });
    expect(run(longer, ['start', 10]).endsAt).toEqual(t(160));
  });

  it('refuses extensions that are not a positive whole number of minutes', () => {
    const running = run(draft, ['start', 0]);
    for (const minutes of [0, -5, 1.5, Number.NaN, 100_000]) {
      expect(refusal(() => applyEventAction(running, { type: 'extend', minutes }, t(1))).code).toBe('invalid_extension');
    }
  });

  it('freezes by hand while running or paused, once', () => {
    const frozen = run(draft, ['start', 0], ['freeze', 20]);
    expect(frozen.frozenAt).toEqual(t(20));
    expect(refusal(() => run(frozen, ['freeze', 25])).message).toMatch(/already frozen/);
    expect(run(draft, ['start', 0], ['pause', 5], ['freeze', 6]).frozenAt).toEqual(t(6));
  });

  it('lifts a manual freeze and a scheduled freeze already in force, but not one still ahead', () => {
    const manual = run(draft, ['start', 0], ['freeze', 20], ['unfreeze', 25]);
    expect(manual).toMatchObject({ frozenAt: null, freezeMinutes: 30 });
    const scheduled = run(draft, ['start', 0], ['unfreeze', 95]);
    expect(scheduled).toMatchObject({ frozenAt: null, freezeMinutes: 0 });
    expect(refusal(() => run(draft, ['start', 0], ['unfreeze', 10])).message).toMatch(/not frozen/);
  });

  it('reveals only after the end, and once', () => {
    const ended = run(draft, ['start', 0], ['end', 60]);
    expect(run(ended, ['reveal', 61]).revealed).toBe(true);
    expect(refusal(() => run(ended, ['reveal', 61], ['reveal', 62])).message).toMatch(/already revealed/);
    expect(refusal(() => run(draft, ['start', 0], ['reveal', 60])).code).toBe('invalid_transition');
  });

  it('treats a running event past its end as ended: reveal works, pause is refused', () => {
    const running = run(draft, ['start', 0]);
    expect(run(running, ['reveal', 121])).toMatchObject({ state: 'ended', revealed: true, endsAt: t(120) });
    expect(refusal(() => run(running, ['pause', 120])).message).toMatch(/ended/);
    expect(refusal(() => run(running, ['end', 130])).code).toBe('invalid_transition');
  });

  it('refuses transitions the state machine does not have', () => {
    const invalid: [EventClock, EventAction][] = [
      [draft, 'pause'],
      [draft, 'resume'],
      [draft, 'end'],
      [draft, 'freeze'],
      [draft, 'reveal'],
      [run(draft, ['start', 0]), 'start'],
      [run(draft, ['start', 0]), 'resume'],
      [run(draft, ['start', 0], ['pause', 1]), 'pause'],
      [run(draft, ['start', 0], ['end', 1]), 'start'],
      [run(draft, ['start', 0], ['end', 1]), 'resume'],
      [run(draft, ['start', 0], ['end', 1]), 'end'],
      [run(draft, ['start', 0], ['end', 1]), 'freeze'],
      [run(draft, ['start', 0], ['end', 1]), { type: 'extend', minutes: 5 }],
    ];
    for (const [clock, action] of invalid) {
      const error = refusal(() => applyEventAction(clock, action, t(2)));
      expect(error.code, `${clock.state} ${JSON.stringify(action)}`).toBe('invalid_transition');
    }
  });

  it('refuses to start an event without a positive duration', () => {
    expect(refusal(() => run(draftEventClock(0), ['start', 0])).code).toBe('invalid_transition');
  });
});

describe('effectiveState and isAcceptingAttempts', () => {
  const running = run(draft, ['start', 0]);

  it('accepts attempts only while running and before the end', () => {
    expect(isAcceptingAttempts(draft, t(0))).toBe(false);
    expect(isAcceptingAttempts(running, t(0))).toBe(true);
    expect(isAcceptingAttempts(running, t(119.99))).toBe(true);
    expect(isAcceptingAttempts(running, t(120))).toBe(false);
    expect(isAcceptingAttempts(run(running, ['pause', 10]), t(11))).toBe(false);
    expect(isAcceptingAttempts(run(running, ['end', 10]), t(11))).toBe(false);
  });

  it('reads a running event as ended once its end has passed, but never a paused one', () => {
    expect(effectiveState(running, t(119))).toBe('running');
    expect(effectiveState(running, t(120))).toBe('ended');
    expect(effectiveState(run(running, ['pause', 10]), t(500))).toBe('paused');
  });
});

describe('remainingMs', () => {
  it('counts the full duration before the start, down while running, and stands still while paused', () => {
    expect(remainingMs(draft, t(0))).toBe(120 * 60_000);
    const running = run(draft, ['start', 0]);
    expect(remainingMs(running, t(20))).toBe(100 * 60_000);
    const paused = run(running, ['pause', 30]);
    expect(remainingMs(paused, t(30))).toBe(90 * 60_000);
    expect(remainingMs(paused, t(80))).toBe(90 * 60_000);
    expect(remainingMs(run(paused, ['resume', 80]), t(90))).toBe(80 * 60_000);
  });

  it('is zero once ended, by action or by time', () => {
    expect(remainingMs(run(draft, ['start', 0], ['end', 5]), t(5))).toBe(0);
    expect(remainingMs(run(draft, ['start', 0]), t(500))).toBe(0);
  });
});
