import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Database } from '../../db/database.ts';
import type { EventService } from '../event/event.service.ts';
import * as labStateRepository from '../labs/lab-state.repository.ts';
import * as adminRepository from './admin.repository.ts';
import { toCsv } from './csv.ts';
import { groupBy, penaltyFacts, penaltyTotals, standings } from './standings.ts';

export interface ResultTeamDto {
  /** Place on the live board; null for a disqualified team (listed after the ranked ones). */
  rank: number | null;
  id: number;
  name: string;
  members: { id: number; displayName: string; language: 'en' | 'ja' }[];
  score: number;
  solvedTasks: number;
  /** Sum of the team's score adjustments. */
  adjustments: number;
  adjustmentLog: { points: number; reason: string; at: string }[];
  cluesUsed: number;
  /** Points clues took off the score (see standings.ts `penaltyTotals`). */
  penaltyTotal: number;
  wrongAttempts: number;
  /** Points wrong attempts took off the score (`wrongPenalty`). */
  wrongPenaltyTotal: number;
  lastSolveAt: string | null;
  disqualified: boolean;
  /** Each solve with its award broken down: points − clue penalty − wrong-attempt penalty (before the floor at 0) = awarded. */
  solves: {
    challengeId: string;
    taskId: string;
    points: number;
    cluePenalty: number;
    wrongPenalty: number;
    awarded: number;
    at: string;
    playerName: string | null;
  }[];
  clues: { challengeId: string; taskId: string; index: number; penalty: number; at: string }[];
  /** How often the team restarted each lab it used. */
  labResets: { lab: string; resets: number }[];
}

export interface ResultsDto {
  generatedAt: string;
  event: ReturnType<EventService['adminView']>;
  teams: ResultTeamDto[];
}

export const CSV_HEADER = [
  'rank',
  'team',
  'members',
  'score',
  'solved_tasks',
  'adjustments_total',
  'clues_used',
  'penalty_total',
  'wrong_attempts',
  'wrong_penalty_total',
  'last_solve_at',
  'disqualified',
  'lab_resets',
] as const;

/**
 * The results as they stand, in the live board's order (the same `rankTeams` over the same
 * running totals the scoreboard ranks), read in one repeatable-read transaction so the
 * totals and the solve lists agree.
 */
export class AdminResultsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
  ) {}

  async results(): Promise<ResultsDto> {
    return this.ctx.database.transaction((trx) => this.resultsIn(trx), { isolation: 'repeatable read' });
  }

  /** The results as `trx` sees them (the reset archives them in its own transaction). */
  async resultsIn(trx: Transaction<Database>): Promise<ResultsDto> {
    const teams = await adminRepository.listTeams(trx);
    const members = await adminRepository.listMembers(trx);
    const solves = await adminRepository.listSolves(trx);
    const unlocks = await adminRepository.listUnlocks(trx);
    const wrongs = await adminRepository.listWrongAttempts(trx);
    const adjustments = await adminRepository.listAdjustments(trx);
    const labResets = await labStateRepository.listResets(trx);
    const penalties = penaltyTotals(...penaltyFacts(solves, unlocks, wrongs), this.events.current().penaltyMode);
    const membersBy = groupBy(members, (m) => m.team_id as number);
    const solvesBy = groupBy(solves, (s) => s.team_id);
    const unlocksBy = groupBy(unlocks, (u) => u.team_id);
    const adjustmentsBy = groupBy(adjustments, (a) => a.team_id);
    const resetsBy = groupBy(labResets, (r) => r.teamId);
    const ranked = standings(teams.map((t) => ({ ...t, scoreReachedAt: t.score_at, solvedTasks: t.solved_tasks, lastSolveAt: t.last_solve_at })));
    return {
      generatedAt: this.ctx.now().toISOString(),
      event: this.events.adminView(),
      teams: ranked.map((t) => {
        const log = [...(adjustmentsBy.get(t.id) ?? [])].reverse();
        const totals = penalties.get(t.id) ?? { used: 0, penalty: 0, wrongAttempts: 0, wrongPenalty: 0 };
        return {
          rank: t.rank,
          id: t.id,
          name: t.name,
          members: (membersBy.get(t.id) ?? []).map((m) => ({ id: m.id, displayName: m.display_name, language: m.language })),
          score: t.score,
          solvedTasks: t.solvedTasks,
          adjustments: log.reduce((sum, a) => sum + a.points, 0),
          adjustmentLog: log.map((a) => ({ points: a.points, reason: a.reason, at: a.created_at.toISOString() })),
          cluesUsed: totals.used,
          penaltyTotal: totals.penalty,
          wrongAttempts: totals.wrongAttempts,
          wrongPenaltyTotal: totals.wrongPenalty,
          lastSolveAt: t.lastSolveAt?.toISOString() ?? null,
          disqualified: t.disqualified,
          solves: (solvesBy.get(t.id) ?? []).map((s) => ({
            challengeId: s.challenge_id,
            taskId: s.task_id,
            points: s.points,
            cluePenalty: s.clue_penalty,
            wrongPenalty: s.wrong_penalty,
            awarded: s.awarded,
            at: s.solved_at.toISOString(),
            playerName: s.display_name,
          })),
          clues: (unlocksBy.get(t.id) ?? []).map((u) => ({
            challengeId: u.challenge_id,
            taskId: u.task_id,
            index: u.idx,
            penalty: u.penalty,
            at: u.unlocked_at.toISOString(),
          })),
          labResets: (resetsBy.get(t.id) ?? []).map((r) => ({ lab: r.lab, resets: r.resets })),
        };
      }),
    };
  }

  async csv(): Promise<string> {
    return resultsCsv(await this.results());
  }
}

/** The results as CSV, one row per team (what Excel opens). */
export function resultsCsv({ teams }: ResultsDto): string {
  return toCsv(
    CSV_HEADER,
    teams.map((t) => [
      t.rank,
      t.name,
      t.members.map((m) => m.displayName).join('; '),
      t.score,
      t.solvedTasks,
      t.adjustments,
      t.cluesUsed,
      t.penaltyTotal,
      t.wrongAttempts,
      t.wrongPenaltyTotal,
      t.lastSolveAt,
      t.disqualified,
      t.labResets.map((r) => `${r.lab}: ${r.resets}`).join('; '),
    ]),
  );
}
