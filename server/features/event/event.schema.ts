import { z } from 'zod';

const challengeId = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a challenge id');

export const EventSettingsPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    durationMinutes: z.number().int().min(1).max(10080).optional(),
    freezeMinutes: z.number().int().min(0).max(10080).optional(),
    maxTeamSize: z.number().int().min(1).max(20).optional(),
    attemptsPerMinute: z.number().int().min(1).max(1000).optional(),
    penaltyMode: z.enum(['on-solve', 'immediate']).optional(),
    inPlay: z.array(challengeId).max(500).nullable().optional(),
    warmUp: z.array(challengeId).max(50).optional(),
    screenLanguage: z.enum(['en', 'ja', 'both'], { error: 'must be en, ja or both' }).nullable().optional(),
    /** The results sequence on the screens: 0 (title) to 5 (the final podium); null hands pacing back to the screens. */
    finaleStep: z.number().int().min(0).max(5).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give at least one setting to change' });
export type EventSettingsPatch = z.infer<typeof EventSettingsPatchSchema>;

/** What a facilitator may set: the screens' language and the step of the results. */
export const ScreenSettingsPatchSchema = z
  .strictObject({
    screenLanguage: EventSettingsPatchSchema.shape.screenLanguage,
    finaleStep: EventSettingsPatchSchema.shape.finaleStep,
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'give screenLanguage or finaleStep' });

export const EventActionParamSchema = z.object({
  action: z.enum(['start', 'pause', 'resume', 'end', 'freeze', 'unfreeze', 'reveal', 'extend']),
});

const EXTEND_MINUTES = 'give a whole number of minutes from 1 to 10080';
/** The body of a clock action: `extend` needs `minutes`, the others take none (`{}` or no body). */
export const EventActionBodySchema = z.strictObject({
  minutes: z.number({ error: EXTEND_MINUTES }).int(EXTEND_MINUTES).min(1, EXTEND_MINUTES).max(10080, EXTEND_MINUTES).optional(),
});

/** The rehearsal is over: typing the event's name confirms; optionally a new event code. */
export const EventResetSchema = z.strictObject({
  confirm: z.string({ error: 'type the event name to confirm' }).max(200),
  newEventCode: z.boolean({ error: 'must be true or false' }).default(false),
});
export type EventReset = z.infer<typeof EventResetSchema>;
