import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { Language } from '../challenges/challenge.ts';
import type { ChatPage, ChatService } from './chat.service.ts';
import * as supportRepository from './support.repository.ts';

export interface SupportThreadDto {
  teamId: number;
  teamName: string;
  handled: boolean;
  unread: number;
  lastMessageAt: string;
  lastMessage: { text: string; authorName: string; authorAdmin: boolean; language: Language; at: string } | null;
}

/** The facilitators' inbox over every team's support channel. */
export class SupportService {
  constructor(
    private readonly ctx: AppContext,
    private readonly chat: ChatService,
  ) {}

  async inbox(): Promise<SupportThreadDto[]> {
    const threads = await supportRepository.listThreads(this.ctx.db);
    return threads.map((t) => ({
      teamId: t.teamId,
      teamName: t.teamName,
      handled: t.handled,
      unread: t.unread,
      lastMessageAt: t.lastMessageAt.toISOString(),
      lastMessage: t.lastMessage && { ...t.lastMessage, at: t.lastMessage.at.toISOString() },
    }));
  }

  /** Opens a thread for a facilitator: its messages, and it counts as read from now on. */
  async open(
    teamId: number,
    before: number | undefined,
    limit: number,
  ): Promise<ChatPage & { team: { id: number; name: string }; thread: { handled: boolean; unread: number } }> {
    const team = await supportRepository.findTeam(this.ctx.db, teamId);
    if (!team) throw new DomainError('not_found', `no team ${teamId}`);
    const page = await this.chat.list(teamId, 'support', { playerId: null, admin: true, language: null }, before, limit);
    let thread = await supportRepository.findThread(this.ctx.db, teamId);
    if (thread && thread.unread > 0 && before === undefined) {
      thread = await this.ctx.database.transaction(async (trx) => {
        const read = await supportRepository.markRead(trx, teamId);
        if (read) await publish(trx, { type: 'support', scope: 'admin', teamId, payload: { teamId, unread: 0, handled: read.handled } });
        return read ?? thread;
      });
    }
    return { team, thread: { handled: thread?.handled ?? false, unread: thread?.unread ?? 0 }, ...page };
  }

  async setHandled(teamId: number, handled: boolean): Promise<{ teamId: number; handled: boolean; unread: number }> {
    return this.ctx.database.transaction(async (trx) => {
      const thread = await supportRepository.setHandled(trx, teamId, handled);
      if (!thread) throw new DomainError('not_found', `team ${teamId} has no support thread`);
      await publish(trx, { type: 'support', scope: 'admin', teamId, payload: { teamId, unread: thread.unread, handled } });
      await supportRepository.insertAudit(trx, { action: handled ? 'support.handled' : 'support.reopened', target: `team:${teamId}`, details: {} });
      return { teamId, handled: thread.handled, unread: thread.unread };
    });
  }
}
