import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database, Goal } from '../../db/database.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { OutboxEvent } from '../../realtime/events.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';
import { newCode } from '../auth/tokens.ts';
import type { EventService } from '../event/event.service.ts';
import { DEFAULT_GOAL, DEFAULT_SKILL, planAssignment, rankMatchCandidates, type AssignMode } from './formation.ts';
import * as formationRepository from './formation.repository.ts';
import * as teamsRepository from './teams.repository.ts';
import type { TeamsService } from './teams.service.ts';
import { newLabToken } from './teams.service.ts';
import type { AssignmentPreviewDto, TeamDto } from './teams.schema.ts';

/** Names for teams the server forms; a taken one gets a short code after it. */
const TEAM_WORDS = [
  'Kumo',
  'Sora',
  'Umi',
  'Yama',
  'Hoshi',
  'Kaze',
  'Mori',
  'Nami',
  'Hikari',
  'Tsuki',
  'Aurora',
  'Comet',
  'Nimbus',
  'Harbor',
  'Summit',
  'Beacon',
  'Falcon',
  'Orbit',
  'Meteor',
  'Cedar',
  'Maple',
  'Willow',
  'Ember',
  'Glacier',
  'Canyon',
  'Delta',
  'Lagoon',
  'Prairie',
  'Tundra',
  'Zenith',
];
/** How often a matcher re-reads the candidates after those it tried filled up meanwhile. */
const MATCH_TRIES = 10;
/** How many of the best-ranked teams a matcher tries per read. */
const MATCH_CANDIDATES = 5;
/** Players an assignment places per transaction. */
const ASSIGN_BATCH = 200;

type PlacedPlayer = { id: number; display_name: string; skill: number | null; goal: Goal | null };

/** Turns the cap trigger's refusal into the same error the services raise themselves. */
function isCapViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '23514' && typeof e.message === 'string' && e.message.startsWith('team_full');
}

/**
 * Forming teams: "match me to a team" for a player alone, a facilitator's assignment of
 * everyone still without a team (previewed first), moving a player, and locking a name.
 * The size cap is checked under the team's row lock here and held again by the database
 * (the `player_team_cap` trigger), so a start burst cannot overfill a team.
 */
export class FormationService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly teams: TeamsService,
  ) {}

  async match(playerId: number, input: { skill: number; goal: Goal }): Promise<TeamDto> {
    this.teams.requireJoinable();
    const cap = this.events.current().maxTeamSize;
    const teamId = await this.capErrors(() =>
      this.ctx.database.transaction(async (trx) => {
        const player = await formationRepository.lockPlayer(trx, playerId);
        if (!player) throw new DomainError('not_found', 'no such player');
        if (player.team_id !== null) throw new DomainError('already_in_team', 'leave your current team first');
        await formationRepository.setPlayerProfile(trx, playerId, input);
        let teamId = await this.joinBest(trx, playerId, input, cap);
        if (teamId === undefined) {
          // Matchers of a goal that found no seat decide one at a time, so a burst fills
          // the team one of them starts instead of each starting their own.
          await formationRepository.lockGoal(trx, input.goal);
          teamId = (await this.joinBest(trx, playerId, input, cap)) ?? (await this.createTeam(trx, input.goal, playerId));
        }
        this.teams.forgetOnCommit(trx, [playerId]);
        await publish(trx, {
          type: 'team',
          scope: 'team',
          teamId,
          payload: { teamId, reason: 'joined', playerId, playerName: player.display_name, via: 'match' },
        });
        return teamId;
      }),
    );
    return this.teams.getTeam(teamId);
  }

  /**
   * Joins the best-ranked team it can lock: a team another matcher is joining right now is
   * passed over for the next best (SKIP LOCKED), so a crowd spreads over the free seats
   * instead of queueing for one; only when every candidate is busy does it wait, for the
   * best. Each try runs under a savepoint, so a team found full is let go before the next is
   * taken: a matcher never waits for one team while holding another.
   */
  private async joinBest(trx: Transaction<Database>, playerId: number, player: { skill: number; goal: Goal }, cap: number): Promise<number | undefined> {
    for (let attempt = 0; attempt < MATCH_TRIES; attempt++) {
      const candidates = rankMatchCandidates(await formationRepository.openGoalTeams(trx, cap, player.goal), player, cap).slice(0, MATCH_CANDIDATES);
      if (candidates.length === 0) return undefined;
      let busy = 0;
      for (const [i, candidate] of candidates.entries()) {
        // The last resort waits: everything before it was busy.
        const wait = i === candidates.length - 1 && busy === i;
        await formationRepository.savepoint(trx, 'set');
        const team = await formationRepository.lockTeam(trx, candidate.id, wait ? 'wait' : 'skip');
        if (!team) busy += 1;
        if (team && !team.disqualified && team.goal === player.goal && (await formationRepository.countMembers(trx, team.id)) < cap) {
          await teamsRepository.setPlayerTeam(trx, playerId, team.id);
          if (team.owner_player_id === null) await teamsRepository.updateTeam(trx, team.id, { owner_player_id: playerId });
          await formationRepository.savepoint(trx, 'release');
          return team.id;
        }
        await formationRepository.savepoint(trx, 'rollback');
      }
    }
    return undefined;
  }

  /**
   * A new team formed by the server, with a name from TEAM_WORDS; `ownerPlayerId` joins it.
   * `announce` false leaves the board's `scores` event to the caller (one for many teams).
   */
  private async createTeam(trx: Transaction<Database>, goal: Goal, ownerPlayerId: number | null, announce = true): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const word = TEAM_WORDS[Math.floor(Math.random() * TEAM_WORDS.length)] as string;
      const name = attempt === 0 ? `Team ${word}` : attempt < 8 ? `${word} ${newCode(3)}` : `Team ${newCode(8)}`;
      const team = await teamsRepository.insertTeam(trx, { name, joinCode: newCode(6), labToken: newLabToken(), ownerPlayerId, goal });
      if (!team) continue;
      if (ownerPlayerId !== null) await teamsRepository.setPlayerTeam(trx, ownerPlayerId, team.id);
      if (announce) await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [team.id], reason: 'team.created' } });
      return team.id;
    }
  }

  async previewAssignment(mode: AssignMode): Promise<AssignmentPreviewDto> {
    const cap = this.events.current().maxTeamSize;
    const [players, open] = await Promise.all([formationRepository.listUnplacedPlayers(this.ctx.db), formationRepository.openGoalTeams(this.ctx.db, cap)]);
    const plan = planAssignment(players, open, cap, mode);
    const names = await formationRepository.teamNames(this.ctx.db, [...new Set(plan.existing.map((p) => p.teamId))]);
    return toPreview(mode, players, open, names, plan, cap);
  }

  /**
   * Places every player still without a team; each is pushed their new team. Works in
   * batches of ASSIGN_BATCH players, each its own short transaction that passes over players
   * busy joining or matching right now (SKIP LOCKED: they are placing themselves), so an
   * assignment in the middle of a start burst never holds the crowd up for long.
   */
  async assign(actor: AuditActor, mode: AssignMode): Promise<AssignmentPreviewDto> {
    const cap = this.events.current().maxTeamSize;
    const players: PlacedPlayer[] = [];
    const placements: Array<{ playerId: number; teamId: number }> = [];
    const before = new Map<number, number>();
    for (;;) {
      const batch = await this.capErrors(() => this.ctx.database.transaction((trx) => this.assignBatch(trx, actor, mode, cap)));
      if (!batch) break;
      players.push(...batch.players);
      placements.push(...batch.placements);
      for (const [teamId, members] of batch.before) if (!before.has(teamId)) before.set(teamId, members);
    }
    const names = await formationRepository.teamNames(this.ctx.db, [...new Set(placements.map((p) => p.teamId))]);
    const open = [...before].map(([id, members]) => ({ id, members }));
    return toPreview(mode, players, open, names, { existing: placements, created: [] }, cap);
  }

  /** One batch of an assignment; undefined when nobody is left to place. */
  private async assignBatch(trx: Transaction<Database>, actor: AuditActor, mode: AssignMode, cap: number) {
    const players = await formationRepository.lockUnplacedPlayers(trx, ASSIGN_BATCH, mode === 'similar' ? 'skill' : 'arrival');
    if (players.length === 0) return undefined;
    const open = await formationRepository.openGoalTeams(trx, cap);
    // Teams a matcher is joining right now are left to it; the rest are counted again under
    // the locks, so the plan never fills a seat taken meanwhile.
    const lockedTeams = await formationRepository.lockTeams(
      trx,
      open.map((t) => t.id),
      'skip',
    );
    const lockedIds = new Set(lockedTeams.map((t) => t.id));
    const seats = (await formationRepository.openGoalTeams(trx, cap)).filter((t) => lockedIds.has(t.id));
    const plan = planAssignment(players, seats, cap, mode);
    const placements = [...plan.existing];
    const createdIds: number[] = [];
    for (const team of plan.created) {
      const teamId = await this.createTeam(trx, team.goal, null, false);
      createdIds.push(teamId);
      for (const playerId of team.playerIds) placements.push({ playerId, teamId });
    }
    await formationRepository.placePlayers(trx, placements);
    this.teams.forgetOnCommit(
      trx,
      placements.map((p) => p.playerId),
    );
    await formationRepository.fillOwners(trx, [...new Set(placements.map((p) => p.teamId))]);
    const names = new Map(players.map((p) => [p.id, p.display_name]));
    await publish(
      trx,
      ...[
        ...placements.map(
          ({ playerId, teamId }): OutboxEvent => ({
            type: 'team',
            scope: 'team',
            teamId,
            payload: { teamId, reason: 'joined', playerId, playerName: names.get(playerId) ?? '', via: 'assign' },
          }),
        ),
        ...(createdIds.length > 0 ? [{ type: 'scores', scope: 'public', payload: { teamIds: createdIds, reason: 'teams.assign' } } satisfies OutboxEvent] : []),
      ],
    );
    await insertAudit(trx, actor, {
      action: 'teams.assign',
      details: { mode, players: placements.length, intoExisting: plan.existing.length, newTeams: plan.created.length },
    });
    return { players, placements, before: new Map(seats.map((t) => [t.id, t.members])) };
  }

  /** Moves a player into another team (out of their current one, if any). */
  async move(actor: AuditActor, playerId: number, teamId: number): Promise<TeamDto> {
    const cap = this.events.current().maxTeamSize;
    await this.capErrors(() =>
      this.ctx.database.transaction(async (trx) => {
        const player = await formationRepository.lockPlayer(trx, playerId);
        if (!player) throw new DomainError('not_found', `no player ${playerId}`);
        if (player.team_id === teamId) return;
        const teams = await formationRepository.lockTeams(trx, player.team_id === null ? [teamId] : [teamId, player.team_id]);
        const target = teams.find((t) => t.id === teamId);
        if (!target) throw new DomainError('not_found', `teamId: no team ${teamId}`, { field: 'teamId' });
        const members = await formationRepository.countMembers(trx, teamId);
        if (members >= cap) throw new DomainError('team_full', `${target.name} already has ${members} members`);
        const from = player.team_id;
        if (from !== null) await this.teams.removeMember(trx, from, playerId, 'removed', { playerName: player.display_name, via: 'move' });
        await teamsRepository.setPlayerTeam(trx, playerId, teamId);
        this.teams.forgetOnCommit(trx, [playerId]);
        if (target.owner_player_id === null) await teamsRepository.updateTeam(trx, teamId, { owner_player_id: playerId });
        await publish(trx, {
          type: 'team',
          scope: 'team',
          teamId,
          payload: { teamId, reason: 'joined', playerId, playerName: player.display_name, via: 'move' },
        });
        await insertAudit(trx, actor, {
          action: 'player.move',
          target: `player:${playerId}`,
          details: { displayName: player.display_name, fromTeamId: from, toTeamId: teamId, toTeam: target.name },
        });
      }),
    );
    return this.teams.getTeam(teamId);
  }

  /** Locks or unlocks a team's name against renames by its players. */
  async lockName(actor: AuditActor, teamId: number, locked: boolean): Promise<TeamDto> {
    await this.ctx.database.transaction(async (trx) => {
      const [team] = await formationRepository.lockTeams(trx, [teamId]);
      if (!team) throw new DomainError('not_found', `no team ${teamId}`);
      await formationRepository.setNameLocked(trx, teamId, locked);
      const reason = locked ? 'name-locked' : 'name-unlocked';
      await insertAudit(trx, actor, { action: `team.${reason}`, target: String(teamId), details: { name: team.name } });
      await publish(trx, { type: 'team', scope: 'team', teamId, payload: { teamId, reason } });
    });
    return this.teams.getTeam(teamId);
  }

  private async capErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isCapViolation(error)) throw new DomainError('team_full', 'that team filled up meanwhile; try again');
      throw error;
    }
  }
}

function toPreview(
  mode: AssignMode,
  players: Array<{ id: number; display_name: string; skill: number | null; goal: Goal | null }>,
  open: Array<{ id: number; members: number }>,
  names: Map<number, string>,
  plan: ReturnType<typeof planAssignment>,
  cap: number,
): AssignmentPreviewDto {
  const byId = new Map(players.map((p) => [p.id, p]));
  const member = (playerId: number) => {
    const p = byId.get(playerId);
    return { id: playerId, displayName: p?.display_name ?? '', skill: p?.skill ?? DEFAULT_SKILL, goal: p?.goal ?? DEFAULT_GOAL };
  };
  const into = new Map<number, number[]>();
  for (const { playerId, teamId } of plan.existing) into.set(teamId, [...(into.get(teamId) ?? []), playerId]);
  const before = new Map(open.map((t) => [t.id, t.members]));
  return {
    mode,
    cap,
    players: players.length,
    teams: [
      ...[...into].map(([teamId, ids]) => ({ teamId, name: names.get(teamId) ?? null, membersBefore: before.get(teamId) ?? 0, joining: ids.map(member) })),
      ...plan.created.map((team) => ({ teamId: null, name: null, membersBefore: 0, joining: team.playerIds.map(member) })),
    ],
  };
}
