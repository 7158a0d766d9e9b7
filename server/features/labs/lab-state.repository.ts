import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function findState(db: Db, teamId: number, lab: string) {
  return db.selectFrom('lab_state').select(['state', 'version', 'resets']).where('team_id', '=', teamId).where('lab', '=', lab).executeTakeFirst();
}

/** The row under a lock held until the transaction ends: writers of one team's lab take turns. */
export async function lockState(trx: Transaction<Database>, teamId: number, lab: string) {
  return trx.selectFrom('lab_state').select(['state', 'version', 'resets']).where('team_id', '=', teamId).where('lab', '=', lab).forUpdate().executeTakeFirst();
}

/** Creates the starting state unless another request just did. */
export async function insertState(db: Db, teamId: number, lab: string, state: string, at: Date): Promise<void> {
  await db
    .insertInto('lab_state')
    .values({ team_id: teamId, lab, state, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['team_id', 'lab']).doNothing())
    .execute();
}

export async function writeState(db: Db, teamId: number, lab: string, state: string, at: Date): Promise<void> {
  await db
    .updateTable('lab_state')
    .set((eb) => ({ state, version: eb('version', '+', 1), updated_at: at }))
    .where('team_id', '=', teamId)
    .where('lab', '=', lab)
    .execute();
}

/** Back to the starting state, counted: facilitators see how often a team restarted. */
export async function resetState(db: Db, teamId: number, lab: string, state: string, at: Date): Promise<number> {
  const row = await db
    .insertInto('lab_state')
    .values({ team_id: teamId, lab, state, resets: 1, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['team_id', 'lab']).doUpdateSet((eb) => ({
        state,
        version: eb('lab_state.version', '+', 1),
        resets: eb('lab_state.resets', '+', 1),
        updated_at: at,
      })),
    )
    .returning('resets')
    .executeTakeFirstOrThrow();
  return Number(row.resets);
}

/** Resets per team and lab, for the admin team view and the export. */
export async function listResets(db: Db, teamId?: number) {
  let q = db.selectFrom('lab_state').select(['team_id', 'lab', 'resets']).where('resets', '>', 0);
  if (teamId !== undefined) q = q.where('team_id', '=', teamId);
  const rows = await q.orderBy('team_id').orderBy('lab').execute();
  return rows.map((r) => ({ teamId: r.team_id, lab: r.lab, resets: Number(r.resets) }));
}

export async function findLabToken(db: Db, teamId: number): Promise<string | undefined> {
  return (await db.selectFrom('team').select('lab_token').where('id', '=', teamId).executeTakeFirst())?.lab_token;
}
