import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { DatabaseHandle } from './db/open.ts';
import type { Logger } from './logger.ts';
import type { Secrets } from './secrets.ts';
import type { EventBus } from './realtime/bus.ts';

/** What every feature may use: built once in main.ts (or a test) and passed to createApp. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Kysely<Database>;
  logger: Logger;
  secrets: Secrets;
  bus: EventBus;
  now: () => Date;
}
