import type { ChallengeSummary, Difficulty } from '../api-types.ts';

/** The board's filters, kept in the URL query so Back returns to the same view. */
export interface BoardFilters {
  category: string | null;
  difficulty: Difficulty | null;
  unsolved: boolean;
}

export const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard', 'expert'];
/** How many category colours the tokens define (`--jam-color-category-1..8`). */
export const CATEGORY_COLOURS = 8;

export const NO_FILTERS: BoardFilters = { category: null, difficulty: null, unsolved: false };

export function parseFilters(search: string): BoardFilters {
  const params = new URLSearchParams(search);
  const difficulty = params.get('difficulty');
  return {
    category: params.get('category') || null,
    difficulty: DIFFICULTIES.includes(difficulty as Difficulty) ? (difficulty as Difficulty) : null,
    unsolved: params.get('unsolved') === '1',
  };
}

export function filtersQuery(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.category) params.set('category', filters.category);
  if (filters.difficulty) params.set('difficulty', filters.difficulty);
  if (filters.unsolved) params.set('unsolved', '1');
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function isSolved(challenge: Pick<ChallengeSummary, 'solvedTasks' | 'totalTasks'>): boolean {
  return challenge.totalTasks > 0 && challenge.solvedTasks >= challenge.totalTasks;
}

export function applyFilters(challenges: readonly ChallengeSummary[], filters: BoardFilters): ChallengeSummary[] {
  return challenges.filter(
    (c) =>
      (filters.category === null || c.category === filters.category) &&
      (filters.difficulty === null || c.difficulty === filters.difficulty) &&
      (!filters.unsolved || !isSolved(c)),
  );
}

/** Categories in the order they first appear in the challenge set. */
export function categoriesOf(challenges: readonly ChallengeSummary[]): string[] {
  return [...new Set(challenges.map((c) => c.category))];
}

/** Challenges grouped by category, groups and cards keeping the set's order. */
export function groupByCategory(challenges: readonly ChallengeSummary[]): Array<{ category: string; challenges: ChallengeSummary[] }> {
  const groups = new Map<string, ChallengeSummary[]>();
  for (const c of challenges) groups.set(c.category, [...(groups.get(c.category) ?? []), c]);
  return [...groups].map(([category, list]) => ({ category, challenges: list }));
}

/**
 * A category's colour (1-based token index), from the sorted list of every category in the
 * set, so a filter never changes which colour a category wears.
 */
export function categoryColour(category: string, allCategories: readonly string[]): number {
  const sorted = [...new Set(allCategories)].sort((a, b) => a.localeCompare(b, 'en'));
  const index = sorted.indexOf(category);
  return (Math.max(0, index) % CATEGORY_COLOURS) + 1;
}

/** Why a card is locked, as the keys and values the card words it with (in order). */
export function lockReasons(
  lock: ChallengeSummary['lock'],
  joiner: string,
): Array<{ key: 'board.lock.after' | 'board.lock.time'; values: Record<string, string> }> {
  if (!lock) return [];
  const reasons: ReturnType<typeof lockReasons> = [];
  if (lock.after.length > 0) reasons.push({ key: 'board.lock.after', values: { titles: lock.after.map((c) => c.title).join(joiner) } });
  if (lock.atMinute !== null) reasons.push({ key: 'board.lock.time', values: { time: eventMinute(lock.atMinute) } });
  return reasons;
}

/** "1:30" for 90 minutes into the event. */
export function eventMinute(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * When to ask the server again because a time lock comes due: the soonest `opensInMs` on the
 * board, a little late so the server agrees, or null when no card opens by time. The time
 * runs only while the event does, so the caller schedules only then.
 */
export function nextOpeningDelay(challenges: readonly ChallengeSummary[]): number | null {
  const delays = challenges.map((c) => c.lock?.opensInMs).filter((ms): ms is number => typeof ms === 'number');
  return delays.length === 0 ? null : Math.min(...delays) + 500;
}
