import type { Migration } from 'kysely';
import * as initialSchema from './2026_11_21_120000_initial_schema.ts';
import * as notifyAfterCommit from './2026_11_22_120000_notify_after_commit.ts';
import * as outboxNotifies from './2026_12_04_100000_outbox_notifies.ts';
import * as labState from './2026_12_04_110000_lab_state.ts';
import * as fairPlayRules from './2026_12_04_130000_fair_play_rules.ts';
import * as staffAndFormation from './2026_12_04_120000_staff_and_formation.ts';
import * as announcementTexts from './2026_12_04_140000_announcement_texts.ts';
import * as fairPlayEnforcement from './2026_12_04_180000_fair_play_enforcement.ts';

/**
 * Every migration, by name (names sort in the order they apply). Imported statically so
 * the same list works under tsx, Vitest and a bundler; add each new file here.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_21_120000_initial_schema': initialSchema,
  '2026_11_22_120000_notify_after_commit': notifyAfterCommit,
  '2026_12_04_100000_outbox_notifies': outboxNotifies,
  '2026_12_04_110000_lab_state': labState,
  '2026_12_04_130000_fair_play_rules': fairPlayRules,
  '2026_12_04_120000_staff_and_formation': staffAndFormation,
  '2026_12_04_140000_announcement_texts': announcementTexts,
  '2026_12_04_180000_fair_play_enforcement': fairPlayEnforcement,
};
