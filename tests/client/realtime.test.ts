import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Scoreboard, SolveEvent } from '../../client/api-types.ts';
import { backoffDelay, type EventSourceLike, StreamHub } from '../../client/realtime.ts';

class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((ev: Event) => unknown) | null = null;
  onerror: ((ev: Event) => unknown) | null = null;
  closed = false;
  private listeners = new Map<string, Array<(ev: MessageEvent<string>) => void>>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  emit(type: string, data: unknown, id = '1'): void {
    const event = { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id } as MessageEvent<string>;
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The browser lost the connection and will retry by itself. */
  drop(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** The browser gave up (e.g. the server answered 502). */
  fail(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }
}

let sources: FakeEventSource[];
const hub = () =>
  new StreamHub('/api/stream', (url) => {
    const source = new FakeEventSource(url);
    sources.push(source);
    return source;
  });

const board: Scoreboard = { frozen: false, total: 1, totalTasks: 4, teams: [{ rank: 1, id: 1, name: 'Kumo', score: 100, solvedTasks: 1, lastSolveAt: null }] };

beforeEach(() => {
  sources = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('StreamHub', () => {
  it('shares one EventSource between every subscriber of the tab', () => {
    const h = hub();
    const first = vi.fn();
    const second = vi.fn();
    h.subscribe({ handlers: { scoreboard: first } });
    h.subscribe({ handlers: { scoreboard: second } });
    expect(sources).toHaveLength(1);
    sources[0]?.emit('scoreboard', board, '42');
    expect(first).toHaveBeenCalledWith(board, '42');
    expect(second).toHaveBeenCalledWith(board, '42');
  });

  it('routes events by their SSE name and skips malformed data', () => {
    const h = hub();
    const onSolve = vi.fn();
    const onBoard = vi.fn();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    h.subscribe({ handlers: { solve: onSolve, scoreboard: onBoard } });
    const solve: Partial<SolveEvent> = { teamId: 1, taskIndex: 2, firstSolve: true };
    sources[0]?.emit('solve', solve);
    sources[0]?.emit('scoreboard', '{not json');
    expect(onSolve).toHaveBeenCalledWith(solve, '1');
    expect(onBoard).not.toHaveBeenCalled();
  });

  it('closes the connection when the last subscriber leaves', () => {
    const h = hub();
    const leaveA = h.subscribe({ handlers: {} });
    const leaveB = h.subscribe({ handlers: {} });
    leaveA();
    expect(sources[0]?.closed).toBe(false);
    leaveB();
    expect(sources[0]?.closed).toBe(true);
  });

  it('reports reconnecting while the browser retries, and asks for a resync once back', () => {
    const h = hub();
    const states: string[] = [];
    const onResync = vi.fn();
    h.subscribe({ handlers: {}, onResync, onState: (s) => states.push(s) });
    sources[0]?.open();
    expect(onResync).not.toHaveBeenCalled();
    sources[0]?.drop();
    sources[0]?.open();
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(onResync).toHaveBeenCalledTimes(1);
    expect(sources).toHaveLength(1);
  });

  it('opens a new EventSource with backoff when the browser gives up', () => {
    const h = hub();
    const onResync = vi.fn();
    h.subscribe({ handlers: {}, onResync });
    sources[0]?.open();
    sources[0]?.fail();
    expect(sources[0]?.closed).toBe(true);
    expect(h.state).toBe('reconnecting');
    vi.advanceTimersByTime(backoffDelay(0, () => 1));
    expect(sources).toHaveLength(2);
    sources[1]?.fail();
    vi.advanceTimersByTime(backoffDelay(1, () => 0) - 1);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(backoffDelay(1, () => 1));
    expect(sources).toHaveLength(3);
    sources[2]?.open();
    expect(h.state).toBe('open');
    expect(onResync).toHaveBeenCalledTimes(1);
  });

  it('turns a reset event into a resync', () => {
    const h = hub();
    const onResync = vi.fn();
    h.subscribe({ handlers: {}, onResync });
    sources[0]?.emit('reset', '');
    expect(onResync).toHaveBeenCalledTimes(1);
  });
});

describe('backoffDelay', () => {
  it('doubles from about a second and never waits more than ~30 s', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, () => 0.5)).toBe(2000);
    expect(backoffDelay(3, () => 0.5)).toBe(8000);
    expect(backoffDelay(50, () => 1)).toBeLessThanOrEqual(36_000);
    expect(backoffDelay(50, () => 0.5)).toBe(30_000);
  });
});
