import type { AppContext } from '../../context.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { AdminResultsService } from '../admin/admin-results.service.ts';
import { resultsCsv } from '../admin/admin-results.service.ts';
import { toCsv } from '../admin/csv.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';
import { newCode } from '../auth/tokens.ts';
import * as archiveRepository from './archive.repository.ts';
import * as eventRepository from './event.repository.ts';
import { rowToSnapshot, toPublicEventView } from './event.ts';
import type { EventReset } from './event.schema.ts';
import type { EventService } from './event.service.ts';

export interface ArchiveDto {
  id: number;
  eventName: string;
  startedAt: string | null;
  endedAt: string | null;
  archivedAt: string;
  archivedBy: string;
  teams: number;
  players: number;
  files: Array<{ name: 'results.json' | 'results.csv' | 'submissions.csv'; url: string }>;
}

export const ARCHIVE_FILES = ['results.json', 'results.csv', 'submissions.csv'] as const;
export type ArchiveFile = (typeof ARCHIVE_FILES)[number];

/**
 * "Test run, then live": archives the finished event's results, empties every per-event
 * table (per-event-tables.ts), puts the event back to draft with its settings, and tells
 * every screen and player (`restart`), all in one transaction.
 */
export class ResetService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly results: AdminResultsService,
  ) {}

  async reset(actor: AuditActor, input: EventReset): Promise<{ archive: ArchiveDto; eventCode: string | null }> {
    if (input.newEventCode && this.ctx.config.eventCode)
      throw new DomainError('conflict', 'newEventCode: EVENT_CODE is set in the environment; change it there and restart', { field: 'newEventCode' });
    const at = this.ctx.now();
    const eventCode = input.newEventCode ? newCode(6) : null;
    const archiveId = await this.ctx.database.transaction(async (trx) => {
      // The event row first: clock actions and another reset wait until this one is done.
      const event = await eventRepository.findEventForUpdate(trx);
      if (event.name !== input.confirm.trim()) throw new ValidationError('confirm', `type the event name exactly as it is ("${event.name}") to confirm`);
      const results = await this.results.resultsIn(trx);
      const attempts = await archiveRepository.listAttemptsForArchive(trx);
      const archive = await archiveRepository.insertArchive(trx, {
        eventName: event.name,
        startedAt: event.started_at,
        endedAt: event.state === 'draft' ? null : event.ends_at,
        at,
        by: actor.name,
        teams: results.teams.length,
        players: await archiveRepository.countPlayers(trx),
        results,
        resultsCsv: resultsCsv(results),
        submissionsCsv: toCsv(
          ['id', 'at', 'team', 'player', 'challenge', 'task', 'correct', 'answer', 'flags'],
          attempts.map((a) => [
            a.id,
            a.created_at.toISOString(),
            a.team_name,
            a.display_name,
            a.challenge_id,
            a.task_id,
            a.correct,
            JSON.stringify(a.answer),
            (a.flags ?? []).join(' '),
          ]),
        ),
      });
      await archiveRepository.emptyEvent(trx);
      const updated = await eventRepository.updateEvent(trx, {
        state: 'draft',
        started_at: null,
        ends_at: null,
        paused_at: null,
        frozen_at: null,
        revealed: false,
      });
      if (eventCode) await archiveRepository.setEventCode(trx, eventCode);
      await insertAudit(trx, actor, {
        action: 'event.reset',
        target: `archive:${archive.id}`,
        details: { eventName: event.name, teams: results.teams.length, newEventCode: eventCode !== null },
        at,
      });
      // Appended after the log was emptied: these are the first rows of the next event.
      await publish(trx, { type: 'restart', scope: 'public', payload: { at: at.toISOString(), eventName: event.name } });
      await publish(trx, { type: 'clock', scope: 'public', payload: { ...toPublicEventView(rowToSnapshot(updated), at) } });
      await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [], reason: 'event.reset' } });
      return archive.id;
    });
    if (eventCode) this.ctx.secrets.eventCode = eventCode;
    await this.events.reload();
    const archive = (await this.archives()).find((a) => a.id === archiveId);
    if (!archive) throw new Error(`archive ${archiveId} vanished`);
    return { archive, eventCode };
  }

  async archives(): Promise<ArchiveDto[]> {
    return (await archiveRepository.listArchives(this.ctx.db)).map((a) => ({
      id: a.id,
      eventName: a.event_name,
      startedAt: a.started_at?.toISOString() ?? null,
      endedAt: a.ended_at?.toISOString() ?? null,
      archivedAt: a.archived_at.toISOString(),
      archivedBy: a.archived_by,
      teams: a.teams,
      players: a.players,
      files: ARCHIVE_FILES.map((name) => ({ name, url: `/api/admin/archives/${a.id}/${name}` })),
    }));
  }

  async file(id: number, file: ArchiveFile): Promise<{ eventName: string; content: string }> {
    const row = await archiveRepository.findArchiveFile(this.ctx.db, id, file);
    if (!row) throw new DomainError('not_found', `no archive ${id}`);
    const content = typeof row.content === 'string' ? row.content : JSON.stringify(row.content, null, 2);
    return { eventName: row.event_name, content };
  }

  /** Another instance reset the event: pick up the event code it may have changed. */
  async reloadEventCode(): Promise<void> {
    if (this.ctx.config.eventCode) return;
    const code = await archiveRepository.findEventCode(this.ctx.db);
    if (code) this.ctx.secrets.eventCode = code;
  }
}
