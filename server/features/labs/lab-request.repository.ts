import type { Db } from '../../db/transaction.ts';
import type { LabRequestLogEntry } from './labs.routes.ts';

/** One line of the lab request log facilitators read (cut to the columns' sizes). */
export async function insertLabRequest(db: Db, entry: LabRequestLogEntry): Promise<void> {
  await db
    .insertInto('lab_request')
    .values({
      team_id: entry.teamId,
      lab: entry.lab,
      method: entry.method,
      path: entry.path.slice(0, 500),
      status: entry.status,
      service: entry.service?.slice(0, 64) ?? null,
      operation: entry.operation?.slice(0, 128) ?? null,
      error_code: entry.errorCode?.slice(0, 128) ?? null,
      created_at: entry.at,
    })
    .execute();
}
