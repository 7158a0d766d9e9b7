import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { AnnouncementPayload } from '../../realtime/events.ts';
import * as announcementRepository from './announcement.repository.ts';
import type { AnnouncementRow } from './announcement.repository.ts';
import type { AnnouncementCreate } from './announcement.schema.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';

export interface AnnouncementDto extends AnnouncementPayload {
  /** When clients stop showing it; null: until dismissed. */
  expiresAt: string | null;
  teamName?: string | null;
}

function toDto(row: AnnouncementRow): AnnouncementDto {
  const at = row.created_at;
  return {
    id: row.id,
    text: row.text,
    texts: row.texts ?? {},
    level: row.level,
    teamId: row.team_id,
    dismissAfterSeconds: row.dismiss_after_seconds,
    at: at.toISOString(),
    expiresAt: row.dismiss_after_seconds === null ? null : new Date(at.getTime() + row.dismiss_after_seconds * 1000).toISOString(),
    ...(row.team_name !== undefined ? { teamName: row.team_name } : {}),
  };
}

/** Facilitator announcements to everyone or to one team, stored, streamed and audited. */
export class AnnouncementService {
  constructor(private readonly ctx: AppContext) {}

  async create(actor: AuditActor, input: AnnouncementCreate): Promise<AnnouncementDto> {
    const teamId = input.teamId ?? null;
    return this.ctx.database.transaction(async (trx) => {
      if (teamId !== null && !(await announcementRepository.teamExists(trx, teamId))) throw new DomainError('not_found', `no team ${teamId}`);
      const texts = input.texts && Object.keys(input.texts).length > 0 ? input.texts : null;
      const row = await announcementRepository.insertAnnouncement(trx, {
        text: input.text ?? texts?.en ?? texts?.ja ?? '',
        texts,
        level: input.level,
        teamId,
        dismissAfterSeconds: input.dismissAfterSeconds ?? null,
        at: this.ctx.now(),
      });
      const dto = toDto(row);
      const { expiresAt: _expiresAt, ...payload } = dto;
      if (teamId === null) await publish(trx, { type: 'announcement', scope: 'public', payload });
      else await publish(trx, { type: 'announcement', scope: 'team', teamId, payload });
      await insertAudit(trx, actor, {
        action: 'announcement.create',
        target: teamId === null ? 'all' : `team:${teamId}`,
        details: { id: row.id, level: row.level, text: row.text, texts, dismissAfterSeconds: row.dismiss_after_seconds },
      });
      return dto;
    });
  }

  /** What a client that just loaded may show: everyone's, plus its team's. */
  async visible(teamId: number | null, limit: number): Promise<AnnouncementDto[]> {
    return (await announcementRepository.listVisible(this.ctx.db, teamId, limit)).map(toDto);
  }

  async all(limit = 200): Promise<AnnouncementDto[]> {
    return (await announcementRepository.listAll(this.ctx.db, limit)).map(toDto);
  }
}
