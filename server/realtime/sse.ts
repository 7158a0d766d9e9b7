/**
 * Server-Sent Events framing and one connection's bounded outgoing queue.
 *
 * The body is a pull-based ReadableStream with no internal buffer of its own
 * (highWaterMark 0): @hono/node-server reads the next chunk only after the socket drained the
 * previous one, so everything a slow reader has not taken yet sits in `queue`, where it is
 * counted. A reader that keeps taking data may run up to four times the limits through a
 * burst; one that has taken nothing for `stallMs` is held to the limits. Past them the
 * connection is closed rather than left to grow; the browser reconnects with Last-Event-ID
 * and replays from the log.
 */
const encoder = new TextEncoder();

/** One event block. `data` may hold newlines; each line becomes its own `data:` field. */
export function formatEvent(id: number, event: string, data: string): string {
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`);
  return `id: ${id}\nevent: ${event}\n${lines.join('\n')}\n\n`;
}

/**
 * A heartbeat: a comment keeps proxies from closing an idle stream, and the bare `id:`
 * moves the browser's Last-Event-ID past events this viewer was not shown (a block without
 * `data` dispatches nothing but still sets the id), so a reconnect replays less.
 */
export function formatHeartbeat(id: number): string {
  return `: ping\nid: ${id}\n\n`;
}

/** Tells EventSource how long to wait before reconnecting. */
export function formatRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export interface QueueLimits {
  maxEvents: number;
  maxBytes: number;
  /** A reader that took nothing for this long counts as stalled (default 5 s). */
  stallMs?: number;
}

/** Frames this large are handed over as they are, never joined (see `flush`). */
const SHARED_FRAME_BYTES = 2048;

/** How far past the limits a reader that is still taking data may run during a burst. */
const BURST_FACTOR = 4;

export type CloseReason = 'client' | 'overflow' | 'server';

export class SseConnection {
  readonly stream: ReadableStream<Uint8Array>;
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private wake: (() => void) | undefined;
  /** The reader asked for data and a hand-over is under way (it runs on the next microtask). */
  private handingOver = false;
  private lastTakenAt = Date.now();
  private closedReason: CloseReason | undefined;

  constructor(
    private readonly limits: QueueLimits,
    private readonly onClose: (reason: CloseReason) => void = () => {},
  ) {
    this.stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: (controller) => this.pull(controller),
        cancel: () => this.close('client'),
      },
      { highWaterMark: 0 },
    );
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  get queued(): { events: number; bytes: number } {
    return { events: this.queue.length, bytes: this.queuedBytes };
  }

  /** Queues a chunk; returns false when the connection is (or has just been) closed. */
  send(chunk: Uint8Array): boolean {
    if (this.closedReason) return false;
    const taking = this.wake !== undefined || this.handingOver || Date.now() - this.lastTakenAt < (this.limits.stallMs ?? 5000);
    const factor = taking ? BURST_FACTOR : 1;
    if (this.queue.length >= this.limits.maxEvents * factor || this.queuedBytes + chunk.byteLength > this.limits.maxBytes * factor) {
      this.close('overflow');
      return false;
    }
    this.queue.push(chunk);
    this.queuedBytes += chunk.byteLength;
    this.wake?.();
    return true;
  }

  sendText(text: string): boolean {
    return this.send(encode(text));
  }

  close(reason: CloseReason = 'server'): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.queue = [];
    this.queuedBytes = 0;
    if (reason !== 'client') {
      try {
        this.controller?.close();
      } catch {
        // Already closed or errored by the reader's side.
      }
    }
    this.wake?.();
    this.onClose(reason);
  }

  private pull(controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> | void {
    this.lastTakenAt = Date.now();
    if (this.closedReason) return;
    if (this.queue.length > 0) return this.flush(controller);
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        this.handingOver = true;
        resolve();
      };
    }).then(() => this.flush(controller));
  }

  /**
   * Small frames go out joined, one write for many. A large frame (a board, the same bytes
   * for every stream at the same cursor) goes out as it is: joining would copy it once per
   * stream, which with thousands of streams is most of their memory.
   */
  private flush(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.handingOver = false;
    if (this.closedReason || this.queue.length === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    let run: Uint8Array[] = [];
    let runBytes = 0;
    const emitRun = () => {
      if (run.length > 0) controller.enqueue(run.length === 1 ? run[0]! : Buffer.concat(run, runBytes));
      run = [];
      runBytes = 0;
    };
    for (const chunk of queue) {
      if (chunk.byteLength >= SHARED_FRAME_BYTES) {
        emitRun();
        controller.enqueue(chunk);
      } else {
        run.push(chunk);
        runBytes += chunk.byteLength;
      }
    }
    emitRun();
  }
}
