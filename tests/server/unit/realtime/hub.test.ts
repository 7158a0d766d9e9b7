import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeHub, type BoardSource, type HubOptions } from '../../../../server/realtime/hub.ts';
import type { Viewer } from '../../../../server/realtime/scope.ts';
import { silentLogger } from '../../../../server/logger.ts';
import { SseReader } from '../../integration/realtime/sse-client.ts';
import { announcement, chat, FakeBus, solve, submission } from './fake-bus.ts';

const anon: Viewer = { role: 'public', playerId: null, teamId: null };
const player = (playerId: number, teamId: number | null): Viewer => ({ role: 'player', playerId, teamId });
const admin: Viewer = { role: 'admin', playerId: null, teamId: null };

function setup(options: Partial<HubOptions> = {}, frozenFrom?: Date) {
  const bus = new FakeBus();
  let board = { public: '{"frozen":false,"total":0,"teams":[]}', admin: '{"frozen":false,"total":0,"teams":[],"live":true}' };
  const boardSource: BoardSource = { publicBoardJson: () => board.public, adminBoardJson: () => board.admin };
  const hub = new RealtimeHub(
    {
      bus,
      board: boardSource,
      freeze: { cutoff: frozenFrom ?? null, revealed: false },
      latestLoggedId: async () => bus.lastId,
      logger: silentLogger,
      now: () => new Date(),
    },
    options,
  );
  hub.start();
  const readers: SseReader[] = [];
  const connect = async (viewer: Viewer, resume: Parameters<RealtimeHub['open']>[1] = { kind: 'fresh' }) => {
    const reader = new SseReader((await hub.open(viewer, resume)).stream);
    readers.push(reader);
    return reader;
  };
  const setBoard = (next: typeof board) => (board = next);
  return { bus, hub, connect, setBoard, close: async () => Promise.all(readers.map((r) => r.close())).then(() => hub.stop()) };
}

let cleanup: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await cleanup?.();
  cleanup = undefined;
});

describe('RealtimeHub', () => {
  it('greets a new connection with hello and the current board, then relays live events with their log ids', async () => {
    const t = setup();
    cleanup = t.close;
    t.bus.emit(announcement('before'));
    const reader = await t.connect(anon);
    await reader.waitForEvent('scoreboard');
    const live = t.bus.emit(announcement('after'));
    const got = await reader.waitForEvent('announcement');
    expect(reader.events.map((e) => e.event)).toEqual(['hello', 'scoreboard', 'announcement']);
    expect(got.id).toBe(String(live.id));
    expect(JSON.parse(got.data).text).toBe('after');
    expect(reader.retry).toBe(3000);
  });

  it("keeps one team's chat away from another team and from the screen, but shows it to admins", async () => {
    const t = setup();
    cleanup = t.close;
    const a = await t.connect(player(1, 10));
    const b = await t.connect(player(2, 20));
    const screen = await t.connect(anon);
    const boss = await t.connect(admin);
    t.bus.emit(chat(10, 'secret of team A'));
    t.bus.emit(submission(10));
    t.bus.emit(announcement('to everyone'));
    for (const r of [a, b, screen, boss]) await r.waitForEvent('announcement');
    await a.waitForEvent('chat');
    await boss.waitForEvent('submission');
    for (const r of [b, screen]) {
      expect(r.raw).not.toContain('secret of team A');
      expect(r.named('submission')).toHaveLength(0);
    }
    expect(a.named('submission')).toHaveLength(0);
    expect(boss.raw).toContain('secret of team A');
  });

  it('replays exactly the visible events after Last-Event-ID, each under its own id', async () => {
    const t = setup();
    cleanup = t.close;
    const seen = t.bus.emit(chat(10, 'seen'));
    const missed = [t.bus.emit(chat(10, 'missed 1')), t.bus.emit(chat(20, 'other team')), t.bus.emit(announcement('missed 2'))];
    const reader = await t.connect(player(1, 10), { kind: 'after', id: seen.id });
    const after = t.bus.emit(chat(10, 'live'));
    await reader.waitFor((e) => e.id === String(after.id));
    const replayed = reader.events.filter((e) => e.event === 'chat' || e.event === 'announcement');
    expect(replayed.map((e) => e.id)).toEqual([missed[0]!.id, missed[2]!.id, after.id].map(String));
    expect(JSON.parse(reader.events[0]!.data)).toMatchObject({ replayed: 2 });
  });

  it('neither loses nor repeats events that arrive while the replay is being read', async () => {
    const t = setup();
    cleanup = t.close;
    const first = t.bus.emit(announcement('one'));
    t.bus.emit(announcement('two'));
    let open!: () => void;
    t.bus.gate = new Promise((resolve) => (open = resolve));
    const connecting = t.connect(anon, { kind: 'after', id: first.id });
    await Promise.resolve();
    t.bus.emit(announcement('three'));
    open();
    const reader = await connecting;
    t.bus.emit(announcement('four'));
    await reader.waitFor((e) => e.event === 'announcement' && JSON.parse(e.data).text === 'four');
    expect(reader.named('announcement').map((e) => JSON.parse(e.data).text)).toEqual(['two', 'three', 'four']);
  });

  it('sends one reset instead of a replay that is too long or too old, or from an unknown id', async () => {
    const t = setup({ replayLimit: 3, replayWindowMs: 60_000 });
    cleanup = t.close;
    for (let i = 0; i < 5; i += 1) t.bus.emit(announcement(`n${i}`));
    const tooMany = await t.connect(anon, { kind: 'after', id: 1 });
    await tooMany.waitForEvent('scoreboard');
    expect(tooMany.named('reset').map((e) => JSON.parse(e.data).reason)).toEqual(['too_many']);
    expect(tooMany.named('announcement')).toHaveLength(0);
    expect(tooMany.lastEventId).toBe('5');

    t.bus.emit(announcement('old'), new Date(Date.now() - 120_000));
    const tooOld = await t.connect(anon, { kind: 'after', id: 5 });
    await tooOld.waitForEvent('reset', (d) => d.reason === 'too_old');

    const unknown = await t.connect(anon, { kind: 'after', id: 999 });
    await unknown.waitForEvent('reset', (d) => d.reason === 'unknown_id');
    const invalid = await t.connect(anon, { kind: 'invalid' });
    await invalid.waitForEvent('reset', (d) => d.reason === 'unknown_id');
  });

  it('after the freeze shows a solve only to the solving team and admins', async () => {
    const freezeAt = new Date(Date.now() - 60_000);
    const t = setup({}, freezeAt);
    cleanup = t.close;
    const solver = await t.connect(player(1, 10));
    const rival = await t.connect(player(2, 20));
    const screen = await t.connect(anon);
    const boss = await t.connect(admin);
    t.bus.emit(solve(10, new Date(freezeAt.getTime() - 1000)));
    t.bus.emit(solve(10, new Date()));
    t.bus.emit(announcement('barrier'));
    for (const r of [solver, rival, screen, boss]) await r.waitForEvent('announcement');
    expect(solver.named('solve')).toHaveLength(2);
    expect(boss.named('solve')).toHaveLength(2);
    expect(rival.named('solve')).toHaveLength(1);
    expect(screen.named('solve')).toHaveLength(1);
  });

  it('follows a player into a new team and out of the old one', async () => {
    const t = setup();
    cleanup = t.close;
    const reader = await t.connect(player(7, null));
    t.bus.emit({ type: 'team', scope: 'team', teamId: 10, payload: { teamId: 10, reason: 'joined', playerId: 7 } });
    t.bus.emit(chat(10, 'welcome'));
    await reader.waitForEvent('chat');
    t.bus.emit({ type: 'team', scope: 'team', teamId: 10, payload: { teamId: 10, reason: 'left', playerId: 7 } });
    t.bus.emit(chat(10, 'after you left'));
    t.bus.emit(announcement('barrier'));
    await reader.waitForEvent('announcement');
    expect(reader.named('team').map((e) => JSON.parse(e.data).reason)).toEqual(['joined', 'left']);
    expect(reader.raw).not.toContain('after you left');
  });

  it('stops team events for a member an admin removed, but not for the rest of the team', async () => {
    const t = setup();
    cleanup = t.close;
    const removed = await t.connect(player(7, 10));
    const stays = await t.connect(player(8, 10));
    t.bus.emit({ type: 'team', scope: 'team', teamId: 10, payload: { teamId: 10, reason: 'removed', playerId: 7 } });
    t.bus.emit(chat(10, 'without you'));
    t.bus.emit(announcement('barrier'));
    await removed.waitForEvent('announcement');
    await stays.waitForEvent('chat', (d) => d.text === 'without you');
    expect(removed.named('team')).toHaveLength(1);
    expect(removed.raw).not.toContain('without you');
  });

  it('closes a client that stops reading once its queue is full, without holding up the others', async () => {
    const t = setup({ maxQueuedEvents: 20, stallMs: 0 });
    cleanup = t.close;
    const stalled = await t.hub.open(anon, { kind: 'fresh' });
    const reader = await t.connect(anon);
    // A reader that took its greeting and is waiting for more (a pending read).
    await reader.waitForEvent('hello');
    for (let i = 0; i < 50; i += 1) t.bus.emit(announcement(`n${i}`));
    await reader.waitForEvent('announcement', (d) => d.text === 'n49');
    expect(t.hub.stats()).toMatchObject({ connections: 1, droppedSlow: 1 });
    const drained = new SseReader(stalled.stream);
    await drained.waitForEnd();
    expect(drained.named('announcement')).toHaveLength(0);
  });

  it('coalesces a burst of score changes into one board push per interval and skips unchanged boards', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const t = setup({ boardIntervalMs: 300 });
    cleanup = t.close;
    const reader = await t.connect(anon);
    const boss = await t.connect(admin);
    for (let i = 1; i <= 10; i += 1) {
      t.setBoard({ public: `{"n":${i}}`, admin: `{"n":${i},"live":true}` });
      t.bus.emit({ type: 'scores', scope: 'public', payload: { teamIds: [1], reason: 'solve' } });
    }
    await vi.advanceTimersByTimeAsync(1000);
    t.bus.emit({ type: 'scores', scope: 'public', payload: { teamIds: [], reason: 'noop' } });
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    t.bus.emit(announcement('barrier'));
    await reader.waitForEvent('announcement');
    await boss.waitForEvent('announcement');
    expect(reader.named('scoreboard').map((e) => e.data)).toEqual(['{"frozen":false,"total":0,"teams":[]}', '{"n":10}']);
    expect(boss.named('scoreboard').at(-1)?.data).toBe('{"n":10,"live":true}');
  });
});
