import type { Db } from '../../db/transaction.ts';
import type { AnswerSpec, Difficulty, LocalizedText, UnlockRule } from './challenge.ts';
import * as challengeRepository from './challenge.repository.ts';

export interface CatalogClue {
  index: number;
  text: LocalizedText;
  penalty: number;
  /** Minutes of running event time after which every team gets it free; null for never. */
  releaseAfterMinutes: number | null;
}

export interface CatalogTask {
  challengeId: string;
  id: string;
  /** 1-based position among the challenge's visible tasks. */
  index: number;
  title: LocalizedText;
  prompt: LocalizedText;
  points: number;
  answer: AnswerSpec;
  debrief: LocalizedText;
  clues: CatalogClue[];
  hidden: boolean;
  /** Most wrong attempts a team may make; null for no limit. */
  attempts: number | null;
  /** Points off the award per wrong attempt (0 for none). */
  wrongPenalty: number;
}

export interface CatalogChallenge {
  id: string;
  position: number;
  title: LocalizedText;
  category: string;
  difficulty: Difficulty;
  source: string;
  summary: LocalizedText;
  briefing: LocalizedText;
  tags: string[];
  /** Gone from the files. */
  hidden: boolean;
  /** The file says `hidden: true` and no admin has put it in play yet. */
  held: boolean;
  /** The file's unlock rule; null when it is open from the start. */
  unlock: UnlockRule | null;
  /** When an admin opened it for every team, whatever `unlock` says. */
  openedAt: Date | null;
  contentHash: string;
  /** Visible tasks in order. */
  tasks: CatalogTask[];
}

/** Runs `work` on one snapshot of the database (a repeatable-read transaction). */
export type ReadSnapshot = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

/**
 * The challenge set as stored, held in memory by each instance (answer keys included: it
 * never leaves the server as is). Built from the database, not the files, so every
 * instance plays the same set; rebuilt when any instance announces a reload.
 */
export class Catalog {
  private challenges: CatalogChallenge[] = [];
  private byId = new Map<string, CatalogChallenge>();
  private tasks = new Map<string, CatalogTask>();

  /** Loads started so far, and the latest whose result is in memory: an older one never overwrites it. */
  private started = 0;
  private applied = 0;

  /**
   * Rebuilds the set from one snapshot of the database (`read` runs its work in one
   * transaction). Loads overlap: a change's own load and the one its event starts on this
   * instance may finish in either order, so a load that finishes after a later-started
   * one has been applied is dropped, or it would put back the state from before the change.
   */
  async load(read: ReadSnapshot): Promise<void> {
    const ticket = ++this.started;
    const [challengeRows, taskRows, clueRows] = await read((db) =>
      Promise.all([challengeRepository.listChallengeRows(db), challengeRepository.listTaskRows(db), challengeRepository.listClueRows(db)]),
    );
    if (ticket < this.applied) return;
    this.applied = ticket;
    const cluesByTask = new Map<string, CatalogClue[]>();
    for (const row of clueRows) {
      const key = taskKey(row.challenge_id, row.task_id);
      const list = cluesByTask.get(key) ?? [];
      list.push({ index: row.idx, text: row.text, penalty: row.penalty, releaseAfterMinutes: row.release_after_minutes });
      cluesByTask.set(key, list);
    }
    const tasks = new Map<string, CatalogTask>();
    const tasksByChallenge = new Map<string, CatalogTask[]>();
    for (const row of taskRows) {
      const list = tasksByChallenge.get(row.challenge_id) ?? [];
      const task: CatalogTask = {
        challengeId: row.challenge_id,
        id: row.id,
        index: row.hidden ? 0 : list.filter((t) => !t.hidden).length + 1,
        title: row.title,
        prompt: row.prompt,
        points: row.points,
        answer: row.answer as AnswerSpec,
        debrief: row.debrief,
        clues: cluesByTask.get(taskKey(row.challenge_id, row.id)) ?? [],
        hidden: row.hidden,
        attempts: row.attempts,
        wrongPenalty: row.wrong_penalty,
      };
      list.push(task);
      tasksByChallenge.set(row.challenge_id, list);
      tasks.set(taskKey(row.challenge_id, row.id), task);
    }
    const challenges = challengeRows.map(
      (row): CatalogChallenge => ({
        id: row.id,
        position: row.position,
        title: row.title,
        category: row.category,
        difficulty: row.difficulty,
        source: row.source,
        summary: row.summary,
        briefing: row.briefing,
        tags: row.tags,
        hidden: row.hidden,
        held: row.held && row.released_at === null,
        unlock: row.unlock,
        openedAt: row.opened_at,
        contentHash: row.content_hash,
        tasks: (tasksByChallenge.get(row.id) ?? []).filter((t) => !t.hidden),
      }),
    );
    this.challenges = challenges;
    this.byId = new Map(challenges.map((c) => [c.id, c]));
    this.tasks = tasks;
  }

  /** Every stored challenge, hidden ones included, in board order. */
  all(): readonly CatalogChallenge[] {
    return this.challenges;
  }

  find(id: string): CatalogChallenge | undefined {
    return this.byId.get(id);
  }

  findTask(challengeId: string, taskId: string): CatalogTask | undefined {
    return this.tasks.get(taskKey(challengeId, taskId));
  }

  /** Visible tasks in play: the board's total. */
  countTasks(inPlay: (challenge: CatalogChallenge) => boolean): number {
    let total = 0;
    for (const c of this.challenges) if (inPlay(c)) total += c.tasks.length;
    return total;
  }
}

function taskKey(challengeId: string, taskId: string): string {
  return `${challengeId}\u0000${taskId}`;
}
