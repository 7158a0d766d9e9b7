import type { Me, Scoreboard } from '../api-types.ts';
import type { Standing } from './jam-top-bar.ts';

/** The team's score and rank from `GET /api/me` (own score live, rank as the board shows it). */
export function standingFromMe(me: Me, previous: Standing | null): Standing {
  return {
    score: me.team?.score ?? null,
    rank: me.team?.rank ?? previous?.rank ?? null,
    total: previous?.total ?? null,
    frozen: previous?.frozen ?? false,
  };
}

/**
 * The standing after a board push. While frozen the board shows old scores, but a team knows
 * its own solves, so its score stays the live one from `/api/me`. `found` is false when the
 * team is not on the pushed page and `/api/me` must tell its rank.
 */
export function standingFromBoard(board: Scoreboard, teamId: number, previous: Standing | null): { standing: Standing; found: boolean } {
  const row = board.teams.find((t) => t.id === teamId);
  return {
    standing: {
      score: row && !board.frozen ? row.score : (previous?.score ?? row?.score ?? null),
      rank: row?.rank ?? previous?.rank ?? null,
      total: board.total,
      frozen: board.frozen,
    },
    found: row !== undefined || board.teams.length >= board.total,
  };
}
