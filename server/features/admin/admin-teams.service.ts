import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { EventService } from '../event/event.service.ts';
import * as totalsRepository from '../scoreboard/totals.repository.ts';
import * as teamsRepository from '../teams/teams.repository.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import type { TeamDto } from '../teams/teams.schema.ts';
import * as labStateRepository from '../labs/lab-state.repository.ts';
import * as adminRepository from './admin.repository.ts';
import type { AdjustmentCreate, AdjustmentDto, AdminMemberDto, AdminTeamDto } from './admin.schema.ts';
import { groupBy, penaltyFacts, penaltyTotals, standings } from './standings.ts';
import { insertAudit, type AuditActor } from '../audit/audit.repository.ts';

type AdjustmentRow = Awaited<ReturnType<typeof adminRepository.listAdjustments>>[number];

export function adjustmentRowToDto(row: AdjustmentRow): AdjustmentDto {
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    points: row.points,
    reason: row.reason,
    createdBy: row.created_by,
    at: row.created_at.toISOString(),
  };
}

/**
 * What a facilitator does to teams: the overview, renames, removing a player, disqualifying,
 * and score adjustments. Every change is audited in the transaction that makes it, and
 * anything that moves the board appends a `scores` event there too.
 */
export class AdminTeamsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
    private readonly teams: TeamsService,
  ) {}

  async list(): Promise<{ teams: AdminTeamDto[]; totalTasks: number }> {
    const db = this.ctx.db;
    const [teams, members, solves, unlocks, wrongs, adjustments, labResets] = await Promise.all([
      adminRepository.listTeams(db),
      adminRepository.listMembers(db),
      adminRepository.listSolves(db),
      adminRepository.listUnlocks(db),
      adminRepository.listWrongAttempts(db),
      adminRepository.adjustmentTotals(db),
      labStateRepository.listResets(db),
    ]);
    const resetsBy = groupBy(labResets, (r) => r.teamId);
    const membersByTeam = groupBy(members, (m) => m.team_id as number);
    const penalties = penaltyTotals(...penaltyFacts(solves, unlocks, wrongs), this.events.current().penaltyMode);
    const solvedKeys = new Set(solves.map((s) => `${s.team_id}\u0000${s.challenge_id}\u0000${s.task_id}`));
    const inPlay = this.challenges.inPlay();
    const ranked = standings(teams.map((t) => ({ ...t, scoreReachedAt: t.score_at, solvedTasks: t.solved_tasks, lastSolveAt: t.last_solve_at })));
    return {
      totalTasks: this.challenges.totalTasks(),
      teams: ranked.map((t) => ({
        id: t.id,
        name: t.name,
        joinCode: t.join_code,
        ownerPlayerId: t.owner_player_id,
        createdAt: t.created_at.toISOString(),
        members: (membersByTeam.get(t.id) ?? []).map((m): AdminMemberDto => ({ id: m.id, displayName: m.display_name, language: m.language })),
        score: t.score,
        rank: t.rank,
        solvedTasks: t.solvedTasks,
        disqualified: t.disqualified,
        nameLocked: t.name_locked,
        goal: t.goal,
        lastSolveAt: t.lastSolveAt?.toISOString() ?? null,
        adjustments: adjustments.get(t.id) ?? 0,
        clues: { used: penalties.get(t.id)?.used ?? 0, penalty: penalties.get(t.id)?.penalty ?? 0 },
        wrong: { attempts: penalties.get(t.id)?.wrongAttempts ?? 0, penalty: penalties.get(t.id)?.wrongPenalty ?? 0 },
        progress: inPlay.map((c) => ({
          challengeId: c.id,
          solved: c.tasks.filter((k) => solvedKeys.has(`${t.id}\u0000${c.id}\u0000${k.id}`)).length,
          total: c.tasks.length,
        })),
        labResets: (resetsBy.get(t.id) ?? []).map((r) => ({ lab: r.lab, resets: r.resets })),
      })),
    };
  }

  async rename(actor: AuditActor, teamId: number, name: string): Promise<TeamDto> {
    // The teams service writes the audit entry itself when acting for staff.
    return this.teams.renameTeam(0, teamId, name, actor);
  }

  async removeMember(actor: AuditActor, teamId: number, playerId: number): Promise<TeamDto> {
    await this.ctx.database.transaction(async (trx) => {
      const player = await adminRepository.lockPlayer(trx, playerId);
      if (!player || player.team_id !== teamId) throw new DomainError('not_found', `player ${playerId} is not a member of team ${teamId}`);
      await this.teams.removeMember(trx, teamId, playerId, 'removed');
      await insertAudit(trx, actor, {
        action: 'team.member.remove',
        target: String(teamId),
        details: { playerId, displayName: player.display_name },
        at: this.ctx.now(),
      });
    });
    return this.teams.getTeam(teamId);
  }

  /** Disqualifies or reinstates; asking for the state a team already has changes nothing. */
  async setDisqualified(actor: AuditActor, teamId: number, disqualified: boolean, reason: string | undefined) {
    const changed = await this.ctx.database.transaction(async (trx) => {
      const team = await teamsRepository.lockTeam(trx, teamId);
      if (!team) throw new DomainError('not_found', `no team ${teamId}`);
      if (team.disqualified === disqualified) return false;
      await adminRepository.setDisqualified(trx, teamId, disqualified);
      const action = disqualified ? 'disqualified' : 'reinstated';
      await insertAudit(trx, actor, {
        action: `team.${action}`,
        target: String(teamId),
        details: { name: team.name, reason: reason ?? null },
        at: this.ctx.now(),
      });
      await publish(
        trx,
        { type: 'team', scope: 'team', teamId, payload: { teamId, reason: action } },
        { type: 'scores', scope: 'public', payload: { teamIds: [teamId], reason: `team.${action}` } },
      );
      return true;
    });
    return { team: await this.teams.getTeam(teamId), changed };
  }

  /**
   * One transaction holding the team row: the adjustment, the running total and the time
   * the team reached its new score (ties break on it), the audit entry and the `scores` event.
   */
  async adjust(actor: AuditActor, teamId: number, input: AdjustmentCreate): Promise<{ adjustment: AdjustmentDto; team: { id: number; score: number } }> {
    const now = this.ctx.now();
    return this.ctx.database.transaction(async (trx) => {
      const team = await teamsRepository.lockTeam(trx, teamId);
      if (!team) throw new DomainError('not_found', `no team ${teamId}`);
      const row = await adminRepository.insertAdjustment(trx, { teamId, points: input.points, reason: input.reason, by: actor.name, at: now });
      await totalsRepository.addToTotals(trx, [{ teamId, delta: input.points, solved: 0, at: now }]);
      await insertAudit(trx, actor, {
        action: 'team.adjust',
        target: String(teamId),
        details: { adjustmentId: row.id, points: input.points, reason: input.reason, scoreBefore: team.score, scoreAfter: team.score + input.points },
        at: now,
      });
      await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [teamId], reason: 'adjustment', asOf: now.toISOString() } });
      await publish(trx, {
        type: 'adjustment',
        scope: 'team',
        teamId,
        payload: { id: row.id, teamId, points: input.points, reason: input.reason, at: now.toISOString() },
      });
      return {
        adjustment: adjustmentRowToDto({ ...row, team_name: team.name }),
        team: { id: teamId, score: team.score + input.points },
      };
    });
  }

  async adjustments(teamId?: number): Promise<AdjustmentDto[]> {
    if (teamId !== undefined && !(await teamsRepository.findTeam(this.ctx.db, teamId))) throw new DomainError('not_found', `no team ${teamId}`);
    return (await adminRepository.listAdjustments(this.ctx.db, teamId)).map(adjustmentRowToDto);
  }
}
