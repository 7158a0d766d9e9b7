import type { AppContext } from '../../context.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import { resolveText } from '../challenges/challenge.ts';
import * as adminRepository from './admin.repository.ts';
import type { AuditEntryDto, ClueUsageDto, LabRequestDto, LabRequestQuery, RatingSummaryDto, SubmissionDto, SubmissionQuery } from './admin.schema.ts';
import * as insightsRepository from './insights.repository.ts';

/** A keyset page: `nextBefore` is the `before` for the next (older) page, null at the end. */
export interface Page<T> {
  items: T[];
  nextBefore: number | null;
}

function pageOf<T extends { id: number }>(items: T[], limit: number): Page<T> {
  return { items, nextBefore: items.length === limit ? (items.at(-1)?.id ?? null) : null };
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** A row of the attempt log as the submissions feed shows it (page and live event alike). */
export function submissionRowToDto(r: insightsRepository.SubmissionRow): SubmissionDto {
  return {
    id: Number(r.id),
    teamId: r.team_id,
    teamName: r.team_name,
    playerName: r.player_name,
    challengeId: r.challenge_id,
    taskId: r.task_id,
    answer: r.answer,
    correct: r.correct,
    penalty: r.penalty,
    at: r.created_at.toISOString(),
    flags: r.flags,
  };
}

/** The facilitator's read-only views: submissions, where teams are stuck, ratings, logs. */
export class AdminReportsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly challenges: ChallengeService,
  ) {}

  async submissions(query: SubmissionQuery): Promise<Page<SubmissionDto>> {
    const rows = await insightsRepository.listSubmissions(this.ctx.db, query);
    return pageOf(rows.map(submissionRowToDto), query.limit);
  }

  /** Per task in play, in board order: how many teams tried, solved, and leaned on which clue. */
  async clueUsage(): Promise<ClueUsageDto[]> {
    const db = this.ctx.db;
    const [attempts, solves, unlocks] = await Promise.all([
      insightsRepository.attemptStats(db),
      insightsRepository.solveStats(db),
      insightsRepository.unlockStats(db),
    ]);
    const k = (challengeId: string, taskId: string) => `${challengeId}\u0000${taskId}`;
    const attemptsBy = new Map(attempts.map((a) => [k(a.challengeId, a.taskId), a]));
    const solvesBy = new Map(solves.map((s) => [k(s.challengeId, s.taskId), s]));
    const unlocksBy = new Map(unlocks.map((u) => [`${k(u.challengeId, u.taskId)}\u0000${u.index}`, u.unlocks]));
    return this.challenges.inPlay().flatMap((challenge) =>
      challenge.tasks.map((task): ClueUsageDto => {
        const tried = attemptsBy.get(k(challenge.id, task.id));
        const solved = solvesBy.get(k(challenge.id, task.id));
        const teamsAttempted = tried?.teams ?? 0;
        const solvedCount = solved?.solved ?? 0;
        return {
          challengeId: challenge.id,
          challengeTitle: resolveText(challenge.title, 'en'),
          taskId: task.id,
          taskTitle: resolveText(task.title, 'en'),
          points: task.points,
          teamsAttempted,
          solved: solvedCount,
          solveRate: teamsAttempted === 0 ? null : round(solvedCount / teamsAttempted, 4),
          wrongAttempts: tried?.wrong ?? 0,
          averageAward: solved ? round(solved.averageAward, 2) : null,
          clues: task.clues.map((clue) => ({
            index: clue.index,
            penalty: clue.penalty,
            unlocks: unlocksBy.get(`${k(challenge.id, task.id)}\u0000${clue.index}`) ?? 0,
          })),
        };
      }),
    );
  }

  /** Per challenge (those in play, then any other that was rated): stars and comments. */
  async ratings(): Promise<RatingSummaryDto[]> {
    const rows = await insightsRepository.listRatings(this.ctx.db);
    const inPlay = this.challenges.inPlay();
    const ids = [...inPlay.map((c) => c.id), ...rows.map((r) => r.challenge_id).filter((id) => !inPlay.some((c) => c.id === id))];
    return [...new Set(ids)].map((id) => {
      const mine = rows.filter((r) => r.challenge_id === id);
      const challenge = this.challenges.catalog.find(id);
      return {
        challengeId: id,
        title: challenge ? resolveText(challenge.title, 'en') : id,
        average: mine.length === 0 ? null : round(mine.reduce((sum, r) => sum + r.stars, 0) / mine.length, 2),
        count: mine.length,
        comments: mine
          .filter((r) => r.comment !== null && r.comment.trim() !== '')
          .map((r) => ({
            teamId: r.team_id,
            teamName: r.team_name,
            playerName: r.player_name,
            stars: r.stars,
            comment: r.comment as string,
            at: r.updated_at.toISOString(),
          })),
      };
    });
  }

  async audit(page: { before?: number | undefined; limit: number }): Promise<Page<AuditEntryDto>> {
    const rows = await adminRepository.listAudit(this.ctx.db, page);
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        actor: r.actor,
        actorId: r.actor_id,
        action: r.action,
        target: r.target,
        details: r.details,
        at: r.created_at.toISOString(),
      })),
      page.limit,
    );
  }

  async labRequests(filter: LabRequestQuery): Promise<Page<LabRequestDto>> {
    const rows = await adminRepository.listLabRequests(this.ctx.db, filter);
    return pageOf(
      rows.map((r) => ({
        id: r.id,
        teamId: r.team_id,
        teamName: r.team_name,
        lab: r.lab,
        method: r.method,
        path: r.path,
        status: r.status,
        service: r.service,
        operation: r.operation,
        errorCode: r.error_code,
        at: r.created_at.toISOString(),
      })),
      filter.limit,
    );
  }
}
