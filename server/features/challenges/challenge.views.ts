import type { AppContext } from '../../context.ts';
import { DomainError } from '../../http/errors.ts';
import type { EventService } from '../event/event.service.ts';
import { publicAnswer } from '../play/answers.ts';
import { shuffleSeed } from '../play/shuffle.ts';
import { availablePoints } from '../play/scoring.ts';
import * as playRepository from '../play/play.repository.ts';
import * as teamsRepository from '../teams/teams.repository.ts';
import type { CatalogChallenge } from './catalog.ts';
import { resolveText, type Language } from './challenge.ts';
import type { ChallengeService } from './challenge.service.ts';
import type { LabService } from '../labs/lab.service.ts';
import { renderText } from './markdown.ts';

/**
 * What a player sees of the challenge set: text resolved to their language, Markdown
 * rendered to safe HTML, answer keys reduced to their public shape, locked clue texts
 * left out. Nothing here ever copies a key field.
 */
export class ChallengeViews {
  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
    private readonly labs: LabService,
  ) {}

  /** Warm-up gating: with a warm-up set, the rest opens once each warm-up has a solve by the team. */
  lockedFor(solvedChallenges: ReadonlySet<string>): (challenge: CatalogChallenge) => boolean {
    const warmUp = this.events.current().warmUp.filter((id) => {
      const c = this.challenges.catalog.find(id);
      return c !== undefined && this.challenges.isInPlay(c);
    });
    const open = warmUp.every((id) => solvedChallenges.has(id));
    return (challenge) => !open && !warmUp.includes(challenge.id);
  }

  async lockCheck(teamId: number): Promise<(challenge: CatalogChallenge) => boolean> {
    if (this.events.current().warmUp.length === 0) return () => false;
    const solves = await playRepository.listTeamSolves(this.ctx.db, teamId);
    return this.lockedFor(new Set(solves.map((s) => s.challenge_id)));
  }

  async list(teamId: number, language: Language) {
    const solves = await playRepository.listTeamSolves(this.ctx.db, teamId);
    const solvedByChallenge = new Map<string, number>();
    for (const s of solves) solvedByChallenge.set(s.challenge_id, (solvedByChallenge.get(s.challenge_id) ?? 0) + 1);
    const locked = this.lockedFor(new Set(solvedByChallenge.keys()));
    return {
      challenges: this.challenges.inPlay().map((c) => ({
        id: c.id,
        title: resolveText(c.title, language),
        category: c.category,
        difficulty: c.difficulty,
        points: c.tasks.reduce((sum, t) => sum + t.points, 0),
        solvedTasks: solvedByChallenge.get(c.id) ?? 0,
        totalTasks: c.tasks.length,
        summary: resolveText(c.summary, language),
        source: c.source,
        locked: locked(c),
      })),
    };
  }

  async detail(teamId: number, playerId: number, challengeId: string, language: Language, origin: string) {
    const challenge = this.challenges.catalog.find(challengeId);
    if (!challenge || !this.challenges.isInPlay(challenge)) throw new DomainError('not_found', `no challenge "${challengeId}" in play`);
    if ((await this.lockCheck(teamId))(challenge)) throw new DomainError('locked', 'finish the warm-up challenges first');
    const [solves, unlocks, team, rating] = await Promise.all([
      playRepository.listTeamSolves(this.ctx.db, teamId, challenge.id),
      playRepository.listTeamUnlocks(this.ctx.db, teamId, challenge.id),
      teamsRepository.findTeam(this.ctx.db, teamId),
      playRepository.findRating(this.ctx.db, challengeId, playerId),
    ]);
    const solvedTask = new Map(solves.map((s) => [s.task_id, s]));
    const tasks = challenge.tasks.map((task) => {
      const solve = solvedTask.get(task.id);
      const unlocked = new Set(unlocks.filter((u) => u.task_id === task.id).map((u) => u.idx));
      const penalties = task.clues.filter((c) => unlocked.has(c.index)).map((c) => c.penalty);
      const answer = publicAnswer(task.answer, language, shuffleSeed(teamId, challenge.id, task.id));
      return {
        id: task.id,
        index: task.index,
        title: resolveText(task.title, language),
        prompt: renderText(task.prompt, language),
        points: task.points,
        penalty: penalties.reduce((a, b) => a + b, 0),
        available: availablePoints(task.points, penalties),
        answer:
          (answer.type === 'lab' || answer.type === 'check') && this.labs.find(answer.lab)
            ? { ...answer, ...this.labs.access(teamId, team?.lab_token ?? '', answer.lab, origin, language) }
            : answer,
        clues: task.clues.map((clue) =>
          unlocked.has(clue.index)
            ? { index: clue.index, penalty: clue.penalty, unlocked: true, text: renderText(clue.text, language) }
            : { index: clue.index, penalty: clue.penalty, unlocked: false },
        ),
        solved: solve !== undefined,
        ...(solve && { awarded: solve.awarded, solvedAt: solve.solved_at.toISOString(), debrief: renderText(task.debrief, language) }),
      };
    });
    return {
      id: challenge.id,
      title: resolveText(challenge.title, language),
      category: challenge.category,
      difficulty: challenge.difficulty,
      source: challenge.source,
      summary: resolveText(challenge.summary, language),
      briefing: renderText(challenge.briefing, language),
      points: challenge.tasks.reduce((sum, t) => sum + t.points, 0),
      solvedTasks: solves.length,
      totalTasks: challenge.tasks.length,
      myRating: rating ? { stars: rating.stars, comment: rating.comment } : null,
      tasks,
    };
  }
}
