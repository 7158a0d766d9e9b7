import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Goal } from '../../db/database.ts';
import { DEFAULT_GOAL, DEFAULT_SKILL, type OpenTeam } from './formation.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Teams formed for a goal that have a free seat, with their members' average skill. */
export async function openGoalTeams(db: Db, cap: number, goal?: Goal): Promise<OpenTeam[]> {
  const rows = await db
    .selectFrom('team')
    .select(['id', 'goal', 'members', 'skill_total'])
    .where('goal', 'is not', null)
    .$if(goal !== undefined, (q) => q.where('goal', '=', goal as Goal))
    .where('members', '<', cap)
    .where('disqualified', '=', false)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, goal: r.goal, members: r.members, averageSkill: r.members > 0 ? r.skill_total / r.members : DEFAULT_SKILL }));
}

export async function lockPlayer(db: Transaction<Database>, playerId: number) {
  return db.selectFrom('player').select(['id', 'team_id', 'display_name', 'skill', 'goal']).where('id', '=', playerId).forNoKeyUpdate().executeTakeFirst();
}

/**
 * Up to `limit` players without a team, locked for an assignment, passing over those another
 * transaction holds (they are joining or matching right now). `skill` order keeps like skills
 * in one batch (similar); `arrival` mixes them (balanced).
 */
export async function lockUnplacedPlayers(db: Transaction<Database>, limit: number, order: 'skill' | 'arrival') {
  return db
    .selectFrom('player')
    .select(['id', 'display_name', 'skill', 'goal'])
    .where('team_id', 'is', null)
    .$if(order === 'skill', (q) => q.orderBy(sql`coalesce(goal, ${DEFAULT_GOAL})`).orderBy(sql`coalesce(skill, ${DEFAULT_SKILL})`))
    .orderBy('id')
    .limit(limit)
    .forNoKeyUpdate()
    .skipLocked()
    .execute();
}

export async function listUnplacedPlayers(db: Db) {
  return db.selectFrom('player').select(['id', 'display_name', 'skill', 'goal']).where('team_id', 'is', null).orderBy('id').execute();
}

/** Locks one team; with `skip`, undefined when another transaction holds it. */
export async function lockTeam(db: Transaction<Database>, id: number, mode: 'wait' | 'skip') {
  const query = db.selectFrom('team').select(['id', 'name', 'owner_player_id', 'goal', 'disqualified']).where('id', '=', id).forNoKeyUpdate();
  return (mode === 'skip' ? query.skipLocked() : query).executeTakeFirst();
}

/**
 * Locks teams in id order (two moves in opposite directions then cannot deadlock); `skip`
 * passes over teams another transaction holds.
 */
export async function lockTeams(db: Transaction<Database>, ids: number[], mode: 'wait' | 'skip' = 'wait') {
  if (ids.length === 0) return [];
  const query = db.selectFrom('team').select(['id', 'name', 'owner_player_id', 'goal', 'disqualified']).where('id', 'in', ids).orderBy('id').forNoKeyUpdate();
  return (mode === 'skip' ? query.skipLocked() : query).execute();
}

export async function countMembers(db: Db, teamId: number): Promise<number> {
  const row = await db
    .selectFrom('player')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', teamId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setPlayerProfile(db: Db, playerId: number, values: { skill: number; goal: Goal }) {
  await db.updateTable('player').set(values).where('id', '=', playerId).execute();
}

/** Puts many players into teams in one statement (the cap trigger still checks each row). */
export async function placePlayers(db: Db, placements: Array<{ playerId: number; teamId: number }>) {
  if (placements.length === 0) return;
  const values = sql.join(placements.map((p) => sql`(${p.playerId}::int, ${p.teamId}::int)`));
  await sql`update player set team_id = v.team_id from (values ${values}) as v(player_id, team_id) where player.id = v.player_id`.execute(db);
}

/** Gives teams that have none the first member placed into them. */
export async function fillOwners(db: Db, teamIds: number[]) {
  if (teamIds.length === 0) return;
  await sql`
    update team set owner_player_id = (select min(p.id) from player p where p.team_id = team.id)
    where team.id in (${sql.join(teamIds)}) and team.owner_player_id is null
  `.execute(db);
}

export async function teamNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('team').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function setNameLocked(db: Transaction<Database>, teamId: number, locked: boolean) {
  return db.updateTable('team').set({ name_locked: locked }).where('id', '=', teamId).returning(['id', 'name', 'name_locked']).executeTakeFirst();
}

/** Serialises matchers of one goal while they decide to start a new team. */
export async function lockGoal(db: Transaction<Database>, goal: Goal) {
  await sql`select pg_advisory_xact_lock(${goal === 'win' ? 720_002 : 720_001})`.execute(db);
}

/** The savepoint around one try of a matcher (formation.service.ts `joinBest`). */
export async function savepoint(trx: Transaction<Database>, step: 'set' | 'release' | 'rollback'): Promise<void> {
  const statement = { set: sql`savepoint match_try`, release: sql`release savepoint match_try`, rollback: sql`rollback to savepoint match_try` }[step];
  await statement.execute(trx);
}
