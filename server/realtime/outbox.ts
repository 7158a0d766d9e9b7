import { type QueryResult, type RawBuilder, sql } from 'kysely';
import { PREPARED } from '../db/prepared.ts';
import { type Db, notifyAfterCommit } from '../db/transaction.ts';
import type { OutboxEvent } from './events.ts';

/** The NOTIFY channel of the outbox: the one name the writer and every listener use. */
export const EVENT_CHANNEL = 'jam_event_log';

/**
 * Appends events to the realtime outbox (`event_log`) inside the caller's transaction: the
 * only writer of that table. A change and its announcement commit or roll back together;
 * once the transaction has committed, one NOTIFY wakes every instance, whose bus reads the
 * new rows from the log (realtime/bus.ts) and relays them to its streams.
 *
 * Call it from a service, in a transaction opened with `ctx.database.transaction`:
 *
 *     await this.ctx.database.transaction(async (trx) => {
 *       await chatRepository.insertMessage(trx, ...);
 *       await publish(trx, { type: 'chat', scope: 'team', teamId, payload });
 *     });
 *
 * Several events go in one statement, and their ids follow the argument order. In a unit
 * of work opened with `ctx.database.autocommit` the events commit with the statement.
 */
export async function publish(db: Db, ...events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await insertEvents(events).execute(db);
  notifyAfterCommit(db, EVENT_CHANNEL);
}

/**
 * `publish`, with the insert as one part of the caller's own statement (a data-modifying
 * CTE), so the caller's rows and their events take one round trip: `statement` receives
 * the insert and builds the rest around it.
 */
export async function publishWith<R>(
  db: Db,
  events: readonly OutboxEvent[],
  statement: (insert: RawBuilder<unknown>) => RawBuilder<R>,
  options: PublishWithOptions = {},
): Promise<QueryResult<R>> {
  const result = await statement(insertEvents(events, options.firstSolvesFrom)).execute(db);
  if (events.length > 0) notifyAfterCommit(db, EVENT_CHANNEL);
  return result;
}

export interface PublishWithOptions {
  /**
   * The name of a CTE of the caller's statement with the first-solve claims that won
   * (`team_id, challenge_id, task_id`): each `solve` event's `firstSolve` is then set from it,
   * since only the claim's insert, in that same statement, knows.
   */
  firstSolvesFrom?: string;
}

/** The one statement that writes event_log; ids follow the array order. */
function insertEvents(events: readonly OutboxEvent[], firstSolvesFrom?: string): RawBuilder<unknown> {
  // One JSON document for the whole batch: cheaper to send and to parse than an array of texts.
  const rows = JSON.stringify(
    events.map((e) => ({ type: e.type, scope: e.scope, team_id: e.scope === 'team' ? e.teamId : (e.teamId ?? null), payload: e.payload })),
  );
  const payload =
    firstSolvesFrom === undefined
      ? sql`payload`
      : sql`case when type = 'solve' then jsonb_set(payload, '{firstSolve}', to_jsonb(exists(
          select 1 from ${sql.table(firstSolvesFrom)} f
          where f.team_id = v.team_id and f.challenge_id = v.payload->>'challengeId' and f.task_id = v.payload->>'taskId'))) else payload end`;
  return sql`${sql.raw(PREPARED)}
    insert into event_log (type, scope, team_id, payload)
    select type, scope, team_id, ${payload}
    from rows from (jsonb_to_recordset(${rows}::jsonb) as (type text, scope text, team_id int, payload jsonb)) with ordinality as v(type, scope, team_id, payload, n)
    order by n`;
}
