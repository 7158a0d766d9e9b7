import type { AppContext } from '../../context.ts';
import { DomainError, RateLimitedError, ValidationError } from '../../domain/errors.ts';
import { SlidingWindowLimiter } from '../../http/rate-limit.ts';
import { publish } from '../../realtime/outbox.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { CatalogChallenge, CatalogTask } from '../challenges/catalog.ts';
import { renderText } from '../challenges/markdown.ts';
import type { EventService } from '../event/event.service.ts';
import { deriveLabFlag, findFlagOwner } from '../labs/lab.flags.ts';
import * as teamsRepository from '../teams/teams.repository.ts';
import { checkAnswer, parseAnswerInput } from './answers.ts';
import * as totalsRepository from '../scoreboard/totals.repository.ts';
import type { Language } from '../challenges/challenge.ts';
import { immediateCost } from './scoring.ts';
import { clueKey, isClueReleased } from './clue-release.ts';
import type { Db } from '../../db/transaction.ts';
import * as playRepository from './play.repository.ts';
import type { AttemptInput, AttemptResult } from './attempt-plan.ts';
import { AttemptWriter, type AttemptWriterStats } from './attempt-writer.ts';

/** The player acting, as the session middleware resolved them. */
export interface Actor {
  playerId: number;
  displayName: string;
  language: Language;
  teamId: number;
}

/** What the attempt plan takes of an attempt that was judged (attempt-plan.ts). */
function attemptInput(
  actor: Actor,
  challenge: CatalogChallenge,
  task: CatalogTask,
  judged: Pick<AttemptInput, 'answer' | 'correct' | 'flags' | 'at' | 'check'>,
): AttemptInput {
  return {
    teamId: actor.teamId,
    playerId: actor.playerId,
    playerName: actor.displayName,
    task: {
      challengeId: challenge.id,
      taskId: task.id,
      challengeTitle: challenge.title,
      taskTitle: task.title,
      taskIndex: task.index,
      points: task.points,
      maxWrong: task.attempts,
      wrongPenalty: task.wrongPenalty,
    },
    ...judged,
  };
}

/** What a player is answered; `attemptsLeft` only for a task with an `attempts` limit. */
export interface AttemptAnswer {
  correct: boolean;
  awarded: number;
  alreadySolved: boolean;
  /** Wrong attempts the team may still make on the task. */
  attemptsLeft?: number;
}

/** The plan's result as the player sees it; refused when the team used up its wrong attempts (409). */
function admitted(result: AttemptResult, task: CatalogTask): AttemptAnswer {
  if (result.exhausted) {
    throw new DomainError('attempts_exhausted', `no attempts left: your team made ${task.attempts} wrong attempts at this task, the most it allows`, {
      attempts: task.attempts,
    });
  }
  const { correct, awarded, alreadySolved, attemptsLeft } = result;
  return attemptsLeft === null ? { correct, awarded, alreadySolved } : { correct, awarded, alreadySolved, attemptsLeft };
}

/** Attempts overall per player per minute, on top of the per team-and-task limit. */
const PLAYER_ATTEMPTS_PER_MINUTE = 60;

/**
 * Attempts, clue unlocks and ratings: every rule that decides who wins. Score-changing
 * writes happen in one transaction holding the team row, with the primary keys of solve,
 * clue_unlock and first_solve making double awards impossible.
 */
export class PlayService {
  private readonly taskLimiter = new SlidingWindowLimiter(60_000);
  private readonly playerLimiter = new SlidingWindowLimiter(60_000);
  private readonly writer: AttemptWriter;

  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
    /** Called once attempts were committed (the admin submissions feed reads them). */
    onAttempts: () => void = () => {},
  ) {
    this.writer = new AttemptWriter(ctx, () => this.events.current().penaltyMode, {}, onAttempts);
  }

  /** How attempts were batched so far (tests, diagnostics). */
  writerStats(): AttemptWriterStats {
    return this.writer.stats();
  }

  resolveChallenge(challengeId: string): CatalogChallenge {
    const challenge = this.challenges.catalog.find(challengeId);
    if (!challenge || !this.challenges.isInPlay(challenge)) throw new DomainError('not_found', `no challenge "${challengeId}" in play`);
    return challenge;
  }

  /** A challenge and task the team may play, or 404/403. */
  resolveTask(
    teamId: number | null,
    challengeId: string,
    taskId: string,
    locked: (challenge: CatalogChallenge) => boolean,
  ): { challenge: CatalogChallenge; task: CatalogTask } {
    const challenge = this.resolveChallenge(challengeId);
    if (teamId !== null && locked(challenge)) throw new DomainError('locked', 'finish the warm-up challenges first');
    const task = challenge.tasks.find((t) => t.id === taskId);
    if (!task) throw new DomainError('not_found', `no task "${taskId}" in challenge "${challengeId}"`);
    return { challenge, task };
  }

  async attempt(actor: Actor, challenge: CatalogChallenge, task: CatalogTask, rawAnswer: unknown): Promise<AttemptAnswer> {
    if (task.answer.type === 'check')
      throw new ValidationError('answer', 'this task is answered with "Check my progress" (POST .../check), not with an attempt');
    const parsed = parseAnswerInput(task.answer.type, rawAnswer);
    if (!parsed.ok) throw new ValidationError('answer', parsed.message.replace(/^answer /, ''));
    this.events.requireAcceptingAttempts();
    const now = this.ctx.now();
    this.admit(actor, challenge, task, now);

    const labFlag = task.answer.type === 'lab' ? deriveLabFlag(this.ctx.secrets.labSecret, actor.teamId, challenge.id, task.id) : undefined;
    const { correct } = checkAnswer(task.answer, parsed.value, { labFlag });
    const flags = !correct && task.answer.type === 'lab' ? await this.sharingFlags(actor.teamId, challenge.id, task.id, parsed.value as string) : [];
    // Written in a batch with the attempts arriving meanwhile (attempt-writer.ts).
    return admitted(await this.writer.write(attemptInput(actor, challenge, task, { answer: parsed.value, correct, flags, at: now })), task);
  }

  /**
   * "Check my progress" on a check task: an attempt like any other (event window, rate
   * limits, log, scoring with clues), whose verdict is the lab validator's. `evaluate` runs
   * only once the attempt is admitted; what it returns as `answer` is what admins see logged.
   */
  async checkAttempt<T extends { passed: boolean; answer: unknown }>(
    actor: Actor,
    challenge: CatalogChallenge,
    task: CatalogTask,
    evaluate: () => Promise<T>,
  ): Promise<{ result: AttemptAnswer; verdict: T }> {
    if (task.answer.type !== 'check') throw new DomainError('not_found', `task "${task.id}" is not a check task`);
    this.events.requireAcceptingAttempts();
    const now = this.ctx.now();
    this.admit(actor, challenge, task, now);
    const verdict = await evaluate();
    const { correct } = checkAnswer(task.answer, undefined, { checkPassed: verdict.passed });
    const result = admitted(
      await this.writer.write(attemptInput(actor, challenge, task, { answer: verdict.answer, correct, flags: [], at: now, check: true })),
      task,
    );
    return { result, verdict };
  }

  /** The per team-and-task and per player rate limits, counted once the attempt is let through. */
  private admit(actor: Actor, challenge: CatalogChallenge, task: CatalogTask, now: Date): void {
    const nowMs = now.getTime();
    const taskKey = `${actor.teamId}:${challenge.id}:${task.id}`;
    const limit = this.events.current().attemptsPerMinute;
    const perTask = this.taskLimiter.peek(taskKey, limit, nowMs);
    if (!perTask.allowed)
      throw new RateLimitedError(`at most ${limit} attempts a minute on one task; wait ${perTask.retryAfterSeconds} s`, perTask.retryAfterSeconds);
    const perPlayer = this.playerLimiter.peek(String(actor.playerId), PLAYER_ATTEMPTS_PER_MINUTE, nowMs);
    if (!perPlayer.allowed) throw new RateLimitedError(`too many attempts; wait ${perPlayer.retryAfterSeconds} s`, perPlayer.retryAfterSeconds);
    this.taskLimiter.take(taskKey, limit, nowMs);
    this.playerLimiter.take(String(actor.playerId), PLAYER_ATTEMPTS_PER_MINUTE, nowMs);
  }

  private async sharingFlags(teamId: number, challengeId: string, taskId: string, value: string): Promise<string[]> {
    if (!/^\s*JAM\{/.test(value)) return [];
    const teamIds = (await teamsRepository.listTeamIds(this.ctx.db)).filter((id) => id !== teamId);
    const owner = findFlagOwner(this.ctx.secrets.labSecret, teamIds, challengeId, taskId, value);
    return owner === undefined ? [] : ['sharing', `flag-of-team:${owner}`];
  }

  /**
   * Unlocks a clue for the team at its penalty, strictly after the one before it. A clue
   * released by time (`releaseAfterMinutes`) is free: the team gets its text, nothing is
   * recorded against it, and it counts as open for the next clue's order.
   */
  async unlockClue(actor: Actor, challenge: CatalogChallenge, task: CatalogTask, index: number) {
    const clue = task.clues.find((c) => c.index === index);
    if (!clue) throw new DomainError('not_found', `task "${task.id}" has no clue ${index}`);
    this.events.requireAcceptingAttempts();
    const free = await this.ctx.database.transaction(async (trx) => {
      await playRepository.lockTeamRow(trx, actor.teamId);
      // Under the team lock, for the same reason as in attempt-writer.ts.
      const now = this.ctx.now();
      const released = await this.releasedClues(trx, challenge.id, task, now);
      if (released.has(index)) return true;
      const unlocked = await playRepository.listUnlockedPenalties(trx, actor.teamId, challenge.id, task.id);
      if (unlocked.some((u) => u.index === index)) return false;
      if (index > 1 && !unlocked.some((u) => u.index === index - 1) && !released.has(index - 1)) {
        throw new DomainError('clue_locked', `unlock clue ${index - 1} first`);
      }
      const inserted = await playRepository.insertUnlock(trx, { ...actor, challengeId: challenge.id, taskId: task.id, index, penalty: clue.penalty, at: now });
      if (!inserted) return false;
      await publish(trx, {
        type: 'clue',
        scope: 'team',
        teamId: actor.teamId,
        payload: {
          teamId: actor.teamId,
          challengeId: challenge.id,
          taskId: task.id,
          index,
          penalty: clue.penalty,
          playerId: actor.playerId,
          playerName: actor.displayName,
          at: now.toISOString(),
        },
      });
      if (this.events.current().penaltyMode === 'immediate') {
        const solved = await playRepository.findSolve(trx, actor.teamId, challenge.id, task.id);
        const before = {
          clues: unlocked.map((u) => u.penalty),
          wrong: solved ? 0 : await playRepository.sumWrongPenalty(trx, actor.teamId, challenge.id, task.id),
        };
        const cost = solved ? 0 : immediateCost(task.points, before, { clue: clue.penalty });
        if (cost > 0) {
          await totalsRepository.addToTotals(trx, [{ teamId: actor.teamId, delta: -cost, solved: 0, at: now }]);
          await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [actor.teamId], reason: 'clue', asOf: now.toISOString() } });
        }
      }
      return false;
    });
    const text = { index, text: renderText(clue.text, actor.language), source: clue.text[actor.language] ?? clue.text.en ?? '' };
    return { clue: free ? { ...text, penalty: 0, released: true } : { ...text, penalty: clue.penalty, released: false } };
  }

  /** The task's clues released to every team at `now` (clue-release.ts). */
  private async releasedClues(db: Db, challengeId: string, task: CatalogTask, now: Date): Promise<Set<number>> {
    const rows = await playRepository.listReleases(db, challengeId);
    const recorded = new Set(rows.map((r) => clueKey(r.challenge_id, r.task_id, r.idx)));
    const clock = this.events.current().clock;
    return new Set(task.clues.filter((c) => isClueReleased(challengeId, task.id, c, recorded, clock, now)).map((c) => c.index));
  }

  async rate(actor: Actor, challenge: CatalogChallenge, stars: number, comment: string | undefined) {
    const solves = await playRepository.listTeamSolves(this.ctx.db, actor.teamId, challenge.id);
    const solved = new Set(solves.map((s) => s.task_id));
    if (!challenge.tasks.every((t) => solved.has(t.id))) throw new DomainError('not_solved', 'rate a challenge once your team has solved all of its tasks');
    await playRepository.upsertRating(this.ctx.db, {
      challengeId: challenge.id,
      playerId: actor.playerId,
      teamId: actor.teamId,
      stars,
      comment: comment ?? null,
      at: this.ctx.now(),
    });
    return { rating: { stars, comment: comment ?? null } };
  }
}
