import type { AppContext } from '../../context.ts';
import type { Trx } from '../../db/transaction.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import { insertAudit, SYSTEM_ACTOR, type AuditActor } from '../audit/audit.repository.ts';
import type { EventService } from '../event/event.service.ts';
import { Catalog, type CatalogChallenge, type ReadSnapshot } from './catalog.ts';
import * as challengeRepository from './challenge.repository.ts';
import type { Problem } from './challenge.lint.ts';
import { formatProblem } from './challenge.lint.ts';
import { loadChallengeTree, type LoadResult } from './challenge.loader.ts';
import { boardOrder } from './challenge.ts';
import { timingWarnings } from './fair-play.lint.ts';

export interface ReloadReport {
  ok: boolean;
  problems: (Problem & { text: string })[];
  /** Reported, not blocking: guessable tasks, times past the event's length, ... */
  warnings: { text: string }[];
  added: string[];
  updated: string[];
  unchanged: string[];
  hidden: string[];
}

/**
 * The challenge set in play: files → lint → database (sync) → in-memory catalog. A tree
 * with any problem changes nothing; the report carries every problem.
 */
export class ChallengeService {
  readonly catalog = new Catalog();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
  ) {}

  /** One snapshot for the three reads of a catalog load. */
  private readonly snapshot: ReadSnapshot = (work) => this.ctx.database.transaction(work, { isolation: 'repeatable read' });

  async start(): Promise<void> {
    await this.catalog.load(this.snapshot);
    this.ctx.bus.subscribe((event) => {
      if (event.type === 'challenges') {
        void this.loadCatalog().catch((error: Error) => this.ctx.logger.warn('catalog reload failed', { error: error.message }));
      }
    });
  }

  /** Called after this instance's catalog was rebuilt (a reload, a release or an opening on any instance). */
  onCatalogChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async loadCatalog(): Promise<void> {
    await this.catalog.load(this.snapshot);
    for (const listener of this.listeners) listener();
  }

  /** Whether players see a challenge: stored, not hidden or held, and in the event's selection. */
  isInPlay(challenge: CatalogChallenge): boolean {
    if (challenge.hidden || challenge.held || challenge.tasks.length === 0) return false;
    const inPlay = this.events.current().inPlay;
    return inPlay === null || inPlay.includes(challenge.id);
  }

  inPlay(): CatalogChallenge[] {
    return this.catalog.all().filter((c) => this.isInPlay(c));
  }

  totalTasks(): number {
    return this.catalog.countTasks((c) => this.isInPlay(c));
  }

  /** Lints `dir` (or takes an already loaded tree) and, when it is valid, syncs it into play. */
  async reload(dir = this.ctx.config.challengesDir, by: AuditActor | string = SYSTEM_ACTOR, preloaded?: Promise<LoadResult>): Promise<ReloadReport> {
    const actor = actorOf(by);
    const loaded = await (preloaded ?? loadChallengeTree(dir));
    const problems = loaded.problems;
    const challenges = boardOrder(loaded.challenges);
    const duration = this.events.current().clock.durationMinutes;
    const report: ReloadReport = {
      ok: problems.length === 0,
      problems: problems.map((p) => ({ ...p, text: formatProblem(p) })),
      warnings: [
        ...loaded.warnings.map((w) => ({ text: formatProblem(w) })),
        ...timingWarnings(
          challenges.map((c) => c.definition),
          duration,
        ).map((text) => ({ text: `warning: ${text}` })),
      ],
      added: [],
      updated: [],
      unchanged: [],
      hidden: [],
    };
    if (!report.ok) {
      await insertAudit(this.ctx.db, actor, { action: 'challenges.reload.rejected', details: { problems: problems.length } });
      return report;
    }
    const now = this.ctx.now();
    await this.ctx.database.transaction(async (trx) => {
      const existing = await challengeRepository.findHashes(trx);
      const seen = new Set<string>();
      for (const [position, loaded] of challenges.entries()) {
        const id = loaded.definition.id;
        seen.add(id);
        const before = existing.get(id);
        if (before && before.hash === loaded.contentHash && !before.hidden) {
          if (before.position !== position) await challengeRepository.setPosition(trx, id, position);
          report.unchanged.push(id);
          continue;
        }
        await challengeRepository.upsertChallenge(trx, loaded.definition, loaded.contentHash, position, now);
        (before ? report.updated : report.added).push(id);
      }
      report.hidden = [...existing.entries()].filter(([id, v]) => !seen.has(id) && !v.hidden).map(([id]) => id);
      await challengeRepository.hideChallenges(trx, report.hidden);
      await insertAudit(trx, actor, {
        action: 'challenges.reload',
        details: { added: report.added, updated: report.updated, hidden: report.hidden },
      });
      if (report.added.length + report.updated.length + report.hidden.length > 0) {
        await publish(trx, { type: 'challenges', scope: 'public', payload: { reason: 'reload', at: now.toISOString() } });
        // Totals shown on the board (tasks in play) may change.
        await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [], reason: 'challenges.reload' } });
      }
    });
    await this.loadCatalog();
    return report;
  }

  /** Timed rules of the set in play that fall at or after the event's end (said when it starts). */
  timingWarnings(durationMinutes: number): string[] {
    const inPlay = this.inPlay().map((c) => ({
      id: c.id,
      unlock: c.openedAt === null ? (c.unlock ?? undefined) : undefined,
      tasks: c.tasks.map((t) => ({
        id: t.id,
        clues: t.clues.map((clue) => ({ index: clue.index, releaseAfterMinutes: clue.releaseAfterMinutes ?? undefined })),
      })),
    }));
    return timingWarnings(inPlay, durationMinutes);
  }

  /** Puts a `hidden: true` challenge in play (an admin's decision; it outlives reloads). */
  async release(id: string, by: AuditActor | string = SYSTEM_ACTOR): Promise<void> {
    await this.adminChange(id, actorOf(by), 'release', async (trx, now) => {
      if (!(await challengeRepository.releaseChallenge(trx, id, now))) throw new DomainError('conflict', `"${id}" is not held back: it is already in play`);
    });
  }

  /** Opens a challenge with an unlock rule for every team at once. */
  async open(id: string, by: AuditActor | string = SYSTEM_ACTOR): Promise<void> {
    await this.adminChange(id, actorOf(by), 'open', async (trx, now) => {
      if (!(await challengeRepository.openChallenge(trx, id, now))) {
        throw new DomainError('conflict', `"${id}" has no unlock rule or is already open for everyone`);
      }
    });
  }

  private async adminChange(id: string, actor: AuditActor, action: 'release' | 'open', change: (trx: Trx, now: Date) => Promise<void>) {
    const challenge = this.catalog.find(id);
    if (!challenge || challenge.hidden) throw new DomainError('not_found', `no challenge "${id}"`);
    const now = this.ctx.now();
    await this.ctx.database.transaction(async (trx) => {
      await change(trx, now);
      await insertAudit(trx, actor, { action: `challenges.${action}`, target: id });
      // Boards and open challenge pages refetch: the card appears or opens without a reload.
      await publish(trx, { type: 'challenges', scope: 'public', payload: { reason: action, at: now.toISOString() } });
      if (action === 'release') await publish(trx, { type: 'scores', scope: 'public', payload: { teamIds: [], reason: 'challenges.release' } });
    });
    await this.loadCatalog();
  }
}

/** A process (startup, the file watcher) is named by a word; a person by their account. */
function actorOf(by: AuditActor | string): AuditActor {
  return typeof by === 'string' ? { id: null, name: by } : by;
}
