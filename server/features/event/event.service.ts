import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import { applyEventAction, type EventClock, EventClockError, isAcceptingAttempts, isFrozen, freezeCutoff, type EventAction } from './clock.ts';
import { rowToSnapshot, toAdminEventView, toPublicEventView, type EventSnapshot } from './event.ts';
import * as eventRepository from './event.repository.ts';
import type { EventSettingsPatch } from './event.schema.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';

/**
 * The event clock and settings. Each instance keeps the current row in memory (read on
 * every request) and reloads it when any instance announces a `clock` change.
 */
export class EventService {
  private snapshot: EventSnapshot | undefined;
  private readonly listeners = new Set<(event: EventSnapshot) => void>();

  constructor(private readonly ctx: AppContext) {}

  async start(): Promise<void> {
    await this.reload();
    this.ctx.bus.subscribe((event) => {
      if (event.type === 'clock') void this.reload().catch((error: Error) => this.ctx.logger.warn('event reload failed', { error: error.message }));
    });
  }

  async reload(): Promise<EventSnapshot> {
    const row = await eventRepository.findEvent(this.ctx.db);
    return this.set(rowToSnapshot(row));
  }

  private set(snapshot: EventSnapshot): EventSnapshot {
    // A slower reload must not overwrite a newer state this instance already has.
    if (this.snapshot && this.snapshot.version > snapshot.version) return this.snapshot;
    const changed = this.snapshot?.version !== snapshot.version;
    this.snapshot = snapshot;
    if (changed) for (const listener of this.listeners) listener(snapshot);
    return snapshot;
  }

  current(): EventSnapshot {
    if (!this.snapshot) throw new Error('EventService used before start()');
    return this.snapshot;
  }

  /** Called with the new snapshot whenever the clock or settings change (any instance). */
  onChange(listener: (event: EventSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publicView() {
    return toPublicEventView(this.current(), this.ctx.now());
  }

  adminView() {
    return toAdminEventView(this.current(), this.ctx.now());
  }

  isAcceptingAttempts(now = this.ctx.now()): boolean {
    return isAcceptingAttempts(this.current().clock, now);
  }

  isFrozen(now = this.ctx.now()): boolean {
    return isFrozen(this.current().clock, now);
  }

  freezeCutoff(): Date | null {
    return freezeCutoff(this.current().clock);
  }

  requireAcceptingAttempts(): void {
    if (!this.isAcceptingAttempts()) {
      const state = toPublicEventView(this.current(), this.ctx.now()).state;
      throw new DomainError(
        'event_not_running',
        state === 'paused' ? 'the event is paused' : state === 'draft' ? 'the event has not started yet' : 'the event has ended',
      );
    }
  }

  async act(actor: AuditActor, action: EventAction): Promise<ReturnType<EventService['adminView']>> {
    const now = this.ctx.now();
    const row = await this.ctx.database.transaction(async (trx) => {
      const current = rowToSnapshot(await eventRepository.findEventForUpdate(trx));
      let clock: EventClock;
      try {
        clock = applyEventAction(current.clock, action, now);
      } catch (error) {
        if (error instanceof EventClockError) throw new DomainError(error.code, error.message);
        throw error;
      }
      const updated = await eventRepository.updateEvent(trx, {
        state: clock.state,
        started_at: clock.startedAt,
        ends_at: clock.endsAt,
        paused_at: clock.pausedAt,
        duration_minutes: clock.durationMinutes,
        freeze_minutes: clock.freezeMinutes,
        frozen_at: clock.frozenAt,
        revealed: clock.revealed,
      });
      const name = typeof action === 'string' ? action : action.type;
      await insertAudit(trx, actor, { action: `event.${name}`, details: typeof action === 'string' ? {} : action });
      await publish(trx, { type: 'clock', scope: 'public', payload: { ...toPublicEventView(rowToSnapshot(updated), now) } });
      // Freeze, unfreeze and reveal change what the public board shows.
      await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [], reason: `event.${name}` } });
      return updated;
    });
    this.set(rowToSnapshot(row));
    return this.adminView();
  }

  async updateSettings(actor: AuditActor, patch: EventSettingsPatch): Promise<ReturnType<EventService['adminView']>> {
    const now = this.ctx.now();
    const row = await this.ctx.database.transaction(async (trx) => {
      const current = await eventRepository.findEventForUpdate(trx);
      if (patch.durationMinutes !== undefined && current.state !== 'draft') {
        throw new DomainError('conflict', 'durationMinutes can change only before the start; use extend once the event runs');
      }
      if (patch.penaltyMode !== undefined && patch.penaltyMode !== current.penalty_mode && current.state !== 'draft') {
        throw new DomainError('conflict', 'penaltyMode can change only before the start');
      }
      const settings = { ...current.settings };
      if (patch.inPlay !== undefined) {
        if (patch.inPlay === null) delete settings.inPlay;
        else settings.inPlay = patch.inPlay;
      }
      if (patch.warmUp !== undefined) settings.warmUp = patch.warmUp;
      if (patch.screenLanguage !== undefined) {
        if (patch.screenLanguage === null) delete settings.screenLanguage;
        else settings.screenLanguage = patch.screenLanguage;
      }
      if (patch.finaleStep !== undefined) {
        if (patch.finaleStep !== null && !current.revealed) throw new DomainError('conflict', 'finaleStep: the results are not revealed yet');
        if (patch.finaleStep === null) delete settings.finaleStep;
        else settings.finaleStep = patch.finaleStep;
      }
      const updated = await eventRepository.updateEvent(trx, {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.durationMinutes !== undefined && { duration_minutes: patch.durationMinutes }),
        ...(patch.freezeMinutes !== undefined && { freeze_minutes: patch.freezeMinutes }),
        ...(patch.maxTeamSize !== undefined && { max_team_size: patch.maxTeamSize }),
        ...(patch.attemptsPerMinute !== undefined && { attempts_per_minute: patch.attemptsPerMinute }),
        ...(patch.penaltyMode !== undefined && { penalty_mode: patch.penaltyMode }),
        settings: JSON.stringify(settings),
      });
      await insertAudit(trx, actor, { action: 'event.settings', details: patch });
      await publish(trx, { type: 'clock', scope: 'public', payload: { ...toPublicEventView(rowToSnapshot(updated), now) } });
      if (patch.inPlay !== undefined || patch.warmUp !== undefined) {
        await publish(trx, { type: 'challenges', scope: 'public', payload: { reason: 'settings', at: now.toISOString() } });
      }
      if (patch.freezeMinutes !== undefined) {
        await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [], reason: 'event.settings' } });
      }
      return updated;
    });
    this.set(rowToSnapshot(row));
    return this.adminView();
  }
}
