import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatEvent, formatHeartbeat, type QueueLimits, SseConnection } from '../../../../server/realtime/sse.ts';
import { parseResumePoint } from '../../../../server/realtime/replay.ts';
import { SseReader } from '../../integration/realtime/sse-client.ts';

describe('SSE framing', () => {
  it('splits multi-line data into data fields so a payload can never end a block early', async () => {
    const conn = new SseConnection({ maxEvents: 10, maxBytes: 10_000 });
    const reader = new SseReader(conn.stream);
    conn.sendText(formatEvent(4, 'chat', 'line one\n\nline two\r\nline three'));
    const event = await reader.waitFor((e) => e.event === 'chat');
    expect(event).toEqual({ id: '4', event: 'chat', data: 'line one\n\nline two\nline three' });
    await reader.close();
  });

  it('moves the last event id with a heartbeat without dispatching an event', async () => {
    const conn = new SseConnection({ maxEvents: 10, maxBytes: 10_000 });
    const reader = new SseReader(conn.stream);
    conn.sendText(formatEvent(1, 'clock', '{}'));
    conn.sendText(formatHeartbeat(9));
    conn.sendText(formatEvent(9, 'clock', '{"after":true}'));
    await reader.waitFor((e) => e.data === '{"after":true}');
    expect(reader.events.map((e) => e.id)).toEqual(['1', '9']);
    expect(reader.raw).toContain(': ping\nid: 9\n\n');
    await reader.close();
  });
});

describe('SseConnection', () => {
  it('closes itself when a reader that is not reading falls past the byte limit', () => {
    let reason: string | undefined;
    const conn = new SseConnection({ maxEvents: 100, maxBytes: 1000, stallMs: 0 }, (r) => (reason = r));
    expect(conn.sendText('x'.repeat(600))).toBe(true);
    expect(conn.sendText('x'.repeat(600))).toBe(false);
    expect(conn.closed).toBe(true);
    expect(reason).toBe('overflow');
    expect(conn.sendText('late')).toBe(false);
  });

  afterEach(() => vi.useRealTimers());

  it('lets a reader that is still taking data run past the limits in a burst, but not once it stalls', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const conn = new SseConnection({ maxEvents: 5, maxBytes: 100_000, stallMs: 1000 });
    const reader = conn.stream.getReader();
    const read = reader.read();
    await new Promise((resolve) => setImmediate(resolve));
    conn.sendText(': first\n\n');
    await read;
    for (let i = 0; i < 12; i += 1) expect(conn.sendText(`: burst ${i}\n\n`)).toBe(true);
    vi.setSystemTime(Date.now() + 2000);
    expect(conn.sendText(': after the stall\n\n')).toBe(false);
    expect(conn.closed).toBe(true);
  });

  it('hands everything queued to a waiting reader in one chunk', async () => {
    const conn = new SseConnection({ maxEvents: 5, maxBytes: 10_000 });
    const reader = conn.stream.getReader();
    const read = reader.read();
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 12; i += 1) conn.sendText(`: ${i}\n\n`);
    const { value } = await read;
    expect(new TextDecoder().decode(value).match(/: \d+/g)).toHaveLength(12);
    expect(conn.closed).toBe(false);
    await reader.cancel();
    expect(conn.closed).toBe(true);
  });
});

describe('SseConnection with large frames', () => {
  it('hands a large frame over as the same bytes (shared by every stream), small ones around it joined', async () => {
    const conn = new SseConnection({ maxEvents: 10, maxBytes: 100_000 });
    const reader = conn.stream.getReader();
    const read = reader.read();
    await new Promise((resolve) => setImmediate(resolve));
    const board = new TextEncoder().encode(`event: scoreboard\ndata: ${'x'.repeat(4000)}\n\n`);
    conn.sendText(': a\n\n');
    conn.sendText(': b\n\n');
    conn.send(board);
    conn.sendText(': c\n\n');
    const chunks = [(await read).value, (await reader.read()).value, (await reader.read()).value];
    expect(new TextDecoder().decode(chunks[0])).toBe(': a\n\n: b\n\n');
    expect(chunks[1]).toBe(board);
    expect(new TextDecoder().decode(chunks[2])).toBe(': c\n\n');
    await reader.cancel();
  });
});

describe('parseResumePoint', () => {
  it('reads a numeric Last-Event-ID and flags anything else', () => {
    expect(parseResumePoint(undefined)).toEqual({ kind: 'fresh' });
    expect(parseResumePoint('')).toEqual({ kind: 'fresh' });
    expect(parseResumePoint(' 42 ')).toEqual({ kind: 'after', id: 42 });
    expect(parseResumePoint('42abc')).toEqual({ kind: 'invalid' });
    expect(parseResumePoint('-1')).toEqual({ kind: 'invalid' });
    expect(parseResumePoint('9'.repeat(16))).toEqual({ kind: 'invalid' });
  });
});

/** The part of a Node ServerResponse a connection uses, with a socket buffer of `room` bytes. */
class FakeResponse extends EventEmitter {
  written: Uint8Array[] = [];
  buffered = 0;
  destroyed = false;
  ended = false;
  head: unknown;
  constructor(private readonly room: number) {
    super();
  }
  get writableNeedDrain(): boolean {
    return this.buffered >= this.room;
  }
  writeHead(status: number, headers: unknown): void {
    this.head = { status, headers };
  }
  flushHeaders(): void {}
  write(chunk: Uint8Array): boolean {
    this.written.push(chunk);
    this.buffered += chunk.byteLength;
    return this.buffered < this.room;
  }
  /** The client read everything. */
  drain(): void {
    this.buffered = 0;
    this.emit('drain');
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }
}

describe('SseConnection on a Node response', () => {
  const attach = (limits: QueueLimits, room: number) => {
    const reasons: string[] = [];
    const conn = new SseConnection(limits, (r) => reasons.push(r));
    const res = new FakeResponse(room);
    return { conn, res, reasons, go: () => conn.attach(res as unknown as ServerResponse, { 'content-type': 'text/event-stream' }) };
  };
  const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join('');

  it('writes what was queued before it was attached, then each frame as it is sent, the same bytes', () => {
    const { conn, res, go } = attach({ maxEvents: 10, maxBytes: 10_000 }, 1_000_000);
    conn.sendText(': a\n\n');
    conn.sendText(': b\n\n');
    go();
    expect(res.head).toEqual({ status: 200, headers: { 'content-type': 'text/event-stream' } });
    expect(text(res.written)).toBe(': a\n\n: b\n\n');
    const board = new TextEncoder().encode(`event: scoreboard\ndata: ${'x'.repeat(4000)}\n\n`);
    conn.send(board);
    expect(res.written.at(-1)).toBe(board);
  });

  it('holds frames while the socket is full and writes them, joined, when it drains', () => {
    const { conn, res, go } = attach({ maxEvents: 10, maxBytes: 10_000 }, 10);
    go();
    conn.sendText(': first frame\n\n');
    conn.sendText(': 1\n\n');
    conn.sendText(': 2\n\n');
    expect(text(res.written)).toBe(': first frame\n\n');
    expect(conn.queued.events).toBe(2);
    res.drain();
    expect(text(res.written)).toBe(': first frame\n\n: 1\n\n: 2\n\n');
    expect(res.written).toHaveLength(2);
    expect(conn.queued).toEqual({ events: 0, bytes: 0 });
  });

  it('cuts a stalled socket past the limits (freeing its buffers), and ends the others cleanly', () => {
    const slow = attach({ maxEvents: 100, maxBytes: 100, stallMs: 0 }, 10);
    slow.go();
    slow.conn.sendText(': fills the socket\n\n');
    expect(slow.conn.sendText('x'.repeat(60))).toBe(true);
    expect(slow.conn.sendText('x'.repeat(60))).toBe(false);
    expect(slow.res.destroyed).toBe(true);
    expect(slow.reasons).toEqual(['overflow']);

    const idle = attach({ maxEvents: 10, maxBytes: 10_000 }, 1_000_000);
    idle.go();
    idle.conn.close('server');
    expect(idle.res.ended).toBe(true);
    expect(idle.res.destroyed).toBe(false);
    expect(idle.reasons).toEqual(['server']);
  });

  it('closes when the client hangs up, and stops writing', () => {
    const { conn, res, reasons, go } = attach({ maxEvents: 10, maxBytes: 10_000 }, 1_000_000);
    go();
    res.emit('close');
    expect(reasons).toEqual(['client']);
    expect(conn.sendText(': late\n\n')).toBe(false);
    expect(res.written).toHaveLength(0);
  });
});
