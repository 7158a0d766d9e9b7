import { z } from 'zod';
import { ChatTextSchema } from '../chat/chat.schema.ts';

export const AnnouncementCreateSchema = z.object({
  text: ChatTextSchema,
  level: z.enum(['info', 'warning'], { error: 'must be info or warning' }),
  /** Absent or null: everyone (players and the screen). */
  teamId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  /** Clients hide it after this many seconds; absent: until dismissed. */
  dismissAfterSeconds: z.number().int().min(1).max(3600).nullable().optional(),
});

export const AnnouncementListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type AnnouncementCreate = z.infer<typeof AnnouncementCreateSchema>;
