import type { AppContext } from '../../context.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { EventService } from '../event/event.service.ts';
import {
  assessChallenge,
  assessTeam,
  rankChallenges,
  rankTeams,
  RECENT_MS,
  type AttentionChallengeDto,
  type AttentionTeamDto,
  type ChallengeFacts,
  type TeamFacts,
} from './attention.ts';
import * as attentionRepository from './attention.repository.ts';
import * as labStateRepository from '../labs/lab-state.repository.ts';

export interface AttentionDto {
  generatedAt: string;
  teams: AttentionTeamDto[];
  challenges: AttentionChallengeDto[];
}

/** The view a facilitator keeps open: teams most in need of a visit, and challenges that look broken. */
export class AttentionService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
  ) {}

  async view(): Promise<AttentionDto> {
    const now = this.ctx.now();
    const db = this.ctx.db;
    const [teams, activity, solves, support, labResets] = await Promise.all([
      attentionRepository.listTeams(db),
      attentionRepository.activityByTeamAndChallenge(db, new Date(now.getTime() - RECENT_MS)),
      attentionRepository.solvesByTeamAndChallenge(db),
      attentionRepository.supportByTeam(db),
      labStateRepository.listResets(db),
    ]);
    const resetsBy = new Map<number, number>();
    for (const r of labResets) resetsBy.set(r.teamId, (resetsBy.get(r.teamId) ?? 0) + r.resets);
    const inPlay = this.challenges.inPlay();
    const taskCount = new Map(inPlay.map((c) => [c.id, c.tasks.length]));
    const key = (teamId: number, challengeId: string) => `${teamId}\u0000${challengeId}`;
    const solved = new Map(solves.map((s) => [key(s.teamId, s.challengeId), s]));
    const supportBy = new Map(support.map((s) => [s.team_id, s]));
    const activityBy = new Map<number, typeof activity>();
    for (const row of activity) activityBy.set(row.teamId, [...(activityBy.get(row.teamId) ?? []), row]);
    const startedAt = this.events.current().clock.startedAt;

    const teamDtos = teams.map((team) => {
      const rows = activityBy.get(team.id) ?? [];
      const latest = rows.reduce<(typeof rows)[number] | undefined>((best, r) => (!best || r.lastAt > best.lastAt ? r : best), undefined);
      const done = latest
        ? (solved.get(key(team.id, latest.challengeId))?.solved ?? 0) >= (taskCount.get(latest.challengeId) ?? Number.POSITIVE_INFINITY)
        : false;
      const thread = supportBy.get(team.id);
      const since = startedAt && startedAt > team.created_at ? startedAt : team.created_at;
      const facts: TeamFacts = {
        teamId: team.id,
        teamName: team.name,
        members: Number(team.members),
        score: team.score,
        since,
        lastSolveAt: team.last_solve_at,
        current: latest && !done ? { challengeId: latest.challengeId, since: latest.firstAt } : null,
        recentWrong: rows.reduce((sum, r) => sum + r.recentWrong, 0),
        cluesUsed: rows.reduce((sum, r) => sum + r.clues, 0),
        labResets: resetsBy.get(team.id) ?? 0,
        support: thread ? { unread: thread.unread_admin, waitingSince: thread.handled ? null : thread.waiting_since, assignee: thread.assignee } : null,
      };
      return assessTeam(facts, now);
    });

    const challengeDtos = inPlay.map((challenge) => {
      const facts: ChallengeFacts = { challengeId: challenge.id, tasks: challenge.tasks.length, teams: [], wrongAttempts: 0 };
      const touched = new Set<number>();
      for (const row of activity) {
        if (row.challengeId !== challenge.id) continue;
        touched.add(row.teamId);
        const s = solved.get(key(row.teamId, challenge.id));
        facts.teams.push({ firstAt: row.firstAt, solved: s?.solved ?? 0, lastSolveAt: s?.lastAt ?? null });
        facts.wrongAttempts += row.wrong;
      }
      // A team that solved it without a logged answer here (an admin fix) still counts.
      for (const s of solves)
        if (s.challengeId === challenge.id && !touched.has(s.teamId)) facts.teams.push({ firstAt: null, solved: s.solved, lastSolveAt: s.lastAt });
      return assessChallenge(facts, now);
    });

    return { generatedAt: now.toISOString(), teams: rankTeams(teamDtos), challenges: rankChallenges(challengeDtos) };
  }
}
