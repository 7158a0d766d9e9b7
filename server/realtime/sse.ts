import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Server-Sent Events framing and one connection's bounded outgoing queue.
 *
 * In production a connection writes straight to its Node response (`attach`): a frame goes
 * to the socket as soon as it is sent, the same bytes for every stream that shows it, with
 * no web stream, reader or promise per stream in between. Once the socket's buffer is full
 * (`write` returned false) frames wait in `queue`, where they are counted, until it drains.
 * In-process requests (tests, `app.request`) read the same connection as a pull-based
 * ReadableStream (`stream`) with no buffer of its own (highWaterMark 0).
 *
 * A reader that keeps taking data may run up to four times the limits through a burst; one
 * that has taken nothing for `stallMs` is held to the limits. Past them the connection is
 * closed rather than left to grow (a socket that is not draining is destroyed, so its
 * buffers are freed at once); the browser reconnects with Last-Event-ID and replays from
 * the log.
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
  private queue: Uint8Array[] = [];
  private queuedBytes = 0;
  /** The Node response this connection writes to (see `attach`). */
  private response: ServerResponse | undefined;
  private readable: ReadableStream<Uint8Array> | undefined;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private wake: (() => void) | undefined;
  /** The reader asked for data and a hand-over is under way (it runs on the next microtask). */
  private handingOver = false;
  private lastTakenAt = Date.now();
  private closedReason: CloseReason | undefined;

  constructor(
    private readonly limits: QueueLimits,
    private readonly onClose: (reason: CloseReason) => void = () => {},
  ) {}

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  get queued(): { events: number; bytes: number } {
    return { events: this.queue.length, bytes: this.queuedBytes };
  }

  /**
   * Writes the head and everything queued so far to `response`, then every frame as it is
   * sent. The response's `close` (the client hung up) closes the connection.
   */
  attach(response: ServerResponse, headers: OutgoingHttpHeaders): void {
    if (this.response || this.readable) throw new Error('this stream is already being read');
    if (this.closedReason || response.destroyed) {
      response.destroy();
      this.close('client');
      return;
    }
    this.response = response;
    response.once('close', () => this.close('client'));
    response.on('drain', () => this.drained());
    response.writeHead(200, headers);
    if (this.queue.length === 0) response.flushHeaders();
    this.drained();
  }

  /** The connection as a web stream, for in-process requests (tests, `app.request`). */
  get stream(): ReadableStream<Uint8Array> {
    if (this.readable) return this.readable;
    if (this.response) throw new Error('this stream is already being written to a response');
    this.readable = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
          if (this.closedReason) controller.close();
        },
        pull: (controller) => this.pull(controller),
        cancel: () => this.close('client'),
      },
      { highWaterMark: 0 },
    );
    return this.readable;
  }

  /** Queues or writes a chunk; returns false when the connection is (or has just been) closed. */
  send(chunk: Uint8Array): boolean {
    if (this.closedReason) return false;
    const response = this.response;
    if (response && this.queue.length === 0 && !response.writableNeedDrain) {
      // Nothing waits: the reader has taken everything so far, so a stall is counted from
      // here, not from the last drain (an idle stream is not a stalled one). The socket
      // takes the frame (Node buffers up to its high-water mark, then says to wait).
      this.lastTakenAt = Date.now();
      response.write(chunk);
      return true;
    }
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
    const response = this.response;
    if (response && !response.destroyed) {
      // A socket that is not draining would hold its buffers until it times out: cut it.
      if (reason === 'overflow' || response.writableNeedDrain) response.destroy();
      else response.end();
    }
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

  /**
   * The response's socket took its buffer: everything that waited goes to it at once (as a
   * web stream's reader takes the whole queue), so the socket holds at most one queue's worth
   * beyond its high-water mark, and the queue starts empty again.
   */
  private drained(): void {
    this.lastTakenAt = Date.now();
    const response = this.response;
    if (!response || this.closedReason || this.queue.length === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    this.forEachWrite(queue, (chunk) => response.write(chunk));
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

  private flush(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.handingOver = false;
    if (this.closedReason || this.queue.length === 0) return;
    const queue = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    this.forEachWrite(queue, (chunk) => controller.enqueue(chunk));
  }

  /**
   * Small frames go out joined, one write for many. A large frame (a board, the same bytes
   * for every stream at the same cursor) goes out as it is: joining would copy it once per
   * stream, which with thousands of streams is most of their memory.
   */
  private forEachWrite(queue: Uint8Array[], write: (chunk: Uint8Array) => void): void {
    let runStart = 0;
    let runBytes = 0;
    const emitRun = (end: number) => {
      const count = end - runStart;
      if (count > 0) write(count === 1 ? queue[runStart]! : Buffer.concat(queue.slice(runStart, end), runBytes));
      runBytes = 0;
    };
    for (let i = 0; i < queue.length; i += 1) {
      const chunk = queue[i]!;
      if (chunk.byteLength >= SHARED_FRAME_BYTES) {
        emitRun(i);
        write(chunk);
        runStart = i + 1;
      } else {
        runBytes += chunk.byteLength;
      }
    }
    emitRun(queue.length);
  }
}
