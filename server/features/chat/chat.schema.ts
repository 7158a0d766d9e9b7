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

/** A player's support message may say which challenge they are on (the thread shows it). */
export const SupportSendSchema = z.object({
  text: ChatTextSchema,
  challengeId: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/, 'must be a challenge id')
    .optional(),
});

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

/** Hand a thread to a colleague, with a note for them. */
export const SupportHandedSchema = z.strictObject({
  staffId: z.number({ error: 'must be a staff id' }).int('must be a staff id').min(1, 'must be a staff id').max(2_147_483_647, 'is too large'),
  note: z
    .string({ error: 'must be a string' })
    .transform((v) => v.trim())
    .pipe(z.string().max(500, 'must be at most 500 characters'))
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export type ChatSend = z.infer<typeof ChatSendSchema>;
export type ChatPageQuery = z.infer<typeof ChatPageQuerySchema>;
