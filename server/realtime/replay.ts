import type { LoggedEvent } from './events.ts';
import { wireNameFor, type FreezeState, type Viewer } from './scope.ts';
import type { WireEventMap } from './wire.ts';

/** `Last-Event-ID` as received: absent, an id, or something this server never sent. */
export type ResumePoint = { kind: 'fresh' } | { kind: 'after'; id: number } | { kind: 'invalid' };

export function parseResumePoint(raw: string | undefined | null): ResumePoint {
  if (raw === undefined || raw === null || raw.trim() === '') return { kind: 'fresh' };
  const text = raw.trim();
  if (!/^\d{1,15}$/.test(text)) return { kind: 'invalid' };
  return { kind: 'after', id: Number(text) };
}

export interface ReplaySource {
  readonly lastId: number;
  readSince(afterId: number, limit: number): Promise<LoggedEvent[]>;
}

export interface ReplayPlan {
  /** The id frames start from (hello, reset). */
  start: number;
  /** The id the client is past once the replay was sent (filtered rows included). */
  end: number;
  /** Live events up to this id are already covered (by the replay or by the client itself). */
  skipUpTo: number;
  /** The rows this viewer may see, oldest first. */
  events: LoggedEvent[];
  reset?: WireEventMap['reset']['reason'];
}

export interface ReplayLimits {
  replayLimit: number;
  replayWindowMs: number;
}

/**
 * Decides what a (re)connecting client is sent before live events. The window is bounded
 * both ways: more than `replayLimit` rows, or a first missed row older than
 * `replayWindowMs`, and the client gets one `reset` ("refetch everything") instead.
 */
export async function planReplay(
  source: ReplaySource,
  latestLoggedId: () => Promise<number>,
  viewer: Viewer,
  resume: ResumePoint,
  freeze: FreezeState,
  limits: ReplayLimits,
  now: Date,
): Promise<ReplayPlan> {
  const head = source.lastId;
  const fromHead = (reset?: ReplayPlan['reset']): ReplayPlan => ({ start: head, end: head, skipUpTo: head, events: [], ...(reset ? { reset } : {}) });
  if (resume.kind === 'fresh') return fromHead();
  if (resume.kind === 'invalid') return fromHead('unknown_id');
  const after = resume.id;
  if (after > head) {
    // Another instance may simply be ahead of this one; an id beyond the whole log is not ours
    // (e.g. the database was recreated), so the client must start over.
    if (after > (await latestLoggedId())) return fromHead('unknown_id');
    return { start: after, end: after, skipUpTo: after, events: [] };
  }
  const rows = await source.readSince(after, limits.replayLimit + 1);
  if (rows.length > limits.replayLimit) return fromHead('too_many');
  const first = rows[0];
  if (first && now.getTime() - first.at.getTime() > limits.replayWindowMs) return fromHead('too_old');
  const end = Math.max(after, rows.at(-1)?.id ?? after);
  return { start: after, end, skipUpTo: after, events: rows.filter((e) => wireNameFor(e, viewer, freeze) !== null) };
}
