import type { BusListener, LoggedEvent } from '../../../../server/realtime/bus.ts';
import type { OutboxEvent } from '../../../../server/realtime/events.ts';
import type { EventSource } from '../../../../server/realtime/hub.ts';

/** An in-memory event log with the EventBus surface the hub uses. */
export class FakeBus implements EventSource {
  readonly rows: LoggedEvent[] = [];
  private readonly listeners = new Set<BusListener>();
  /** When set, readSince waits for it (to interleave live events with a replay). */
  gate: Promise<void> | undefined;

  get lastId(): number {
    return this.rows.at(-1)?.id ?? 0;
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async readSince(afterId: number, limit: number): Promise<LoggedEvent[]> {
    const cursor = this.lastId;
    await this.gate;
    return this.rows.filter((r) => r.id > afterId && r.id <= cursor).slice(0, limit);
  }

  /** Logs an event and relays it, as the bus does once a transaction commits. */
  emit(event: OutboxEvent, at = new Date()): LoggedEvent {
    const logged = { ...event, id: this.lastId + 1, teamId: event.scope === 'team' ? event.teamId : (event.teamId ?? null), at } as LoggedEvent;
    this.rows.push(logged);
    for (const listener of this.listeners) listener(logged);
    return logged;
  }
}

export function chat(teamId: number, text: string, id = 1): OutboxEvent {
  return {
    type: 'chat',
    scope: 'team',
    teamId,
    payload: { id, teamId, channel: 'team', authorPlayerId: 1, authorName: 'A', authorAdmin: false, language: 'en', text, at: new Date().toISOString() },
  };
}

export function announcement(text: string, teamId: number | null = null): OutboxEvent {
  const payload = { id: 1, text, texts: {}, level: 'info' as const, teamId, dismissAfterSeconds: null, at: new Date().toISOString() };
  return teamId === null ? { type: 'announcement', scope: 'public', payload } : { type: 'announcement', scope: 'team', teamId, payload };
}

export function solve(teamId: number, at: Date): OutboxEvent {
  return {
    type: 'solve',
    scope: 'public',
    teamId,
    payload: {
      teamId,
      teamName: `T${teamId}`,
      challengeId: 'c',
      challengeTitle: { en: 'C' },
      taskId: 't',
      taskTitle: { en: 'T' },
      taskIndex: 1,
      awarded: 100,
      firstSolve: true,
      at: at.toISOString(),
    },
  };
}

export function submission(teamId: number): OutboxEvent {
  return {
    type: 'submission',
    scope: 'admin',
    teamId,
    payload: {
      id: 1,
      teamId,
      teamName: 'T',
      playerName: 'P',
      challengeId: 'c',
      taskId: 't',
      answer: 'x',
      correct: false,
      flags: [],
      penalty: 0,
      at: new Date().toISOString(),
    },
  };
}
