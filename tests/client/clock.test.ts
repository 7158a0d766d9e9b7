import { describe, expect, it } from 'vitest';
import { clockTone, clockView, formatCountdown, serverOffset } from '../../client/clock.ts';

const T0 = Date.parse('2026-11-21T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MIN = 60_000;

describe('formatCountdown', () => {
  it('shows hours, minutes and seconds with two digits each', () => {
    expect(formatCountdown(4 * 3600_000 + 5 * MIN + 9_000)).toBe('04:05:09');
    expect(formatCountdown(0)).toBe('00:00:00');
  });

  it('rounds up so zero appears only when time is really up', () => {
    expect(formatCountdown(400)).toBe('00:00:01');
    expect(formatCountdown(-5000)).toBe('00:00:00');
  });
});

describe('clockTone', () => {
  it('turns amber in the last 15 minutes and red in the last 5', () => {
    expect(clockTone(15 * MIN + 1)).toBe('normal');
    expect(clockTone(15 * MIN)).toBe('amber');
    expect(clockTone(5 * MIN + 1)).toBe('amber');
    expect(clockTone(5 * MIN)).toBe('red');
  });
});

describe('clockView', () => {
  it('counts down to the end while running', () => {
    expect(clockView({ state: 'running', startsAt: at(0), endsAt: at(60 * MIN) }, T0 + 50 * MIN)).toEqual({
      kind: 'countdown',
      remainingMs: 10 * MIN,
      tone: 'amber',
    });
  });

  it('shows Time once the end has passed, even before the server says ended', () => {
    expect(clockView({ state: 'running', startsAt: at(0), endsAt: at(MIN) }, T0 + 2 * MIN).kind).toBe('time');
    expect(clockView({ state: 'ended', startsAt: at(0), endsAt: at(MIN) }, T0).kind).toBe('time');
  });

  it('shows Paused while paused', () => {
    expect(clockView({ state: 'paused', startsAt: at(0), endsAt: at(MIN) }, T0).kind).toBe('paused');
  });

  it('counts down to a scheduled start, and otherwise shows not started', () => {
    expect(clockView({ state: 'draft', startsAt: at(10 * MIN), endsAt: null }, T0)).toMatchObject({
      kind: 'starts-in',
      remainingMs: 10 * MIN,
    });
    expect(clockView({ state: 'draft', startsAt: null, endsAt: null }, T0).kind).toBe('not-started');
  });
});

describe('serverOffset', () => {
  it('measures how far the server clock is ahead of the device', () => {
    expect(serverOffset(at(5000), T0)).toBe(5000);
    expect(serverOffset(at(-2000), T0)).toBe(-2000);
    expect(serverOffset('garbage', T0)).toBe(0);
  });
});
