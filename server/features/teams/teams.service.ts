import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import { newCode, newSessionToken, hashToken, secretEquals } from '../auth/tokens.ts';
import * as authRepository from '../auth/auth.repository.ts';
import type { EventService } from '../event/event.service.ts';
import * as teamsRepository from './teams.repository.ts';
import type { PlayerDto, TeamDto } from './teams.schema.ts';
import type { PlayerRow, TeamRow } from '../../db/database.ts';
import { afterCommit, type Trx } from '../../db/transaction.ts';
import type { SessionCache } from '../../http/session-cache.ts';
import type { TeamChangedPayload } from '../../realtime/events.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';

const SESSION_MS = 7 * 24 * 3600 * 1000;

export function playerRowToDto(row: Pick<PlayerRow, 'id' | 'display_name' | 'language' | 'team_id'>): PlayerDto {
  return { id: row.id, displayName: row.display_name, language: row.language, teamId: row.team_id };
}

export function newLabToken(): string {
  return `jam_${randomBytes(24).toString('base64url')}`;
}

/** Joining the event, teams and their membership. */
export class TeamsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    /** Forgotten for a player once a change to their team, name or language committed. */
    private readonly sessions?: SessionCache,
  ) {}

  /** Joining the event and forming teams close when it ends (results stay readable). */
  requireJoinable(): void {
    if (this.events.publicView().state === 'ended') throw new DomainError('event_ended', 'the event has ended; joining is closed');
  }

  /** Checks the event code (constant time), creates the player and a session. */
  async join(input: { eventCode: string; displayName: string; language: 'en' | 'ja' }): Promise<{ player: PlayerDto; token: string }> {
    if (!secretEquals(input.eventCode.trim().toUpperCase(), this.ctx.secrets.eventCode.toUpperCase())) {
      throw new DomainError('invalid_input', 'eventCode: this event code is not valid', { field: 'eventCode' });
    }
    this.requireJoinable();
    const token = newSessionToken();
    const player = await this.ctx.database.transaction(async (trx) => {
      const row = await teamsRepository.insertPlayer(trx, input);
      await authRepository.insertSession(trx, {
        idHash: hashToken(token),
        playerId: row.id,
        expiresAt: new Date(this.ctx.now().getTime() + SESSION_MS),
      });
      return row;
    });
    return { player: playerRowToDto(player), token };
  }

  async updatePlayer(playerId: number, patch: { displayName?: string | undefined; language?: 'en' | 'ja' | undefined }): Promise<PlayerDto> {
    const row = await teamsRepository.updatePlayer(this.ctx.db, playerId, {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.language !== undefined && { language: patch.language }),
    });
    this.sessions?.forgetPlayer(playerId);
    return playerRowToDto(row);
  }

  async createTeam(playerId: number, name: string): Promise<TeamDto> {
    this.requireJoinable();
    const teamId = await this.ctx.database.transaction(async (trx) => {
      const player = await teamsRepository.lockPlayer(trx, playerId);
      if (player.team_id !== null) throw new DomainError('already_in_team', 'leave your current team first');
      const team = await teamsRepository.insertTeam(trx, { name, joinCode: newCode(6), labToken: newLabToken(), ownerPlayerId: playerId });
      if (!team) throw new DomainError('name_taken', `name: the team name "${name}" is taken`, { field: 'name' });
      await teamsRepository.setPlayerTeam(trx, playerId, team.id);
      await publish(
        trx,
        { type: 'team', scope: 'team', teamId: team.id, payload: { teamId: team.id, reason: 'joined', playerId } },
        { type: 'scores', scope: 'public', payload: { teamIds: [team.id], reason: 'team.created' } },
      );
      return team.id;
    });
    this.sessions?.forgetPlayer(playerId);
    return this.getTeam(teamId);
  }

  async joinTeam(playerId: number, joinCode: string): Promise<TeamDto> {
    this.requireJoinable();
    const teamId = await this.ctx.database.transaction(async (trx) => {
      const player = await teamsRepository.lockPlayer(trx, playerId);
      const team = await teamsRepository.findTeamByJoinCodeForUpdate(trx, joinCode);
      if (!team) throw new DomainError('not_found', 'joinCode: no team has this join code', { field: 'joinCode' });
      if (player.team_id === team.id) return team.id;
      if (player.team_id !== null) throw new DomainError('already_in_team', 'leave your current team first');
      const members = await teamsRepository.countMembers(trx, team.id);
      if (members >= this.events.current().maxTeamSize) throw new DomainError('team_full', `this team already has ${members} members`);
      await teamsRepository.setPlayerTeam(trx, playerId, team.id);
      if (team.owner_player_id === null) await teamsRepository.updateTeam(trx, team.id, { owner_player_id: playerId });
      await publish(trx, {
        type: 'team',
        scope: 'team',
        teamId: team.id,
        payload: { teamId: team.id, reason: 'joined', playerId, playerName: player.display_name },
      });
      return team.id;
    });
    this.sessions?.forgetPlayer(playerId);
    return this.getTeam(teamId);
  }

  async leaveTeam(playerId: number): Promise<void> {
    await this.ctx.database.transaction(async (trx) => {
      const player = await teamsRepository.lockPlayer(trx, playerId);
      if (player.team_id === null) throw new DomainError('not_in_team', 'you are not in a team');
      await this.removeMember(trx, player.team_id, playerId, 'left');
    });
  }

  /** Once `trx` has committed, this instance forgets these players' cached sessions (their team changed). */
  forgetOnCommit(trx: Trx, playerIds: readonly number[]): void {
    afterCommit(trx, () => {
      for (const id of playerIds) this.sessions?.forgetPlayer(id);
    });
  }

  /**
   * Takes a player out of a team; ownership passes to the longest-standing member left.
   * Runs in the caller's transaction. Once it has committed, this instance forgets the
   * player's cached session at once (other instances follow the `team` event).
   */
  async removeMember(
    trx: Trx,
    teamId: number,
    playerId: number,
    reason: 'left' | 'removed',
    extra: Pick<TeamChangedPayload, 'playerName' | 'via'> = {},
  ): Promise<void> {
    afterCommit(trx, () => this.sessions?.forgetPlayer(playerId));
    const team = await teamsRepository.lockTeam(trx, teamId);
    if (!team) throw new DomainError('not_found', 'no such team');
    await teamsRepository.setPlayerTeam(trx, playerId, null);
    if (team.owner_player_id === playerId) {
      const next = (await teamsRepository.listMembers(trx, teamId))[0];
      await teamsRepository.updateTeam(trx, teamId, { owner_player_id: next?.id ?? null });
    }
    await publish(trx, { type: 'team', scope: 'team', teamId, payload: { teamId, reason, playerId, ...extra } });
  }

  /** A player renames their own team (as its owner, unless the name is locked); staff any team. */
  async renameTeam(playerId: number, teamId: number, name: string, staff?: AuditActor): Promise<TeamDto> {
    await this.ctx.database.transaction(async (trx) => {
      const team = await teamsRepository.lockTeam(trx, teamId);
      if (!team) throw new DomainError('not_found', 'no such team');
      if (!staff && team.owner_player_id !== playerId) throw new DomainError('forbidden', 'only the team owner can rename the team');
      if (!staff && team.name_locked) throw new DomainError('name_locked', 'a facilitator locked this team’s name');
      if (await teamsRepository.isTeamNameTaken(trx, name, teamId))
        throw new DomainError('name_taken', `name: the team name "${name}" is taken`, { field: 'name' });
      await teamsRepository.updateTeam(trx, teamId, { name });
      await publish(
        trx,
        { type: 'team', scope: 'team', teamId, payload: { teamId, reason: 'renamed' } },
        { type: 'scores', scope: 'public', payload: { teamIds: [teamId], reason: 'team.renamed' } },
      );
      if (staff) await insertAudit(trx, staff, { action: 'team.rename', target: String(teamId), details: { from: team.name, name } });
    });
    return this.getTeam(teamId);
  }

  async rotateLabToken(teamId: number): Promise<TeamDto> {
    await teamsRepository.updateTeam(this.ctx.db, teamId, { lab_token: newLabToken() });
    return this.getTeam(teamId);
  }

  async getTeam(teamId: number): Promise<TeamDto> {
    const team = await teamsRepository.findTeam(this.ctx.db, teamId);
    if (!team) throw new DomainError('not_found', 'no such team');
    const members = await teamsRepository.listMembers(this.ctx.db, teamId);
    return teamRowToDto(team, members, this.events.current().maxTeamSize);
  }

  async findTeamIdByLabToken(token: string): Promise<number | undefined> {
    return (await teamsRepository.findTeamByLabToken(this.ctx.db, token))?.id;
  }
}

export function teamRowToDto(team: TeamRow, members: { id: number; display_name: string; language: 'en' | 'ja' }[], maxSize: number): TeamDto {
  return {
    id: team.id,
    name: team.name,
    joinCode: team.join_code,
    ownerPlayerId: team.owner_player_id,
    members: members.map((m) => ({ id: m.id, displayName: m.display_name, language: m.language, owner: m.id === team.owner_player_id })),
    maxSize,
    nameLocked: team.name_locked,
    goal: team.goal,
    labToken: team.lab_token,
    score: team.score,
    solvedTasks: team.solved_tasks,
    disqualified: team.disqualified,
  };
}
