import { z } from 'zod';
import { ChatTextSchema } from '../chat/chat.schema.ts';

export const AnnouncementCreateSchema = z
  .object({
    /** The text everyone gets when `texts` has nothing in their language. */
    text: ChatTextSchema.optional(),
    /** One text per language; a reader gets theirs, else English, else `text`. */
    texts: z.strictObject({ en: ChatTextSchema.optional(), ja: ChatTextSchema.optional() }).optional(),
    level: z.enum(['info', 'warning'], { error: 'must be info or warning' }),
    /** Absent or null: everyone (players and the screen). */
    teamId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
    /** Clients hide it after this many seconds; absent: until dismissed. */
    dismissAfterSeconds: z.number().int().min(1).max(3600).nullable().optional(),
  })
  .refine((v) => v.text !== undefined || v.texts?.en !== undefined || v.texts?.ja !== undefined, {
    message: 'give a text (or texts.en / texts.ja)',
    path: ['text'],
  });

export const AnnouncementListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type AnnouncementCreate = z.infer<typeof AnnouncementCreateSchema>;
