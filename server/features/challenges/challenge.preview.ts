/**
 * The admin preview: any challenge (held back, locked, in play or gone from the files) as a
 * player would see it, with the keys beside it, and answers tried against the key without
 * writing anything: no attempt, no solve, no event, nothing on the board.
 */
import type { AppContext } from '../../context.ts';
import { DomainError, ValidationError } from '../../domain/errors.ts';
import { deriveLabFlag } from '../labs/lab.flags.ts';
import { checkAnswer, parseAnswerInput, publicAnswer } from '../play/answers.ts';
import type { CatalogChallenge, CatalogTask } from './catalog.ts';
import { type Language, resolveText } from './challenge.ts';
import type { ChallengeService } from './challenge.service.ts';
import { plainTextOf, renderText } from './markdown.ts';

/** The team id lab flags are derived for in a preview: no real team has it. */
export const PREVIEW_TEAM_ID = 0;

export class ChallengePreview {
  constructor(
    private readonly ctx: AppContext,
    private readonly challenges: ChallengeService,
  ) {}

  view(challengeId: string, language: Language) {
    const challenge = this.find(challengeId);
    return {
      id: challenge.id,
      title: resolveText(challenge.title, language),
      category: challenge.category,
      difficulty: challenge.difficulty,
      source: challenge.source,
      summary: plainTextOf(challenge.summary, language),
      briefing: renderText(challenge.briefing, language),
      points: challenge.tasks.reduce((sum, t) => sum + t.points, 0),
      totalTasks: challenge.tasks.length,
      state: {
        inPlay: this.challenges.isInPlay(challenge),
        held: challenge.held,
        removed: challenge.hidden,
        unlock: challenge.unlock,
        openedAt: challenge.openedAt?.toISOString() ?? null,
      },
      tasks: challenge.tasks.map((task) => ({
        id: task.id,
        index: task.index,
        title: resolveText(task.title, language),
        prompt: renderText(task.prompt, language),
        points: task.points,
        attempts: task.attempts,
        wrongPenalty: task.wrongPenalty,
        answer: publicAnswer(task.answer, language, `preview:${challenge.id}:${task.id}`),
        key: this.key(challenge, task),
        clues: task.clues.map((clue) => ({
          index: clue.index,
          penalty: clue.penalty,
          releaseAfterMinutes: clue.releaseAfterMinutes,
          text: renderText(clue.text, language),
        })),
        debrief: renderText(task.debrief, language),
      })),
    };
  }

  /** Whether `answer` solves the task, as an attempt would decide; writes nothing. */
  tryAnswer(challengeId: string, taskId: string, answer: unknown): { correct: boolean } {
    const challenge = this.find(challengeId);
    const task = challenge.tasks.find((t) => t.id === taskId);
    if (!task) throw new DomainError('not_found', `no task "${taskId}" in challenge "${challengeId}"`);
    const parsed = parseAnswerInput(task.answer.type, answer);
    if (!parsed.ok) throw new ValidationError('answer', parsed.message.replace(/^answer /, ''));
    return checkAnswer(task.answer, parsed.value, { labFlag: this.labFlag(challenge, task) });
  }

  private find(challengeId: string): CatalogChallenge {
    const challenge = this.challenges.catalog.find(challengeId);
    if (!challenge) throw new DomainError('not_found', `no challenge "${challengeId}"`);
    return challenge;
  }

  /** The key as stored, plus the flag a lab derives for the preview (each team gets its own). */
  private key(challenge: CatalogChallenge, task: CatalogTask) {
    const flag = this.labFlag(challenge, task);
    return flag === undefined ? task.answer : { ...task.answer, previewFlag: flag };
  }

  private labFlag(challenge: CatalogChallenge, task: CatalogTask): string | undefined {
    return task.answer.type === 'lab' ? deriveLabFlag(this.ctx.secrets.labSecret, PREVIEW_TEAM_ID, challenge.id, task.id) : undefined;
  }
}
