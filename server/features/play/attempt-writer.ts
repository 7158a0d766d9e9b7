import type { AppContext } from '../../context.ts';
import { isConnectionError } from '../../http/errors.ts';
import type { OutboxEvent } from '../../realtime/events.ts';
import type { CatalogChallenge, CatalogTask } from '../challenges/catalog.ts';
import type { Language } from '../challenges/challenge.ts';
import { immediatePenalty, taskAward, type PenaltyMode } from './scoring.ts';
import * as batchRepository from './attempt-batch.repository.ts';
import { keyOf } from './attempt-batch.repository.ts';

export interface AttemptResult {
  correct: boolean;
  awarded: number;
  alreadySolved: boolean;
}

export interface Actor {
  playerId: number;
  displayName: string;
  language: Language;
  teamId: number;
}

/** A checked attempt on its way to the database. */
export interface CheckedAttempt {
  actor: Actor;
  challenge: CatalogChallenge;
  task: CatalogTask;
  answer: unknown;
  correct: boolean;
  flags: string[];
  at: Date;
}

interface Pending {
  input: CheckedAttempt;
  resolve(result: AttemptResult): void;
  reject(error: unknown): void;
}

export interface AttemptWriterOptions {
  /** Most attempts written in one transaction. */
  maxBatch: number;
  /** Batches in flight at once (each holds a pooled connection). */
  concurrency: number;
}

const DEFAULTS: AttemptWriterOptions = { maxBatch: 200, concurrency: 4 };

/** Counters since start: how many batches and attempts, the largest batch, the fallbacks. */
export interface AttemptWriterStats {
  batches: number;
  attempts: number;
  largestBatch: number;
  fallbacks: number;
}

/**
 * Writes attempts in batches: while `concurrency` transactions are in flight, new attempts
 * queue, and the next transaction takes all of them (up to `maxBatch`). Alone, an attempt
 * goes straight out in a batch of one. Each caller is answered only after the commit that
 * holds its attempt, so an acknowledged attempt is durable, exactly as one by one.
 *
 * The rules are those of the single path (`writeOne`): the teams with correct attempts are
 * locked (in id order) before their solves are read, the first correct attempt of a pair
 * wins and later ones in the batch are "already solved" with its award, awards take off
 * the clues unlocked under the lock, the clock is read under the lock, and the outbox rows
 * follow the attempts' order. If a batch fails for any reason but a lost database, each of
 * its attempts is written again on its own, so one bad attempt cannot fail the others.
 */
export class AttemptWriter {
  private readonly options: AttemptWriterOptions;
  private readonly queue: Pending[] = [];
  private active = 0;
  private readonly counters: AttemptWriterStats = { batches: 0, attempts: 0, largestBatch: 0, fallbacks: 0 };

  constructor(
    private readonly ctx: AppContext,
    private readonly penaltyMode: () => PenaltyMode,
    private readonly writeOne: (input: CheckedAttempt) => Promise<AttemptResult>,
    options: Partial<AttemptWriterOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  write(input: CheckedAttempt): Promise<AttemptResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  stats(): AttemptWriterStats {
    return { ...this.counters };
  }

  private pump(): void {
    while (this.active < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.counters.batches += 1;
      this.counters.attempts += batch.length;
      this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
      this.active += 1;
      void this.run(batch).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    let results: AttemptResult[];
    try {
      results = await this.writeBatch(batch.map((p) => p.input));
    } catch (error) {
      if (isConnectionError(error)) {
        for (const p of batch) p.reject(error);
        return;
      }
      this.counters.fallbacks += 1;
      this.ctx.logger.warn('attempt batch failed; writing its attempts one by one', { size: batch.length, error: (error as Error).message });
      await Promise.all(batch.map((p) => this.writeOne(p.input).then(p.resolve, p.reject)));
      return;
    }
    batch.forEach((p, i) => {
      p.resolve(results[i]!);
    });
  }

  private async writeBatch(batch: CheckedAttempt[]): Promise<AttemptResult[]> {
    if (batch.every((a) => !a.correct)) {
      // Nothing to award and no lock to take: one statement writes the whole batch.
      const written = await batchRepository.insertWrongAttempts(
        this.ctx.db,
        batch.map((a) => ({
          teamId: a.actor.teamId,
          challengeId: a.challenge.id,
          taskId: a.task.id,
          playerId: a.actor.playerId,
          playerName: a.actor.displayName,
          answer: a.answer,
          flags: a.flags,
          at: a.at,
        })),
      );
      return written.map((w) => ({ correct: false, awarded: 0, alreadySolved: w.solved }));
    }
    return this.ctx.db.transaction().execute(async (trx) => {
      const keys = batch.map((a) => ({ teamId: a.actor.teamId, challengeId: a.challenge.id, taskId: a.task.id }));
      const correctTeams = [...new Set(batch.filter((a) => a.correct).map((a) => a.actor.teamId))].sort((a, b) => a - b);
      const otherTeams = [...new Set(batch.map((a) => a.actor.teamId))].filter((id) => !correctTeams.includes(id));
      const names = await batchRepository.lockTeams(trx, correctTeams);
      for (const [id, name] of await batchRepository.teamNames(trx, otherTeams)) names.set(id, name);
      // Read under the locks: a clue unlock racing a solve is then recorded before it exactly when it counted.
      const lockedAt = this.ctx.now();
      const solved = await batchRepository.findSolves(trx, keys);

      const winners = new Map<string, number>();
      batch.forEach((a, i) => {
        const key = keyOf(keys[i]!);
        if (a.correct && !solved.has(key) && !winners.has(key)) winners.set(key, i);
      });
      const times = batch.map((a, i) => (a.correct && !solved.has(keyOf(keys[i]!)) ? lockedAt : a.at));
      const penalties = await batchRepository.unlockedPenalties(
        trx,
        [...winners.values()].map((i) => keys[i]!),
      );
      const attemptIds = await batchRepository.insertAttempts(
        trx,
        batch.map((a, i) => ({ ...keys[i]!, playerId: a.actor.playerId, answer: a.answer, correct: a.correct, flags: a.flags, at: times[i]! })),
      );

      const awards = new Map<number, number>();
      let firsts = new Set<string>();
      if (winners.size > 0) {
        const immediate = this.penaltyMode() === 'immediate';
        const solves = [...winners].map(([key, i]) => {
          const a = batch[i]!;
          const unlocked = penalties.get(key) ?? [];
          const awarded = taskAward(a.task.points, unlocked);
          awards.set(i, awarded);
          // In CTFd's mode the unlocks were already taken off; the solve gives them back in its award.
          const delta = awarded + (immediate ? immediatePenalty(a.task.points, unlocked) : 0);
          return {
            ...keys[i]!,
            playerId: a.actor.playerId,
            attemptId: attemptIds[i]!,
            points: a.task.points,
            penalty: a.task.points - awarded,
            awarded,
            at: lockedAt,
            delta,
          };
        });
        if ((await batchRepository.insertSolves(trx, solves)) !== solves.length) throw new Error('attempt batch: a solve already existed under the team lock');
        const byTeam = new Map<number, { teamId: number; delta: number; solved: number; at: Date }>();
        for (const s of solves) {
          const team = byTeam.get(s.teamId) ?? { teamId: s.teamId, delta: 0, solved: 0, at: lockedAt };
          team.delta += s.delta;
          team.solved += 1;
          byTeam.set(s.teamId, team);
        }
        await batchRepository.addSolvesToTeams(trx, [...byTeam.values()]);
        firsts = await batchRepository.claimFirstSolves(trx, solves);
      }

      const events: OutboxEvent[] = [];
      batch.forEach((a, i) => {
        const teamId = a.actor.teamId;
        const teamName = names.get(teamId) ?? '';
        const at = times[i]!.toISOString();
        events.push({
          type: 'submission',
          scope: 'admin',
          teamId,
          payload: {
            id: attemptIds[i]!,
            teamId,
            teamName,
            playerName: a.actor.displayName,
            challengeId: a.challenge.id,
            taskId: a.task.id,
            answer: a.answer,
            correct: a.correct,
            flags: a.flags,
            at,
          },
        });
        const key = keyOf(keys[i]!);
        if (winners.get(key) !== i) return;
        events.push({
          type: 'solve',
          scope: 'public',
          teamId,
          payload: {
            teamId,
            teamName,
            challengeId: a.challenge.id,
            challengeTitle: a.challenge.title,
            taskId: a.task.id,
            taskTitle: a.task.title,
            taskIndex: a.task.index,
            awarded: awards.get(i)!,
            firstSolve: firsts.has(key),
            at,
          },
        });
        events.push({ type: 'scores', scope: 'public', payload: { teamIds: [teamId], reason: 'solve' } });
      });
      await batchRepository.appendEvents(trx, events);

      return batch.map((a, i): AttemptResult => {
        const key = keyOf(keys[i]!);
        const winner = winners.get(key);
        const earlierWinner = winner !== undefined && winner < i;
        if (!a.correct) return { correct: false, awarded: 0, alreadySolved: solved.has(key) || earlierWinner };
        if (solved.has(key)) return { correct: true, awarded: solved.get(key)!, alreadySolved: true };
        return { correct: true, awarded: awards.get(winner!)!, alreadySolved: winner !== i };
      });
    });
  }
}
