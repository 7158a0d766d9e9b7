import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import * as scoreboardRepository from './scoreboard.repository.ts';
import type { BoardRow } from './scoreboard.repository.ts';

/**
 * The live board's rows, kept in memory between rebuilds. A `scores` event names the teams
 * it changed, and the next rebuild re-reads only those. Reading every team at each rebuild
 * cost tens of milliseconds with 2,000 teams, on every instance, up to five times a second
 * while solves stream in: with four instances on two cores that was most of the machine.
 * A change that names no team (a reset, a clock change, a reload) re-reads them all.
 */
export class LiveRows {
  private rows = new Map<number, BoardRow>();
  private readonly dirty = new Set<number>();
  private full = true;

  /** These teams changed; none named means any may have. */
  changed(teamIds: readonly number[]): void {
    if (teamIds.length === 0) this.full = true;
    for (const id of teamIds) this.dirty.add(id);
  }

  everything(): void {
    this.full = true;
  }

  /** Every team's row as of now, reading only what changed since the last call. */
  async read(db: Kysely<Database>): Promise<BoardRow[]> {
    // Taken before the query: a change announced while it runs is read by the next call.
    const ids = [...this.dirty];
    // Past a few hundred teams one read of all of them is cheaper than a long id list.
    const full = this.full || ids.length > 500;
    this.full = false;
    this.dirty.clear();
    try {
      if (full) {
        this.rows = new Map((await scoreboardRepository.liveRows(db)).map((r) => [r.id, r]));
      } else if (ids.length > 0) {
        const fresh = await scoreboardRepository.liveRows(db, ids);
        // A named team that is gone (deleted) drops out.
        for (const id of ids) this.rows.delete(id);
        for (const row of fresh) this.rows.set(row.id, row);
      }
    } catch (error) {
      if (full) this.full = true;
      for (const id of ids) this.dirty.add(id);
      throw error;
    }
    return [...this.rows.values()];
  }
}
