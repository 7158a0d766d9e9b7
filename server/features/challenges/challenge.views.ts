import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EventService } from '../event/event.service.ts';
import { publicAnswer } from '../play/answers.ts';
import type { PublicAnswer } from '../play/public-answer.ts';
import { shuffleSeed } from '../play/shuffle.ts';
import { availablePoints } from '../play/scoring.ts';
import * as playRepository from '../play/play.repository.ts';
import * as teamsRepository from '../teams/teams.repository.ts';
import type { CatalogChallenge } from './catalog.ts';
import { resolveText, type Language } from './challenge.ts';
import type { ChallengeService } from './challenge.service.ts';
import type { LabAccess, LabService } from '../labs/lab.service.ts';
import { plainTextOf, renderText } from './markdown.ts';
import { runningMs } from '../event/clock.ts';
import { clueKey, isClueReleased, releaseInMs } from '../play/clue-release.ts';
import { describeLock, type Lock, type LockContext, lockOf } from './unlock.ts';

/**
 * A task's answer as the player sees it: a lab or check task's also carries the team's way
 * into the lab (declared, so the union keeps the access fields the client reads).
 */
export type TaskAnswerView =
  | Exclude<PublicAnswer, { type: 'lab' | 'check' }>
  | (Extract<PublicAnswer, { type: 'lab' }> & LabAccess)
  | (Extract<PublicAnswer, { type: 'check' }> & LabAccess);

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

  /**
   * What decides locks for one team: its solved tasks per challenge (visible tasks only), the
   * running time and the warm-up setting. Read once per request.
   */
  async lockContext(teamId: number): Promise<LockContext> {
    const solves = await playRepository.listTeamSolves(this.ctx.db, teamId);
    const solvedTasks = new Map<string, number>();
    for (const s of solves) {
      if (!this.challenges.catalog.find(s.challenge_id)?.tasks.some((t) => t.id === s.task_id)) continue;
      solvedTasks.set(s.challenge_id, (solvedTasks.get(s.challenge_id) ?? 0) + 1);
    }
    const event = this.events.current();
    return {
      solvedTasks,
      runningMs: runningMs(event.clock, this.ctx.now()),
      warmUp: event.warmUp,
      inPlay: (id) => {
        const c = this.challenges.catalog.find(id);
        return c && this.challenges.isInPlay(c) ? c : undefined;
      },
    };
  }

  /**
   * The guard for play routes (attempts, clues, labs): `false` when the team may play the
   * challenge; a locked one throws the 403 `locked` with the reason in words.
   */
  async lockCheck(teamId: number): Promise<(challenge: CatalogChallenge) => boolean> {
    const context = await this.lockContext(teamId);
    return (challenge) => {
      const lock = lockOf(challenge, context);
      if (lock)
        throw new DomainError(
          'locked',
          describeLock(lock, (c) => resolveText(c.title, 'en')),
          lockDetails(lock, 'en'),
        );
      return false;
    };
  }

  async list(teamId: number, language: Language) {
    const context = await this.lockContext(teamId);
    return {
      challenges: this.challenges.inPlay().map((c) => {
        const lock = lockOf(c, context);
        return {
          id: c.id,
          title: resolveText(c.title, language),
          category: c.category,
          difficulty: c.difficulty,
          points: c.tasks.reduce((sum, t) => sum + t.points, 0),
          solvedTasks: context.solvedTasks.get(c.id) ?? 0,
          totalTasks: c.tasks.length,
          /** Plain text: Markdown and HTML stripped, for a card. */
          summary: plainTextOf(c.summary, language),
          source: c.source,
          locked: lock !== null,
          /** Why it is locked, in data the client words in the player's language. */
          lock: lock && lockDetails(lock, language),
        };
      }),
    };
  }

  /** The lint accepts only labs this server has (`LABS`), so every lab or check task gets its access. */
  private answerView(answer: PublicAnswer, teamId: number, labToken: string, origin: string, language: Language): TaskAnswerView {
    if (answer.type !== 'lab' && answer.type !== 'check') return answer;
    return { ...answer, ...this.labs.access(teamId, labToken, answer.lab, origin, language) };
  }

  async detail(teamId: number, playerId: number, challengeId: string, language: Language, origin: string) {
    const challenge = this.challenges.catalog.find(challengeId);
    if (!challenge || !this.challenges.isInPlay(challenge)) throw new DomainError('not_found', `no challenge "${challengeId}" in play`);
    (await this.lockCheck(teamId))(challenge);
    const [solves, unlocks, team, rating, wrongByTask, releases] = await Promise.all([
      playRepository.listTeamSolves(this.ctx.db, teamId, challenge.id),
      playRepository.listTeamUnlocks(this.ctx.db, teamId, challenge.id),
      teamsRepository.findTeam(this.ctx.db, teamId),
      playRepository.findRating(this.ctx.db, challengeId, playerId),
      playRepository.listTeamWrongAttempts(this.ctx.db, teamId, challenge.id),
      playRepository.listReleases(this.ctx.db, challenge.id),
    ]);
    const clock = this.events.current().clock;
    const now = this.ctx.now();
    const recorded = new Set(releases.map((r) => clueKey(r.challenge_id, r.task_id, r.idx)));
    const solvedTask = new Map(solves.map((s) => [s.task_id, s]));
    const tasks = challenge.tasks.map((task) => {
      const solve = solvedTask.get(task.id);
      const paid = new Set(unlocks.filter((u) => u.task_id === task.id).map((u) => u.idx));
      const penalties = task.clues.filter((c) => paid.has(c.index)).map((c) => c.penalty);
      const wrong = wrongByTask.get(task.id) ?? { wrong: 0, penalty: 0 };
      const attemptsLeft = task.attempts === null ? null : Math.max(0, task.attempts - wrong.wrong);
      const answer = publicAnswer(task.answer, language, shuffleSeed(teamId, challenge.id, task.id));
      return {
        id: task.id,
        index: task.index,
        title: resolveText(task.title, language),
        prompt: renderText(task.prompt, language),
        points: task.points,
        /** Penalties of the clues the team paid for. */
        penalty: penalties.reduce((a, b) => a + b, 0),
        /** What a solve would award now: points − clue penalties − wrong-attempt penalties, never below 0. */
        available: availablePoints(task.points, penalties, wrong.penalty),
        /** The task's rules, shown before the player answers. */
        rules: { attempts: task.attempts, wrongPenalty: task.wrongPenalty },
        /** Wrong attempts the team made so far, and what they cost (taken at the solve, or at once in immediate mode). */
        wrong: { count: wrong.wrong, penalty: wrong.penalty },
        /** Wrong attempts still allowed; null without a limit. */
        attemptsLeft,
        /** Closed for the team: it used up its wrong attempts without solving the task. */
        closed: solve === undefined && attemptsLeft === 0,
        answer: this.answerView(answer, teamId, team?.lab_token ?? '', origin, language),
        clues: task.clues.map((clue) => {
          const released = isClueReleased(challenge.id, task.id, clue, recorded, clock, now);
          const state = {
            index: clue.index,
            penalty: clue.penalty,
            paid: paid.has(clue.index),
            released,
            releaseInMs: released ? null : releaseInMs(clue.releaseAfterMinutes, clock, now),
          };
          return paid.has(clue.index) || released
            ? { ...state, unlocked: true as const, text: renderText(clue.text, language) }
            : { ...state, unlocked: false as const };
        }),
        solved: solve !== undefined,
        ...(solve && {
          awarded: solve.awarded,
          /** "100 − 20 clue − 10 wrong = 70": the penalties counted at the solve (their sum may pass the points; the award stops at 0). */
          breakdown: { points: solve.points, clues: solve.clue_penalty, wrong: solve.wrong_penalty, awarded: solve.awarded },
          solvedAt: solve.solved_at.toISOString(),
          debrief: renderText(task.debrief, language),
        }),
      };
    });
    return {
      id: challenge.id,
      title: resolveText(challenge.title, language),
      category: challenge.category,
      difficulty: challenge.difficulty,
      source: challenge.source,
      summary: plainTextOf(challenge.summary, language),
      briefing: renderText(challenge.briefing, language),
      points: challenge.tasks.reduce((sum, t) => sum + t.points, 0),
      solvedTasks: solves.length,
      totalTasks: challenge.tasks.length,
      myRating: rating ? { stars: rating.stars, comment: rating.comment } : null,
      tasks,
    };
  }
}

/** A lock as the client words it: prerequisites by id and title, the opening minute, and when that is. */
export function lockDetails(lock: Lock, language: Language) {
  return {
    after: lock.after.map((c) => ({ id: c.id, title: resolveText(c.title, language) })),
    atMinute: lock.atMinute,
    /** Running time still to go before `atMinute`; it does not pass while the event is paused. */
    opensInMs: lock.remainingMs,
  };
}
