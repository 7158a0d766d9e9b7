import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { ChallengeDefinition } from './challenge.ts';

type Db = Kysely<Database> | Transaction<Database>;

export async function listChallengeRows(db: Db) {
  return db.selectFrom('challenge').selectAll().orderBy('position').orderBy('id').execute();
}

export async function listTaskRows(db: Db) {
  return db.selectFrom('task').selectAll().orderBy('challenge_id').orderBy('position').execute();
}

export async function listClueRows(db: Db) {
  return db.selectFrom('clue').selectAll().orderBy('challenge_id').orderBy('task_id').orderBy('idx').execute();
}

export async function findHashes(db: Db): Promise<Map<string, { hash: string; hidden: boolean; position: number }>> {
  const rows = await db.selectFrom('challenge').select(['id', 'content_hash', 'hidden', 'position']).execute();
  return new Map(rows.map((r) => [r.id, { hash: r.content_hash, hidden: r.hidden, position: r.position }]));
}

/** Writes one challenge and its tasks and clues; tasks gone from the file are hidden, never deleted. */
export async function upsertChallenge(db: Transaction<Database>, def: ChallengeDefinition, hash: string, position: number, now: Date) {
  await db
    .insertInto('challenge')
    .values({
      id: def.id,
      position,
      title: JSON.stringify(def.title),
      category: def.category,
      difficulty: def.difficulty,
      source: def.source,
      summary: JSON.stringify(def.summary),
      briefing: JSON.stringify(def.briefing),
      tags: JSON.stringify(def.tags),
      content_hash: hash,
      hidden: false,
      held: def.hidden === true,
      unlock: def.unlock ? JSON.stringify(def.unlock) : null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        position: eb.ref('excluded.position'),
        title: eb.ref('excluded.title'),
        category: eb.ref('excluded.category'),
        difficulty: eb.ref('excluded.difficulty'),
        source: eb.ref('excluded.source'),
        summary: eb.ref('excluded.summary'),
        briefing: eb.ref('excluded.briefing'),
        tags: eb.ref('excluded.tags'),
        content_hash: eb.ref('excluded.content_hash'),
        hidden: false,
        held: eb.ref('excluded.held'),
        unlock: eb.ref('excluded.unlock'),
        updated_at: now,
      })),
    )
    .execute();

  await db.updateTable('task').set({ hidden: true }).where('challenge_id', '=', def.id).execute();
  for (const [position, task] of def.tasks.entries()) {
    await db
      .insertInto('task')
      .values({
        challenge_id: def.id,
        id: task.id,
        position,
        title: JSON.stringify(task.title),
        prompt: JSON.stringify(task.prompt),
        points: task.points,
        answer: JSON.stringify(task.answer),
        debrief: JSON.stringify(task.debrief),
        hidden: false,
        attempts: task.attempts ?? null,
        wrong_penalty: task.wrongPenalty ?? 0,
      })
      .onConflict((oc) =>
        oc.columns(['challenge_id', 'id']).doUpdateSet((eb) => ({
          position: eb.ref('excluded.position'),
          title: eb.ref('excluded.title'),
          prompt: eb.ref('excluded.prompt'),
          points: eb.ref('excluded.points'),
          answer: eb.ref('excluded.answer'),
          debrief: eb.ref('excluded.debrief'),
          hidden: false,
          attempts: eb.ref('excluded.attempts'),
          wrong_penalty: eb.ref('excluded.wrong_penalty'),
        })),
      )
      .execute();
    for (const clue of task.clues) {
      await db
        .insertInto('clue')
        .values({
          challenge_id: def.id,
          task_id: task.id,
          idx: clue.index,
          text: JSON.stringify(clue.text),
          penalty: clue.penalty,
          release_after_minutes: clue.releaseAfterMinutes ?? null,
        })
        .onConflict((oc) =>
          oc.columns(['challenge_id', 'task_id', 'idx']).doUpdateSet((eb) => ({
            text: eb.ref('excluded.text'),
            penalty: eb.ref('excluded.penalty'),
            release_after_minutes: eb.ref('excluded.release_after_minutes'),
          })),
        )
        .execute();
    }
    // Clues dropped from the file go, unless a team already unlocked them (kept for the record).
    await db
      .deleteFrom('clue')
      .where('challenge_id', '=', def.id)
      .where('task_id', '=', task.id)
      .where('idx', '>', task.clues.length)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('clue_unlock as u')
              .select('u.idx')
              .whereRef('u.challenge_id', '=', 'clue.challenge_id')
              .whereRef('u.task_id', '=', 'clue.task_id')
              .whereRef('u.idx', '=', 'clue.idx'),
          ),
        ),
      )
      .execute();
  }
}

export async function hideChallenges(db: Transaction<Database>, ids: string[]) {
  if (ids.length === 0) return;
  await db.updateTable('challenge').set({ hidden: true }).where('id', 'in', ids).execute();
}

export async function setPosition(db: Transaction<Database>, id: string, position: number) {
  await db.updateTable('challenge').set({ position }).where('id', '=', id).execute();
}

/** An admin put a held (`hidden: true`) challenge in play; false when it was not held or already released. */
export async function releaseChallenge(db: Transaction<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('challenge')
    .set({ released_at: at })
    .where('id', '=', id)
    .where('held', '=', true)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** An admin opened a locked challenge for every team; false when it has no rule or is already open. */
export async function openChallenge(db: Transaction<Database>, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('challenge')
    .set({ opened_at: at })
    .where('id', '=', id)
    .where('unlock', 'is not', null)
    .where('opened_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
