import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/api.ts';
import type { ChallengeSummary, Option, PublicAnswer, Scoreboard } from '../../client/api-types.ts';
import { moveItem, reconcileOrder, secondsLeft, toPayload } from '../../client/app/answer-model.ts';
import { applyFilters, categoriesOf, categoryColour, filtersQuery, groupByCategory, NO_FILTERS, parseFilters } from '../../client/app/board-model.ts';
import { lobbyErrorKey } from '../../client/app/lobby-error.ts';
import { internalHref, parseRoute, routePath } from '../../client/app/router.ts';
import { standingFromBoard, standingFromMe } from '../../client/app/standing.ts';

const card = (id: string, category: string, difficulty: ChallengeSummary['difficulty'], solved: number, total: number): ChallengeSummary => ({
  id,
  title: id,
  category,
  difficulty,
  points: 100,
  solvedTasks: solved,
  totalTasks: total,
  summary: '',
  source: '',
  locked: false,
  lock: null,
});

describe('player routes', () => {
  it('map paths to the board, a challenge and the scoreboard, and back', () => {
    expect(parseRoute('/')).toEqual({ name: 'board' });
    expect(parseRoute('/c/ecr-pull-flow')).toEqual({ name: 'challenge', id: 'ecr-pull-flow' });
    expect(parseRoute('/c/ecr-pull-flow/')).toEqual({ name: 'challenge', id: 'ecr-pull-flow' });
    expect(parseRoute('/scoreboard')).toEqual({ name: 'scoreboard' });
    expect(parseRoute('/c/../admin')).toEqual({ name: 'not-found' });
    expect(routePath({ name: 'challenge', id: 'alpha' })).toBe('/c/alpha');
  });

  it('leave new-tab clicks, other origins, in-page anchors and API links to the browser', () => {
    const origin = 'http://jam.local';
    const anchor = (href: string, attrs: Record<string, string> = {}) =>
      ({
        href: new URL(href, origin).href,
        target: attrs.target ?? '',
        hasAttribute: (n: string) => n in attrs,
        getAttribute: (n: string) => (n === 'href' ? href : (attrs[n] ?? null)),
      }) as unknown as HTMLAnchorElement;
    const click = (extra: Partial<MouseEvent> = {}) =>
      ({ defaultPrevented: false, button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, ...extra }) as MouseEvent;
    expect(internalHref(anchor('/c/alpha'), click(), origin)).toBe('/c/alpha');
    expect(internalHref(anchor('/?category=Containers'), click(), origin)).toBe('/?category=Containers');
    expect(internalHref(anchor('/c/alpha'), click({ ctrlKey: true }), origin)).toBeNull();
    expect(internalHref(anchor('/c/alpha', { target: '_blank' }), click(), origin)).toBeNull();
    expect(internalHref(anchor('https://example.com/c/alpha'), click(), origin)).toBeNull();
    expect(internalHref(anchor('#main'), click(), origin)).toBeNull();
    expect(internalHref(anchor('/api/admin/export'), click(), origin)).toBeNull();
  });
});

describe('board model', () => {
  const all = [card('a', 'Containers', 'easy', 2, 2), card('b', 'Serverless', 'hard', 0, 3), card('c', 'Containers', 'medium', 1, 4)];

  it('filters by category, difficulty and unsolved', () => {
    expect(applyFilters(all, NO_FILTERS).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(applyFilters(all, { ...NO_FILTERS, category: 'Containers' }).map((c) => c.id)).toEqual(['a', 'c']);
    expect(applyFilters(all, { ...NO_FILTERS, difficulty: 'hard' }).map((c) => c.id)).toEqual(['b']);
    expect(applyFilters(all, { ...NO_FILTERS, unsolved: true }).map((c) => c.id)).toEqual(['b', 'c']);
  });

  it('round-trips the filters through the URL query and ignores unknown values', () => {
    const filters = { category: 'Containers', difficulty: 'expert' as const, unsolved: true };
    expect(parseFilters(filtersQuery(filters))).toEqual(filters);
    expect(filtersQuery(NO_FILTERS)).toBe('');
    expect(parseFilters('?difficulty=impossible&unsolved=yes')).toEqual(NO_FILTERS);
  });

  it('groups by category in set order and keeps a category colour whatever the filter', () => {
    expect(groupByCategory(all).map((g) => [g.category, g.challenges.map((c) => c.id)])).toEqual([
      ['Containers', ['a', 'c']],
      ['Serverless', ['b']],
    ]);
    const categories = categoriesOf(all);
    expect(categoryColour('Serverless', categories)).toBe(2);
    expect(categoryColour('Containers', ['Serverless', 'Containers'])).toBe(categoryColour('Containers', categories));
    const many = Array.from({ length: 10 }, (_, i) => `Cat ${i}`);
    expect(new Set(many.map((c) => categoryColour(c, many))).size).toBe(8);
  });
});

describe('answer model', () => {
  const items: Option[] = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
    { id: 'c', label: 'C' },
  ];

  it('moves an item and clamps the target to the list', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });

  it("keeps the player's order when the same items come back, with fresh labels", () => {
    const mine = [items[2]!, items[0]!, items[1]!];
    const relabelled = items.map((i) => ({ ...i, label: `${i.label}!` }));
    expect(reconcileOrder(mine, relabelled).map((i) => `${i.id}:${i.label}`)).toEqual(['c:C!', 'a:A!', 'b:B!']);
    expect(reconcileOrder(mine, [items[0]!])).toEqual([items[0]]);
  });

  it('builds the payload per type and names what is missing', () => {
    const text: PublicAnswer = { type: 'text' };
    expect(toPayload(text, { type: 'text', text: '  ' })).toEqual({ ok: false, problem: 'answer.empty' });
    expect(toPayload(text, { type: 'text', text: 'HTTP 307' })).toEqual({ ok: true, payload: 'HTTP 307' });
    const number: PublicAnswer = { type: 'number', unit: 'times' };
    expect(toPayload(number, { type: 'number', text: '１，０００' })).toEqual({ ok: true, payload: '１，０００' });
    expect(toPayload(number, { type: 'number', text: 'seven' })).toEqual({ ok: false, problem: 'answer.number.invalid' });
    const choice: PublicAnswer = { type: 'choice', options: items, multiple: true };
    expect(toPayload(choice, { type: 'choice', selected: [] })).toEqual({ ok: false, problem: 'answer.choice.empty' });
    const match: PublicAnswer = { type: 'match', left: items.slice(0, 2), right: items };
    expect(toPayload(match, { type: 'match', pairs: { a: 'c' } })).toEqual({ ok: false, problem: 'answer.match.incomplete' });
    expect(toPayload(match, { type: 'match', pairs: { a: 'c', b: 'a' } })).toEqual({ ok: true, payload: { a: 'c', b: 'a' } });
    expect(toPayload({ type: 'order', items }, { type: 'order', ids: ['c', 'b', 'a'] })).toEqual({ ok: true, payload: ['c', 'b', 'a'] });
  });

  it('counts a rate-limit wait down to zero, rounding up', () => {
    expect(secondsLeft(1000, 30, 1000)).toBe(30);
    expect(secondsLeft(1000, 30, 1500)).toBe(30);
    expect(secondsLeft(1000, 30, 30_001)).toBe(1);
    expect(secondsLeft(1000, 30, 31_000)).toBe(0);
  });
});

describe('lobby errors', () => {
  it('explain a taken name, a full team and an unknown code', () => {
    expect(lobbyErrorKey(new ApiError(409, 'name_taken', 'taken'), 'create')).toBe('lobby.create.taken');
    expect(lobbyErrorKey(new ApiError(409, 'team_full', 'full'), 'join')).toBe('lobby.join.full');
    expect(lobbyErrorKey(new ApiError(404, 'not_found', 'none'), 'join')).toBe('lobby.join.notFound');
    expect(lobbyErrorKey(new ApiError(400, 'invalid_input', 'short'), 'join')).toBe('lobby.join.notFound');
    expect(lobbyErrorKey(new ApiError(0, 'network', 'offline'), 'create')).toBe('common.networkError');
  });
});

describe('team standing', () => {
  const me = (score: number, rank: number | null) =>
    ({ player: { id: 1, displayName: 'A', language: 'en', teamId: 7 }, team: { id: 7, score, rank, publicScore: score } }) as never;
  const board = (frozen: boolean, rows: Array<[number, number, number]>, total = rows.length): Scoreboard => ({
    frozen,
    total,
    totalTasks: 10,
    teams: rows.map(([id, rank, score]) => ({ id, rank, score, name: `t${id}`, solvedTasks: 0, lastSolveAt: null })),
  });

  it('takes score and rank from the board while it is live', () => {
    const start = standingFromMe(me(100, 2), null);
    const { standing, found } = standingFromBoard(
      board(false, [
        [3, 1, 300],
        [7, 2, 150],
      ]),
      7,
      start,
    );
    expect(standing).toEqual({ score: 150, rank: 2, total: 2, frozen: false });
    expect(found).toBe(true);
  });

  it("keeps the team's own live score while the board is frozen", () => {
    const start = standingFromMe(me(400, 2), null);
    const { standing } = standingFromBoard(
      board(true, [
        [3, 1, 300],
        [7, 2, 150],
      ]),
      7,
      start,
    );
    expect(standing).toEqual({ score: 400, rank: 2, total: 2, frozen: true });
  });

  it('asks for /api/me when the team is beyond the pushed page', () => {
    const { found, standing } = standingFromBoard(board(false, [[3, 1, 300]], 250), 7, null);
    expect(found).toBe(false);
    expect(standing.total).toBe(250);
  });
});
