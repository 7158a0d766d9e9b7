/**
 * Reads a Server-Sent Events body the way EventSource does: blocks separated by a blank
 * line, `id:` updating the last event id even in blocks without data, comments ignored.
 */
export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export class SseReader {
  readonly events: SseEvent[] = [];
  /** Everything received, byte for byte (as text), for "never a byte of" assertions. */
  raw = '';
  lastEventId = '';
  retry: number | undefined;
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private waiters: Array<() => void> = [];
  private ended = false;
  private pump: Promise<void>;

  constructor(body: ReadableStream<Uint8Array> | null) {
    if (!body) throw new Error('response has no body');
    this.reader = body.getReader();
    this.pump = this.run();
  }

  get closed(): boolean {
    return this.ended;
  }

  private async run(): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) break;
        const text = this.decoder.decode(value, { stream: true });
        this.raw += text;
        this.buffer += text;
        this.parse();
        this.notify();
      }
    } catch {
      // Cancelled by close() or the server went away: both end the stream for the test.
    } finally {
      this.ended = true;
      this.notify();
    }
  }

  private parse(): void {
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      let id: string | undefined;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'retry') this.retry = Number(value);
      }
      if (id !== undefined) this.lastEventId = id;
      if (data.length > 0) this.events.push({ id: this.lastEventId, event, data: data.join('\n') });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves with the first received event (from the start) matching `predicate`. */
  async waitFor(predicate: (event: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    let scanned = 0;
    for (;;) {
      for (; scanned < this.events.length; scanned += 1) {
        const event = this.events[scanned]!;
        if (predicate(event)) return event;
      }
      if (this.ended) throw new Error(`stream ended before the expected event; got ${this.describe()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for an event; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForEvent(name: string, predicate: (data: any) => boolean = () => true, timeoutMs?: number): Promise<SseEvent> {
    return this.waitFor((e) => e.event === name && predicate(JSON.parse(e.data)), timeoutMs);
  }

  /** Waits until the stream ends (the server closed it). */
  async waitForEnd(timeoutMs = 10_000): Promise<void> {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void this.reader.cancel().catch(() => {});
    }, timeoutMs);
    await this.pump;
    clearTimeout(timer);
    if (timedOut) throw new Error('the server did not close the stream');
  }

  named(name: string): SseEvent[] {
    return this.events.filter((e) => e.event === name);
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
    await this.pump;
  }

  private describe(): string {
    const tail = this.events.slice(-10).map((e) => `${e.id}:${e.event}`);
    return `${this.events.length} events, the last: ${JSON.stringify(tail)}`;
  }
}
