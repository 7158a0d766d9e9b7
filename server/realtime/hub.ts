import type { Logger } from '../logger.ts';
import type { BusListener } from './bus.ts';
import type { LoggedEvent } from './events.ts';
import { BOARD_TRIGGERS, freezeStateOf, teamMoveFor, wireNameFor, type FreezeState, type Viewer, type WireEventName } from './scope.ts';
import { encode, formatEvent, formatHeartbeat, formatRetry, SseConnection, type CloseReason } from './sse.ts';
import type { WireEventMap } from './wire.ts';
import { planReplay, type ResumePoint } from './replay.ts';

/** The part of EventBus the hub uses (a fake in unit tests). */
export interface EventSource {
  readonly lastId: number;
  subscribe(listener: BusListener): () => void;
  readSince(afterId: number, limit: number): Promise<LoggedEvent[]>;
}

/**
 * The scoreboard snapshot, already serialised (undefined while it is being rebuilt);
 * `onChange` fires once it was rebuilt. Without it the hub pushes after `scores` events.
 */
export interface BoardSource {
  publicBoardJson(): string | undefined;
  adminBoardJson(): string | undefined;
  onChange?(listener: () => void): () => void;
}

export interface HubDeps {
  bus: EventSource;
  board: BoardSource;
  /** The freeze as this instance knows it at start; `clock` events relayed later replace it. */
  freeze: FreezeState;
  /** The newest id in the log (not only what this instance relayed so far). */
  latestLoggedId: () => Promise<number>;
  logger: Logger;
  now: () => Date;
}

export interface HubOptions {
  maxQueuedEvents: number;
  maxQueuedBytes: number;
  /** A stream whose reader took nothing for this long is held to the limits above. */
  stallMs: number;
  heartbeatMs: number;
  /** At most one board push per this many ms (coalesces bursts of solves). */
  boardIntervalMs: number;
  replayLimit: number;
  replayWindowMs: number;
  retryMs: number;
}

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  maxQueuedEvents: 500,
  maxQueuedBytes: 1024 * 1024,
  stallMs: 5000,
  heartbeatMs: 15_000,
  boardIntervalMs: 333,
  replayLimit: 1000,
  replayWindowMs: 15 * 60_000,
  retryMs: 3000,
};

interface Client {
  viewer: Viewer;
  conn: SseConnection;
  /** Highest event id this client has been brought past; every frame carries it. */
  cursor: number;
  /** Null once live; until then live events wait here while the replay is read. */
  pending: LoggedEvent[] | null;
  /** The board JSON last sent, so an unchanged board is not sent again. */
  board: string | undefined;
}

export interface HubStats {
  connections: number;
  byRole: Record<Viewer['role'], number>;
  opened: number;
  droppedSlow: number;
}

/**
 * This instance's SSE connections. It follows the bus (which relays committed outbox rows
 * in id order from every instance), decides per connection what it may see, and writes
 * into each connection's bounded queue, so one slow reader never holds up the rest.
 */
export class RealtimeHub {
  private readonly options: HubOptions;
  private readonly clients = new Set<Client>();
  private readonly byPlayer = new Map<number, Set<Client>>();
  private readonly data = new WeakMap<LoggedEvent, { json: string; frame?: Uint8Array; name?: WireEventName }>();
  private readonly boardFrames = new Map<string, Map<number, Uint8Array>>();
  private unsubscribers: Array<() => void> = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private boardTimer: NodeJS.Timeout | undefined;
  private lastBoardAt = 0;
  private counters = { opened: 0, droppedSlow: 0 };
  private freeze: FreezeState;

  constructor(
    private readonly deps: HubDeps,
    options: Partial<HubOptions> = {},
  ) {
    this.options = { ...DEFAULT_HUB_OPTIONS, ...options };
    this.freeze = deps.freeze;
  }

  start(): void {
    this.unsubscribers.push(this.deps.bus.subscribe((event) => this.onEvent(event)));
    const onBoard = this.deps.board.onChange?.(() => this.scheduleBoard());
    if (onBoard) this.unsubscribers.push(onBoard);
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    clearInterval(this.heartbeat);
    clearTimeout(this.boardTimer);
    for (const client of [...this.clients]) client.conn.close('server');
  }

  /** Closes this instance's streams whose viewer matches (a revoked staff member's). */
  disconnect(matches: (viewer: Readonly<Viewer>) => boolean): number {
    let closed = 0;
    for (const client of [...this.clients]) {
      if (!matches(client.viewer)) continue;
      client.conn.close('server');
      closed += 1;
    }
    return closed;
  }

  stats(): HubStats {
    const byRole = { public: 0, player: 0, admin: 0 };
    for (const client of this.clients) byRole[client.viewer.role] += 1;
    return { connections: this.clients.size, byRole, ...this.counters };
  }

  /**
   * Opens a stream: `hello`, then the replay of what the caller missed (or one `reset`),
   * then the current board, then live events. Live events that arrive while the replay is
   * read are held and de-duplicated against it, so nothing falls between the two.
   */
  async open(viewer: Viewer, resume: ResumePoint): Promise<SseConnection> {
    const client: Client = { viewer: { ...viewer }, conn: undefined as never, cursor: 0, pending: [], board: undefined };
    client.conn = new SseConnection(
      { maxEvents: this.options.maxQueuedEvents, maxBytes: this.options.maxQueuedBytes, stallMs: this.options.stallMs },
      (reason) => this.remove(client, reason),
    );
    this.add(client);
    try {
      client.conn.sendText(formatRetry(this.options.retryMs));
      const { replayLimit, replayWindowMs } = this.options;
      const replay = await planReplay(
        this.deps.bus,
        this.deps.latestLoggedId,
        client.viewer,
        resume,
        this.freeze,
        { replayLimit, replayWindowMs },
        this.deps.now(),
      );
      client.cursor = replay.start;
      this.sendWire(client, 'hello', {
        role: viewer.role,
        playerId: viewer.playerId,
        teamId: viewer.teamId,
        replayed: replay.events.length,
        serverNow: this.deps.now().toISOString(),
      });
      if (replay.reset) this.sendWire(client, 'reset', { reason: replay.reset });
      for (const event of replay.events) this.deliver(client, event);
      client.cursor = Math.max(client.cursor, replay.end);
      const replayed = new Set(replay.events.map((e) => e.id));
      this.sendBoard(client, this.boardFor(client.viewer));
      const pending = client.pending ?? [];
      client.pending = null;
      for (const event of pending) {
        if (event.id > replay.skipUpTo && !replayed.has(event.id)) this.handle(client, event);
      }
    } catch (error) {
      client.conn.close('server');
      throw error;
    }
    return client.conn;
  }

  private onEvent(event: LoggedEvent): void {
    // Before anything later in the log is judged by it (see FreezeState).
    if (event.type === 'clock') this.freeze = freezeStateOf(event.payload);
    const move = teamMoveFor(event);
    if (move?.when === 'before') this.movePlayer(move.playerId, null, move.teamId);
    for (const client of this.clients) {
      if (client.pending) client.pending.push(event);
      else this.handle(client, event);
    }
    if (move?.when === 'after') this.movePlayer(move.playerId, move.fromTeamId, null);
    if (BOARD_TRIGGERS.has(event.type) && !this.deps.board.onChange) this.scheduleBoard();
  }

  private handle(client: Client, event: LoggedEvent): void {
    if (this.deliver(client, event)) return;
    client.cursor = Math.max(client.cursor, event.id);
  }

  /** Writes the event if this viewer may see it; returns whether it did. */
  private deliver(client: Client, event: LoggedEvent): boolean {
    const name = wireNameFor(event, client.viewer, this.freeze);
    if (!name) return false;
    let memo = this.data.get(event);
    if (!memo) {
      memo = { json: JSON.stringify(event.payload) };
      this.data.set(event, memo);
    }
    if (event.id > client.cursor) {
      client.cursor = event.id;
      // The same bytes serve every viewer that sees this event under its own id.
      if (!memo.frame || memo.name !== name) {
        memo.frame = encode(formatEvent(event.id, name, memo.json));
        memo.name = name;
      }
      client.conn.send(memo.frame);
    } else {
      // A late row (its writer committed after later ids): keep the browser's id monotonic.
      client.conn.sendText(formatEvent(client.cursor, name, memo.json));
    }
    return true;
  }

  private sendWire<K extends keyof WireEventMap>(client: Client, name: K, data: WireEventMap[K]): void {
    client.conn.sendText(formatEvent(client.cursor, name, JSON.stringify(data)));
  }

  private movePlayer(playerId: number | null, fromTeamId: number | null, toTeamId: number | null): void {
    const targets = playerId !== null ? (this.byPlayer.get(playerId) ?? []) : this.clients;
    for (const client of targets) {
      if (fromTeamId === null || client.viewer.teamId === fromTeamId) client.viewer.teamId = toTeamId;
    }
  }

  private boardFor(viewer: Viewer): string | undefined {
    try {
      return viewer.role === 'admin' ? this.deps.board.adminBoardJson() : this.deps.board.publicBoardJson();
    } catch (error) {
      this.deps.logger.warn('scoreboard snapshot unavailable for the stream', { error: (error as Error).message });
      return undefined;
    }
  }

  /** Coalesces board pushes: at most one per `boardIntervalMs`, always the newest snapshot. */
  scheduleBoard(): void {
    if (this.boardTimer) return;
    const wait = Math.max(0, this.lastBoardAt + this.options.boardIntervalMs - Date.now());
    this.boardTimer = setTimeout(() => {
      this.boardTimer = undefined;
      this.lastBoardAt = Date.now();
      this.pushBoard();
    }, wait);
    this.boardTimer.unref();
  }

  private pushBoard(): void {
    const boards: { public?: string | undefined; admin?: string | undefined } = {};
    for (const client of this.clients) {
      if (client.pending) continue;
      const key = client.viewer.role === 'admin' ? 'admin' : 'public';
      if (!(key in boards)) boards[key] = this.boardFor(client.viewer);
      this.sendBoard(client, boards[key]);
    }
  }

  /** An unchanged board (a solve while frozen, a rebuild with the same result) is not sent again. */
  private sendBoard(client: Client, json: string | undefined): void {
    if (json === undefined || json === client.board) return;
    client.board = json;
    client.conn.send(this.boardFrame(json, client.cursor));
  }

  /**
   * One encoded board frame per board and cursor, shared by every stream at that cursor (in
   * a fan-out nearly all of them): 10,000 screens then hold one copy of an 11 KB board, not
   * 10,000. Bounded: the newest boards (public and admin) and a few cursors each.
   */
  private boardFrame(json: string, cursor: number): Uint8Array {
    let byCursor = this.boardFrames.get(json);
    if (!byCursor) {
      if (this.boardFrames.size >= 4) this.boardFrames.clear();
      byCursor = new Map();
      this.boardFrames.set(json, byCursor);
    }
    let frame = byCursor.get(cursor);
    if (!frame) {
      if (byCursor.size >= 64) byCursor.clear();
      frame = encode(formatEvent(cursor, 'scoreboard', json));
      byCursor.set(cursor, frame);
    }
    return frame;
  }

  /** One sweep for every stream (no timer per stream); one frame per cursor, shared. */
  private beat(): void {
    const frames = new Map<number, Uint8Array>();
    for (const client of this.clients) {
      if (client.pending) continue;
      let frame = frames.get(client.cursor);
      if (!frame) {
        frame = encode(formatHeartbeat(client.cursor));
        frames.set(client.cursor, frame);
      }
      client.conn.send(frame);
    }
  }

  private add(client: Client): void {
    this.clients.add(client);
    this.counters.opened += 1;
    const playerId = client.viewer.playerId;
    if (playerId !== null) {
      const set = this.byPlayer.get(playerId) ?? new Set<Client>();
      set.add(client);
      this.byPlayer.set(playerId, set);
    }
  }

  private remove(client: Client, reason: CloseReason): void {
    if (!this.clients.delete(client)) return;
    if (reason === 'overflow') {
      this.counters.droppedSlow += 1;
      this.deps.logger.info('closed a stream that fell too far behind', { role: client.viewer.role, teamId: client.viewer.teamId });
    }
    const playerId = client.viewer.playerId;
    const set = playerId !== null ? this.byPlayer.get(playerId) : undefined;
    if (set) {
      set.delete(client);
      if (set.size === 0) this.byPlayer.delete(playerId!);
    }
  }
}
