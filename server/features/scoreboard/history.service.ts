import type { AppContext } from '../../context.ts';
import type { EventService } from '../event/event.service.ts';
import type { ScoreboardService } from './scoreboard.service.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import * as scoreboardRepository from './scoreboard.repository.ts';

export interface HistoryDto {
  frozen: boolean;
  startsAt: string | null;
  until: string;
  teams: { id: number; name: string; rank: number; points: [string, number][] }[];
}

const CACHE_MS = 2000;

/**
 * Score over time for the top teams (the race chart): cumulative scores at each change,
 * cut at the freeze for players. Cached briefly; the chart does not need every solve live.
 */
export class HistoryService {
  private cache = new Map<string, { at: number; value: HistoryDto }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly scoreboard: ScoreboardService,
    private readonly challenges: ChallengeService,
  ) {}

  async history(top: number, admin: boolean): Promise<HistoryDto> {
    const frozen = !admin && this.events.isFrozen();
    const key = `${top}:${frozen}:${admin}`;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
    const teams = (admin ? this.scoreboard.liveTeams() : await this.scoreboard.currentPublicTeams()).slice(0, top);
    const until = frozen ? this.events.freezeCutoff() : null;
    const changes = await scoreboardRepository.scoreChanges(
      this.ctx.db,
      teams.map((t) => t.id),
      until,
    );
    const series = new Map<number, [string, number][]>(teams.map((t) => [t.id, []]));
    const running = new Map<number, number>();
    for (const change of changes) {
      const score = (running.get(change.teamId) ?? 0) + change.delta;
      running.set(change.teamId, score);
      series.get(change.teamId)?.push([change.at.toISOString(), score]);
    }
    const value: HistoryDto = {
      frozen,
      startsAt: this.events.current().clock.startedAt?.toISOString() ?? null,
      until: (until ?? this.ctx.now()).toISOString(),
      teams: teams.map((t) => ({ id: t.id, name: t.name, rank: t.rank, points: series.get(t.id) ?? [] })),
    };
    this.cache.set(key, { at: Date.now(), value });
    return value;
  }

  /**
   * The latest solves in the shape of the stream's `solve` event, so a screen that just
   * loaded fills its ticker; solves after the freeze stay hidden from the public.
   */
  async recentSolves(limit: number, admin: boolean) {
    const until = !admin && this.events.isFrozen() ? this.events.freezeCutoff() : null;
    const rows = await scoreboardRepository.recentSolves(this.ctx.db, limit, until);
    return {
      solves: rows.map((r) => {
        const challenge = this.challenges.catalog.find(r.challenge_id);
        const task = this.challenges.catalog.findTask(r.challenge_id, r.task_id);
        return {
          teamId: r.team_id,
          teamName: r.team_name,
          challengeId: r.challenge_id,
          challengeTitle: challenge?.title ?? { en: r.challenge_id },
          taskId: r.task_id,
          taskTitle: task?.title ?? { en: r.task_id },
          taskIndex: task?.index ?? 0,
          awarded: r.awarded,
          firstSolve: r.first_team === r.team_id,
          at: r.solved_at.toISOString(),
        };
      }),
    };
  }
}
