import type { AppContext } from '../../context.ts';
import { isConnectionError } from '../../db/errors.ts';
import type { Db } from '../../db/transaction.ts';
import {
  type AttemptInput,
  type AttemptPlan,
  type AttemptResult,
  hasAttemptRules,
  type PairState,
  pairKey,
  planAttempts,
  teamsToLock,
} from './attempt-plan.ts';
import * as attemptRepository from './attempt.repository.ts';
import type { PenaltyMode } from './scoring.ts';

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

interface Pending {
  input: AttemptInput;
  resolve(result: AttemptResult): void;
  reject(error: unknown): void;
}

/**
 * Writes attempts in batches: while `concurrency` transactions are in flight, new attempts
 * queue, and the next transaction takes all of them (up to `maxBatch`). Alone, an attempt
 * goes straight out in a batch of one. Each caller is answered only after the commit that
 * holds its attempt, so an acknowledged attempt is durable, exactly as one by one.
 *
 * `execute` is the one way attempts are written, for a batch of any size: lock the teams
 * with correct answers or attempts on tasks with rules (in id order), read their state and
 * the clock under the locks, plan
 * (attempt-plan.ts), write, publish. If a batch fails for any reason but a lost database,
 * each of its attempts is written again as a batch of one, so one bad attempt cannot fail
 * the others.
 */
export class AttemptWriter {
  private readonly options: AttemptWriterOptions;
  private readonly queue: Pending[] = [];
  private active = 0;
  private readonly counters: AttemptWriterStats = { batches: 0, attempts: 0, largestBatch: 0, fallbacks: 0 };

  constructor(
    private readonly ctx: AppContext,
    private readonly penaltyMode: () => PenaltyMode,
    options: Partial<AttemptWriterOptions> = {},
    /** Called after each commit that wrote attempts. */
    private readonly onWritten: () => void = () => {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  write(input: AttemptInput): Promise<AttemptResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  stats(): AttemptWriterStats {
    return { ...this.counters };
  }

  /**
   * Writes `inputs` in one unit of work; the results are in input order. Without a correct
   * answer or a task with rules there is nothing to lock or score: the attempts are written
   * and their pairs' solves read in one statement, without a transaction around it.
   */
  async execute(inputs: readonly AttemptInput[]): Promise<AttemptResult[]> {
    const results = await this.executeOnce(inputs);
    this.onWritten();
    return results;
  }

  private async executeOnce(inputs: readonly AttemptInput[]): Promise<AttemptResult[]> {
    const locked = teamsToLock(inputs);
    if (locked.length === 0) return this.executeUnlocked(inputs);
    return this.ctx.database.transaction(async (trx) => {
      const plan = await this.plan(trx, inputs, await attemptRepository.lockTeams(trx, locked));
      // One statement writes it all; the database sets each solve event's firstSolve from
      // the claims that won in it.
      await attemptRepository.writeAttempts(trx, plan, plan.events(new Set()));
      return plan.results;
    });
  }

  /**
   * A batch with neither a correct answer nor a task with rules: its rows depend on nothing
   * the database holds (each is the attempt as given, at no price), so they are written
   * first, in one statement that also reads each pair's solve, and the plan then answers
   * from that state. It must decide exactly those rows and nothing else.
   */
  private async executeUnlocked(inputs: readonly AttemptInput[]): Promise<AttemptResult[]> {
    const rows = inputs.map((a) => ({ ...a, challengeId: a.task.challengeId, taskId: a.task.taskId }));
    const { ids, solved } = await attemptRepository.writeUnlockedAttempts(this.ctx.db, rows);
    const pairs = new Map<string, PairState>();
    inputs.forEach((a, i) => {
      const awarded = solved[i] ?? null;
      if (awarded !== null) pairs.set(pairKey(a.teamId, a.task.challengeId, a.task.taskId), { solved: awarded, penalties: [], wrong: 0, wrongPenalty: 0 });
    });
    const plan = planAttempts(inputs, { lockedAt: this.ctx.now(), penaltyMode: this.penaltyMode(), teamNames: new Map(), pairs, attemptIds: ids });
    const written = plan.attempts.length === inputs.length && plan.attempts.every((r) => r.penalty === 0 && !r.correct);
    if (!written || plan.solves.length > 0 || plan.totals.length > 0 || plan.events(new Set()).length > 0) {
      throw new Error('attempt plan: a batch that locks nothing wanted more than its attempt rows');
    }
    return plan.results;
  }

  /** Reads the state (under the locks the caller holds) and plans the batch. */
  private async plan(db: Db, inputs: readonly AttemptInput[], teamNames: Map<number, string>): Promise<AttemptPlan> {
    const unnamed = [...new Set(inputs.map((a) => a.teamId))].filter((id) => !teamNames.has(id));
    const keys = inputs.map((a) => ({ teamId: a.teamId, challengeId: a.task.challengeId, taskId: a.task.taskId, ruled: hasAttemptRules(a.task) }));
    const state = await attemptRepository.readAttemptState(db, keys, unnamed, inputs.length);
    for (const [id, name] of state.teamNames) teamNames.set(id, name);
    const claims = new Map<string, { challengeId: string; taskId: string }>();
    for (const a of inputs) {
      const key = attemptRepository.taskKey(a.task.challengeId, a.task.taskId);
      if (a.correct && state.unclaimed.has(key)) claims.set(key, a.task);
    }
    await attemptRepository.lockFirstSolveClaims(db, [...claims.values()]);
    // The clock is read under the locks: a clue unlock racing a solve is then recorded before
    // it exactly when it counted, and a task's first solve has its earliest solve time.
    const lockedAt = this.ctx.now();
    return planAttempts(inputs, { lockedAt, penaltyMode: this.penaltyMode(), teamNames, pairs: state.pairs, attemptIds: state.attemptIds });
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
      results = await this.execute(batch.map((p) => p.input));
    } catch (error) {
      if (isConnectionError(error) || batch.length === 1) {
        for (const p of batch) p.reject(error);
        return;
      }
      this.counters.fallbacks += 1;
      this.ctx.logger.warn('attempt batch failed; writing its attempts one by one', { size: batch.length, error: (error as Error).message });
      await Promise.all(batch.map((p) => this.execute([p.input]).then(([result]) => p.resolve(result as AttemptResult), p.reject)));
      return;
    }
    batch.forEach((p, i) => {
      p.resolve(results[i] as AttemptResult);
    });
  }
}
