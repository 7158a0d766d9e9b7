import type { AppContext } from '../../context.ts';
import type { ChallengeService } from '../challenges/challenge.service.ts';
import type { EventService } from '../event/event.service.ts';
import { rankTeams } from '../play/scoring.ts';
import * as scoreboardRepository from './scoreboard.repository.ts';
import type { BoardRow } from './scoreboard.repository.ts';
import { type EncodedBody, encodeBody } from './board-body.ts';
import { type JsonText, toJsonText } from '../../domain/json-text.ts';
import { LiveRows } from './live-rows.ts';

export interface BoardTeamDto {
  rank: number;
  id: number;
  name: string;
  score: number;
  solvedTasks: number;
  lastSolveAt: string | null;
}

export interface BoardPageDto {
  frozen: boolean;
  total: number;
  totalTasks: number;
  teams: BoardTeamDto[];
}

interface Board {
  teams: BoardTeamDto[];
  frozen: boolean;
  totalTasks: number;
  /** The default page (offset 0, limit 100), serialised and compressed once per rebuild. */
  defaultBody: EncodedBody<BoardPageDto>;
}

const DEFAULT_LIMIT = 100;
/** Under a burst of solves the board is rebuilt at most this often. */
const MIN_REBUILD_MS = 200;

/**
 * The scoreboard snapshot of this instance: rebuilt from the running totals when any
 * instance announces a score change (coalesced), read from memory by every request. The
 * public board switches to the as-of-freeze view at the cutoff; admins always get live.
 */
export class ScoreboardService {
  private live: Board | undefined;
  private publicBoard: Board | undefined;
  private frozenCutoff: number | null = null;
  /** A change that counts before the freeze committed since the frozen board was built. */
  private frozenStale = false;
  private rebuilding: Promise<void> | undefined;
  private pending = false;
  private lastBuild = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly rows = new LiveRows();

  constructor(
    private readonly ctx: AppContext,
    private readonly events: EventService,
    private readonly challenges: ChallengeService,
  ) {}

  async start(): Promise<void> {
    // Subscribed before the first read: a change committed after that read is always re-read.
    this.ctx.bus.subscribe((event) => {
      if (event.type !== 'scores') return;
      // The frozen board is a function of what counts before the cutoff: a change from before
      // it (a solve whose transaction committed late) or without a time (a rename) redoes it.
      const cutoff = this.frozenCutoff;
      const asOf = event.payload.asOf === undefined ? undefined : Date.parse(event.payload.asOf);
      if (cutoff === null || asOf === undefined || asOf < cutoff) this.frozenStale = true;
      this.rows.changed(event.payload.teamIds);
      this.invalidate();
    });
    this.events.onChange(() => {
      this.rows.everything();
      this.invalidate();
    });
    await this.rebuild();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  /** Called after each rebuild (the realtime hub pushes `scoreboard` then). */
  onRebuilt(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  invalidate(): void {
    if (this.timer || this.rebuilding) {
      this.pending = true;
      return;
    }
    const wait = Math.max(0, this.lastBuild + MIN_REBUILD_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.rebuild().catch((error: Error) => this.ctx.logger.warn('scoreboard rebuild failed', { error: error.message }));
    }, wait);
  }

  async rebuild(): Promise<void> {
    if (this.rebuilding) {
      this.pending = true;
      return this.rebuilding;
    }
    this.rebuilding = this.build().finally(() => {
      this.rebuilding = undefined;
      this.lastBuild = Date.now();
      if (this.pending) {
        this.pending = false;
        this.invalidate();
      }
    });
    return this.rebuilding;
  }

  private async build(): Promise<void> {
    const totalTasks = this.challenges.totalTasks();
    const live = await toBoard(await this.rows.read(this.ctx.db), false, totalTasks);
    const frozen = this.events.isFrozen();
    const cutoff = this.events.freezeCutoff();
    let publicBoard = live;
    if (frozen && cutoff) {
      // The as-of-freeze board changes only with the cutoff or a change that counts before it.
      const reuse = this.publicBoard?.frozen && this.frozenCutoff === cutoff.getTime() && !this.frozenStale;
      this.frozenStale = false;
      publicBoard =
        reuse && this.publicBoard
          ? this.publicBoard
          : await toBoard(await scoreboardRepository.rowsAsOf(this.ctx.db, cutoff, this.events.current().penaltyMode === 'immediate'), true, totalTasks);
      this.frozenCutoff = cutoff.getTime();
    } else {
      this.frozenCutoff = null;
    }
    this.live = live;
    this.publicBoard = publicBoard;
    for (const listener of this.listeners) listener();
  }

  /**
   * A page of the board the caller may see: the default page as the body of this version
   * (serialised and compressed once), any other page serialised now. The public board waits
   * for the frozen view at the freeze rather than leak a later solve.
   */
  async page(admin: boolean, offset = 0, limit = DEFAULT_LIMIT): Promise<EncodedBody<BoardPageDto> | JsonText<BoardPageDto>> {
    const board = admin ? await this.liveBoard() : await this.publicBoardNow();
    if (offset === 0 && limit === DEFAULT_LIMIT) return board.defaultBody;
    return serialise(board, offset, limit);
  }

  private async publicBoardNow(): Promise<Board> {
    if (!this.publicBoard || this.publicBoard.frozen !== this.events.isFrozen()) await this.rebuild();
    return this.publicBoard as Board;
  }

  private async liveBoard(): Promise<Board> {
    if (!this.live) await this.rebuild();
    return this.live as Board;
  }

  /** The current public default page, already serialised (for the stream). */
  publicDefaultJson(): string | undefined {
    if (this.publicBoard && this.publicBoard.frozen !== this.events.isFrozen()) {
      this.invalidate();
      return undefined;
    }
    return this.publicBoard?.defaultBody.json;
  }

  adminDefaultJson(): string | undefined {
    return this.live?.defaultBody.json;
  }

  /** Rank and score of one team on the board the caller may see. */
  async teamStanding(teamId: number, admin = false): Promise<{ rank: number | null; score: number | null; total: number }> {
    if (!this.publicBoard) await this.rebuild();
    const board = (admin ? this.live : this.publicBoard) as Board;
    const team = board.teams.find((t) => t.id === teamId);
    return { rank: team?.rank ?? null, score: team?.score ?? null, total: board.teams.length };
  }

  liveTeams(): readonly BoardTeamDto[] {
    return this.live?.teams ?? [];
  }

  publicTeams(): readonly BoardTeamDto[] {
    return this.publicBoard?.teams ?? [];
  }

  /**
   * The teams the public may see right now. A freeze or reveal reaches the snapshot up to
   * 200 ms later; a reader at that moment must not get the other board (a race drawn in the
   * frozen order under a podium in the revealed one).
   */
  async currentPublicTeams(): Promise<readonly BoardTeamDto[]> {
    return (await this.publicBoardNow()).teams;
  }
}

async function toBoard(rows: BoardRow[], frozen: boolean, totalTasks: number): Promise<Board> {
  const ranked = rankTeams(
    rows
      .filter((r) => !r.disqualified)
      .map((r) => ({ id: r.id, name: r.name, score: r.score, scoreReachedAt: r.scoreAt, solvedTasks: r.solvedTasks, lastSolveAt: r.lastSolveAt })),
  );
  const teams = ranked.map((t) => ({
    rank: t.rank,
    id: t.id,
    name: t.name,
    score: t.score,
    solvedTasks: t.solvedTasks,
    lastSolveAt: t.lastSolveAt?.toISOString() ?? null,
  }));
  return { teams, frozen, totalTasks, defaultBody: await encodeBody(serialise({ teams, frozen, totalTasks }, 0, DEFAULT_LIMIT)) };
}

function serialise(board: { teams: BoardTeamDto[]; frozen: boolean; totalTasks: number }, offset: number, limit: number): JsonText<BoardPageDto> {
  const dto: BoardPageDto = {
    frozen: board.frozen,
    total: board.teams.length,
    totalTasks: board.totalTasks,
    teams: board.teams.slice(offset, offset + limit),
  };
  return toJsonText(dto);
}
