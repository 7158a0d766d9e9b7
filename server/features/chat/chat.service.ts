import type { AppContext } from '../../context.ts';
import { DomainError, RateLimitedError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import { publish } from '../../realtime/outbox.ts';
import { LANGUAGES, type Language } from '../challenges/challenge.ts';
import { toMessageDto, translationTargets, type ChatChannel, type ChatMessageDto, type ChatReader } from './chat.ts';
import * as chatRepository from './chat.repository.ts';
import * as supportRepository from './support.repository.ts';
import type { TranslationWorker } from './translation.worker.ts';

/** Messages a player may send per window (team and support chat together). */
export const CHAT_RATE = { limit: 20, windowMs: 10_000 };

export type ChatAuthor =
  | { kind: 'player'; playerId: number; displayName: string; language: Language }
  | { kind: 'facilitator'; language: Language; staff: { id: number; name: string } };

export interface ChatPage {
  /** Oldest first, ready to render; the page holds the newest messages below `before`. */
  messages: ChatMessageDto[];
  hasMore: boolean;
  /** Pass as `before` for the next older page; null when this is the oldest. */
  nextBefore: number | null;
}

export const FACILITATOR_NAME = 'Facilitator';

/**
 * Team chat and the support channel share one pipeline: store the message with its author's
 * language, announce it in the same transaction, then translate it in the background.
 */
export class ChatService {
  private readonly limiter = new SlidingWindowLimiter(CHAT_RATE.windowMs);

  constructor(
    private readonly ctx: AppContext,
    private readonly translations: TranslationWorker,
  ) {}

  /** `challengeId`: what the player was on when writing to support (the thread shows it). */
  async send(author: ChatAuthor, teamId: number, channel: ChatChannel, text: string, challengeId: string | null = null): Promise<ChatMessageDto> {
    if (author.kind === 'player') {
      const gate = this.limiter.take(String(author.playerId), CHAT_RATE.limit, Date.now());
      if (!gate.allowed)
        throw new RateLimitedError(`at most ${CHAT_RATE.limit} messages per ${CHAT_RATE.windowMs / 1000} s; wait a moment`, gate.retryAfterSeconds);
    }
    const at = this.ctx.now();
    const { message, targets } = await this.ctx.database.transaction(async (trx) => {
      if (author.kind === 'facilitator' && !(await supportRepository.findTeam(trx, teamId))) throw new DomainError('not_found', `no team ${teamId}`);
      // A player who did not say which challenge they are on is taken to be on the last
      // one they answered or took a clue on.
      const onChallenge =
        channel === 'support' && author.kind === 'player' ? (challengeId ?? (await chatRepository.latestChallengeOf(trx, teamId, author.playerId))) : null;
      const message = await chatRepository.insertMessage(trx, {
        teamId,
        channel,
        authorPlayerId: author.kind === 'player' ? author.playerId : null,
        authorName: author.kind === 'player' ? author.displayName : FACILITATOR_NAME,
        authorAdmin: author.kind === 'facilitator',
        authorStaffId: author.kind === 'facilitator' ? author.staff.id : null,
        authorStaffName: author.kind === 'facilitator' ? author.staff.name : null,
        language: author.language,
        text,
        challengeId: onChallenge,
        at,
      });
      let targets: Language[] = [];
      if (this.translations.enabled) {
        // Facilitators read support threads too and have no language on record: cover both.
        const readers = channel === 'support' ? [...LANGUAGES] : await chatRepository.teamLanguages(trx, teamId);
        targets = translationTargets(message.language, readers);
        await chatRepository.insertPendingTranslations(
          trx,
          targets.map((language) => ({ messageId: message.id, language })),
          at,
        );
      }
      await publish(trx, {
        type: 'chat',
        scope: 'team',
        teamId,
        // Which staff member wrote a reply stays among staff: players see "Facilitator".
        payload: {
          id: message.id,
          teamId,
          channel,
          authorPlayerId: message.authorPlayerId,
          authorName: message.authorName,
          authorAdmin: message.authorAdmin,
          language: message.language,
          text: message.text,
          challengeId: message.challengeId,
          at: at.toISOString(),
        },
      });
      if (channel === 'support') {
        const thread =
          author.kind === 'player'
            ? await supportRepository.recordTeamMessage(trx, teamId, at, message.challengeId)
            : await supportRepository.recordFacilitatorReply(trx, teamId, at, author.staff.id);
        await publish(trx, {
          type: 'support',
          scope: 'admin',
          teamId,
          payload: { teamId, unread: thread.unread, handled: thread.handled, assigneeId: thread.assigneeId },
        });
      }
      return { message, targets };
    });
    if (targets.length > 0) this.translations.schedule(message.id);
    const pending = targets.map((language) => ({ messageId: message.id, language, text: null, status: 'pending' as const, tries: 0 }));
    const reader: ChatReader =
      author.kind === 'player' ? { playerId: author.playerId, admin: false, language: author.language } : { playerId: null, admin: true, language: null };
    return toMessageDto(message, pending, reader, this.translations.options.maxTries);
  }

  async list(teamId: number, channel: ChatChannel, reader: ChatReader, before: number | undefined, limit: number): Promise<ChatPage> {
    const rows = await chatRepository.listMessages(this.ctx.db, teamId, channel, before, limit + 1);
    const hasMore = rows.length > limit;
    const page = rows.slice(0, limit).reverse();
    let translations = await chatRepository.listTranslations(
      this.ctx.db,
      page.map((m) => m.id),
    );
    if (this.translations.enabled && reader.language !== null) translations = translations.concat(await this.fillIn(page, translations, reader.language));
    return {
      messages: page.map((m) => toMessageDto(m, translations, reader, this.translations.options.maxTries)),
      hasMore,
      nextBefore: hasMore && page[0] ? page[0].id : null,
    };
  }

  /**
   * A reader whose language nobody in the team had when these messages were sent (they
   * joined later, or switched language) gets them translated now, once for everyone.
   */
  private async fillIn(
    page: Awaited<ReturnType<typeof chatRepository.listMessages>>,
    existing: Awaited<ReturnType<typeof chatRepository.listTranslations>>,
    language: Language,
  ) {
    const have = new Set(existing.filter((t) => t.language === language).map((t) => t.messageId));
    const missing = page.filter((m) => m.language !== language && !have.has(m.id)).map((m) => ({ messageId: m.id, language }));
    const added = await chatRepository.insertPendingTranslations(this.ctx.db, missing, this.ctx.now());
    for (const row of added) this.translations.schedule(row.messageId);
    return added.map((row) => ({ ...row, text: null, status: 'pending' as const, tries: 0 }));
  }
}
