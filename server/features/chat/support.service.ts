import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { SupportPayload } from '../../realtime/events.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import type { Language } from '../challenges/challenge.ts';
import { roleAtLeast, type StaffActor } from '../staff/staff.ts';
import * as staffRepository from '../staff/staff.repository.ts';
import type { ChatPage, ChatService } from './chat.service.ts';
import * as supportRepository from './support.repository.ts';
import type { ThreadState } from './support.repository.ts';

export interface SupportThreadDto {
  teamId: number;
  teamName: string;
  handled: boolean;
  unread: number;
  lastMessageAt: string;
  lastMessage: { text: string; authorName: string; authorAdmin: boolean; language: Language; at: string } | null;
  assignee: { id: number; name: string } | null;
  /** Since when the team has waited for an answer; null when nobody waits. */
  waitingSince: string | null;
  /** The challenge the player was on when they last wrote. */
  challengeId: string | null;
  /** The note of the last handover, and who wrote it. */
  handover: { note: string | null; byName: string | null } | null;
}

export type SupportThreadStateDto = Omit<SupportThreadDto, 'teamName' | 'lastMessage' | 'lastMessageAt'>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The facilitators' inbox over every team's support channel, worked by several people:
 * a thread has an assignee, who claims it, releases it or hands it to a named colleague
 * with a note. Replying to a thread nobody has makes it the replier's.
 */
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
      assignee: t.assigneeId !== null && t.assigneeName !== null ? { id: t.assigneeId, name: t.assigneeName } : null,
      waitingSince: iso(t.waitingSince),
      challengeId: t.challengeId,
      handover: t.handoverNote !== null || t.handoverBy !== null ? { note: t.handoverNote, byName: t.handoverByName } : null,
    }));
  }

  /** Opens a thread for a facilitator: its messages, and it counts as read from now on. */
  async open(
    teamId: number,
    before: number | undefined,
    limit: number,
  ): Promise<ChatPage & { team: { id: number; name: string }; thread: SupportThreadStateDto }> {
    const team = await supportRepository.findTeam(this.ctx.db, teamId);
    if (!team) throw new DomainError('not_found', `no team ${teamId}`);
    const page = await this.chat.list(teamId, 'support', { playerId: null, admin: true, language: null }, before, limit);
    if (before === undefined) {
      await this.ctx.database.transaction(async (trx) => {
        const read = await supportRepository.markRead(trx, teamId);
        if (read) await publish(trx, { type: 'support', scope: 'admin', teamId, payload: this.payload(read) });
      });
    }
    const thread = (await this.inbox()).find((t) => t.teamId === teamId);
    return {
      team,
      thread: thread
        ? {
            teamId,
            handled: thread.handled,
            unread: thread.unread,
            assignee: thread.assignee,
            waitingSince: thread.waitingSince,
            challengeId: thread.challengeId,
            handover: thread.handover,
          }
        : { teamId, handled: false, unread: 0, assignee: null, waitingSince: null, challengeId: null, handover: null },
      ...page,
    };
  }

  async setHandled(actor: StaffActor, teamId: number, handled: boolean): Promise<{ teamId: number; handled: boolean; unread: number }> {
    return this.ctx.database.transaction(async (trx) => {
      const thread = await supportRepository.setHandled(trx, teamId, handled);
      if (!thread) throw new DomainError('not_found', `team ${teamId} has no support thread`);
      await publish(trx, { type: 'support', scope: 'admin', teamId, payload: this.payload(thread) });
      await insertAudit(trx, actor, { action: handled ? 'support.handled' : 'support.reopened', target: `team:${teamId}` });
      return { teamId, handled: thread.handled, unread: thread.unread };
    });
  }

  /** Takes a thread nobody has; someone else's must be released or handed over first. */
  async claim(actor: StaffActor, teamId: number): Promise<SupportThreadStateDto> {
    return this.reassign(actor, teamId, 'support.claim', async (thread, trx) => {
      if (thread.assigneeId === actor.id) return null;
      if (thread.assigneeId !== null) {
        const holder = await staffRepository.findStaff(trx, thread.assigneeId);
        throw new DomainError('already_assigned', `${holder?.name ?? 'someone'} is on this thread; ask them to hand it over`, {
          assigneeId: thread.assigneeId,
        });
      }
      return { assigneeId: actor.id, note: null, by: null };
    });
  }

  /** Gives a thread back to the queue: its holder, or a facilitator for anyone's. */
  async release(actor: StaffActor, teamId: number): Promise<SupportThreadStateDto> {
    return this.reassign(actor, teamId, 'support.release', async (thread) => {
      if (thread.assigneeId === null) return null;
      this.requireHolderOrLead(actor, thread);
      return { assigneeId: null, note: null, by: null };
    });
  }

  /** Hands a thread to a named colleague with a note; they are told on the stream. */
  async handover(actor: StaffActor, teamId: number, toId: number, note: string | null): Promise<SupportThreadStateDto> {
    const to = await staffRepository.findStaff(this.ctx.db, toId);
    if (!to || to.revoked_at !== null) throw new DomainError('not_found', `staffId: no active staff member ${toId}`, { field: 'staffId' });
    return this.reassign(
      actor,
      teamId,
      'support.handover',
      async (thread) => {
        if (thread.assigneeId !== null) this.requireHolderOrLead(actor, thread);
        return { assigneeId: to.id, note, by: actor.id };
      },
      (thread, teamName) => ({ fromId: actor.id, fromName: actor.name, toId: to.id, toName: to.name, teamName, note: thread.handoverNote }),
      { toName: to.name, note },
    );
  }

  /**
   * A team's own chat, for a facilitator, while the team has an open request for help;
   * each read is audited, since team chat is otherwise the team's alone.
   */
  async readTeamChat(actor: StaffActor, teamId: number, before: number | undefined, limit: number): Promise<ChatPage & { team: { id: number; name: string } }> {
    const team = await supportRepository.findTeam(this.ctx.db, teamId);
    if (!team) throw new DomainError('not_found', `no team ${teamId}`);
    const thread = await supportRepository.findThread(this.ctx.db, teamId);
    if (!thread || thread.handled) throw new DomainError('forbidden', `${team.name} has not asked for help; their chat stays private`);
    await insertAudit(this.ctx.db, actor, { action: 'team.chat.read', target: `team:${teamId}`, details: { before: before ?? null } });
    return { team, ...(await this.chat.list(teamId, 'team', { playerId: null, admin: true, language: null }, before, limit)) };
  }

  private requireHolderOrLead(actor: StaffActor, thread: ThreadState): void {
    if (thread.assigneeId !== actor.id && !roleAtLeast(actor.role, 'facilitator'))
      throw new DomainError('forbidden', 'only the person on this thread or a facilitator can pass it on');
  }

  private async reassign(
    actor: StaffActor,
    teamId: number,
    action: string,
    decide: (thread: ThreadState, trx: Transaction<Database>) => Promise<{ assigneeId: number | null; note: string | null; by: number | null } | null>,
    handover?: (thread: ThreadState, teamName: string) => NonNullable<SupportPayload['handover']>,
    details: Record<string, unknown> = {},
  ): Promise<SupportThreadStateDto> {
    const team = await supportRepository.findTeam(this.ctx.db, teamId);
    if (!team) throw new DomainError('not_found', `no team ${teamId}`);
    const at = this.ctx.now();
    await this.ctx.database.transaction(async (trx) => {
      const thread = await supportRepository.lockThread(trx, teamId);
      if (!thread) throw new DomainError('not_found', `${team.name} has no support thread`);
      const change = await decide(thread, trx);
      if (!change) return;
      const updated = await supportRepository.setAssignee(trx, teamId, { ...change, at });
      await insertAudit(trx, actor, { action, target: `team:${teamId}`, details: { from: thread.assigneeId, to: change.assigneeId, ...details }, at });
      await publish(trx, {
        type: 'support',
        scope: 'admin',
        teamId,
        payload: { ...this.payload(updated), ...(handover && { handover: handover(updated, team.name) }) },
      });
    });
    const after = (await this.inbox()).find((t) => t.teamId === teamId);
    if (!after) throw new Error(`support thread of team ${teamId} vanished`);
    const { teamName: _n, lastMessage: _m, lastMessageAt: _a, ...state } = after;
    return state;
  }

  private payload(thread: ThreadState): SupportPayload {
    return { teamId: thread.teamId, unread: thread.unread, handled: thread.handled, assigneeId: thread.assigneeId };
  }
}
