import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { WIRE_EVENT_NAMES } from '../server/realtime/wire.ts';
import type { StreamEventMap, StreamEventName } from './api-types.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export type StreamHandlers = {
  [K in StreamEventName]?: (data: StreamEventMap[K], id: string) => void;
};

export interface StreamSubscriber {
  handlers: StreamHandlers;
  /** Something may have been missed (a `reset`, or the stream came back): refetch. */
  onResync?: () => void;
  onState?: (state: ConnectionState) => void;
}

/** The part of EventSource the hub uses, so tests can hand in a fake. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => unknown) | null;
  onerror: ((ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (ev: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceFactory = (url: string) => EventSourceLike;

const CLOSED = 2;

/** Exponential backoff with jitter: ~1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * One EventSource shared by every subscriber in the tab. EventSource reconnects by itself
 * and sends `Last-Event-ID`, so the server replays what was missed; only when the browser
 * gives up (readyState CLOSED, e.g. after a 5xx) does the hub open a fresh one, with backoff.
 * A fresh EventSource starts without the last id, so subscribers are told to resync then.
 */
export class StreamHub {
  state: ConnectionState = 'connecting';
  private source: EventSourceLike | null = null;
  private readonly subscribers = new Set<StreamSubscriber>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private openedBefore = false;

  constructor(
    private readonly url: string,
    private readonly factory: EventSourceFactory,
  ) {}

  subscribe(subscriber: StreamSubscriber): () => void {
    this.subscribers.add(subscriber);
    if (!this.source && !this.retryTimer) this.open();
    subscriber.onState?.(this.state);
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.shutdown();
    };
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Skip the backoff wait, e.g. when the browser reports it is back online. */
  reconnectNow(): void {
    if (!this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  private open(): void {
    const source = this.factory(this.url);
    this.source = source;
    for (const name of WIRE_EVENT_NAMES) {
      source.addEventListener(name, (event) => this.dispatch(name, event));
    }
    source.onopen = () => {
      this.attempt = 0;
      this.setState('open');
      // The first open needs no resync: views load their data when they start.
      if (this.openedBefore) this.resync();
      this.openedBefore = true;
    };
    source.onerror = () => {
      if (source.readyState === CLOSED) {
        source.close();
        if (this.source === source) this.source = null;
        this.scheduleReopen();
      }
      this.setState(this.openedBefore ? 'reconnecting' : 'connecting');
    };
  }

  private scheduleReopen(): void {
    if (this.subscribers.size === 0 || this.retryTimer) return;
    const delay = backoffDelay(this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscribers.size > 0) this.open();
    }, delay);
  }

  private shutdown(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.openedBefore = false;
    this.attempt = 0;
    this.state = 'connecting';
  }

  private dispatch<K extends StreamEventName>(name: K, event: MessageEvent<string>): void {
    if (name === 'reset') {
      this.resync();
      return;
    }
    let data: StreamEventMap[K];
    try {
      // The server writes each event from the typed union (server/realtime/wire.ts).
      data = JSON.parse(event.data) as StreamEventMap[K];
    } catch {
      console.warn(`[stream] ignoring malformed "${name}" event`);
      return;
    }
    for (const subscriber of [...this.subscribers]) {
      const handler: StreamHandlers[K] = subscriber.handlers[name];
      try {
        handler?.(data, event.lastEventId);
      } catch (error) {
        console.error(`[stream] "${name}" handler failed`, error);
      }
    }
  }

  private resync(): void {
    for (const subscriber of [...this.subscribers]) subscriber.onResync?.();
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const subscriber of [...this.subscribers]) subscriber.onState?.(state);
  }
}

const hubs = new Map<string, StreamHub>();

/** The tab's hub for `url`; created on first use so every view shares one connection. */
export function streamHub(url = '/api/stream'): StreamHub {
  let hub = hubs.get(url);
  if (!hub) {
    hub = new StreamHub(url, (u) => new EventSource(u));
    hubs.set(url, hub);
    const created = hub;
    if (typeof window !== 'undefined') window.addEventListener('online', () => created.reconnectNow());
  }
  return hub;
}

export interface StreamControllerOptions {
  onResync?: () => void;
  url?: string;
}

/**
 * Connects its host to the tab's stream while the host is connected; the host re-renders
 * when the connection state changes, so it can show a connection dot.
 */
export class StreamController implements ReactiveController {
  state: ConnectionState = 'connecting';
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly handlers: StreamHandlers,
    private readonly options: StreamControllerOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = streamHub(this.options.url).subscribe({
      handlers: this.handlers,
      onResync: () => this.options.onResync?.(),
      onState: (state) => {
        this.state = state;
        this.host.requestUpdate();
      },
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
