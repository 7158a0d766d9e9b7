import { z } from 'zod';
import { LANGUAGES } from '../challenges/challenge.ts';
import { CHAT_TEXT_MAX, chatTextLength, cleanChatText } from './chat.ts';

/** Request schemas for chat, support and announcements: safe for the client to import. */
export const ChatTextSchema = z
  .string({ error: 'must be a string' })
  .transform(cleanChatText)
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .refine((text) => chatTextLength(text) <= CHAT_TEXT_MAX, { message: `must be at most ${CHAT_TEXT_MAX} characters` }),
  );

export const ChatSendSchema = z.object({ text: ChatTextSchema });

export const AdminSupportSendSchema = z.object({
  text: ChatTextSchema,
  /** The facilitator's language; guessed from the text when absent. */
  language: z.enum(LANGUAGES).optional(),
});

/** A page of history: the newest `limit` messages with id below `before` (all when absent). */
export const ChatPageQuerySchema = z.object({
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const TeamIdParamSchema = z.object({ teamId: z.coerce.number().int().positive().max(2_147_483_647) });

export const SupportHandledSchema = z.object({ handled: z.boolean({ error: 'must be true or false' }) });

export type ChatSend = z.infer<typeof ChatSendSchema>;
export type ChatPageQuery = z.infer<typeof ChatPageQuerySchema>;
