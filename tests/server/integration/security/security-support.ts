import { expect } from 'vitest';
import { sql } from 'kysely';
import type { JsonResponse, TestApp } from '../../../support/app.ts';
import type { Backend } from '../../../support/backends.ts';
import { openDatabase } from '../../../../server/db/open.ts';
import { migrateToLatest } from '../../../../server/db/migrate.ts';
import type { CatalogChallenge } from '../../../../server/features/challenges/catalog.ts';
import type { LocalizedText } from '../../../../server/features/challenges/challenge.ts';
import { renderText } from '../../../../server/features/challenges/markdown.ts';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';

/**
 * The embedded backend alone. These suites check routing, guards and validation, which do
 * not depend on the database engine, and they make hundreds of requests.
 */
export const PGLITE: Backend = {
  name: 'pglite',
  async open() {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(handle.db);
    return { handle, url: undefined, close: () => handle.close() };
  },
};

export interface Route {
  method: string;
  path: string;
}

/**
 * Every concrete route of the app, read from the Hono router so that a new route is
 * covered without editing these tests. Left out: `GET /api/stream` never finishes its
 * response (realtime has its own tests), and `/labs/*` speaks the emulated cloud APIs'
 * own error formats rather than the house envelope (labs tests cover it).
 */
export function appRoutes(t: TestApp): Route[] {
  const seen = new Set<string>();
  return t.app.routes
    .filter((r) => r.method !== 'ALL' && r.path !== '/api/stream' && !r.path.startsWith('/labs'))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && Boolean(seen.add(`${r.method} ${r.path}`)))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** Replaces every `:name` (and `:name{regex}`) segment with `value(name)`. */
export function fillPath(path: string, value: (name: string) => string): string {
  return path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => value(name));
}

/** Row counts of every table in the database (read from the catalog, so new tables count too). */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(t.ctx.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    if (name.startsWith('kysely_')) continue;
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(t.ctx.db);
    out[name] = Number(result.rows[0]?.n ?? 0);
  }
  return out;
}

export function expectEnvelope(res: JsonResponse, what: string): void {
  expect(res.status, `${what} → ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) expect(res.body, `${what} → error envelope`).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
}

/** Plain text of rendered Markdown, to find a text whatever HTML wraps it. */
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The JSON-escaped form, as a string appears inside a response body. */
const escaped = (s: string) => JSON.stringify(s).slice(1, -1);

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

function texts(text: LocalizedText): string[] {
  return (['en', 'ja'] as const).flatMap((lang) => (text[lang] ? [text[lang] as string, plain(renderText(text, lang))] : [])).filter((s) => s.length > 0);
}

/** The needles of `needles` that occur in a response body, raw, escaped or as rendered text. */
export function leaked(res: JsonResponse, needles: string[]): string[] {
  const raw = typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? null);
  const plainText = allStrings(res.body).map(plain).join('\n');
  return needles.filter((n) => raw.includes(n) || raw.includes(escaped(n)) || plainText.includes(n));
}

/**
 * What a player of `teamId` must not see right now: every answer key (accepted texts long
 * enough not to match ids or timestamps, patterns, choice keys, key orders, pairs), every
 * team's lab flag, the text of each clue the team has not unlocked, and the debrief of each
 * task it has not solved.
 */
export async function secretsFor(t: TestApp, catalog: CatalogChallenge[], teamId: number | null, teamIds: number[]): Promise<string[]> {
  const unlocked = new Set<string>();
  const solved = new Set<string>();
  if (teamId !== null) {
    for (const u of await t.ctx.db.selectFrom('clue_unlock').select(['challenge_id', 'task_id', 'idx']).where('team_id', '=', teamId).execute())
      unlocked.add(`${u.challenge_id}/${u.task_id}/${u.idx}`);
    for (const s of await t.ctx.db.selectFrom('solve').select(['challenge_id', 'task_id']).where('team_id', '=', teamId).execute())
      solved.add(`${s.challenge_id}/${s.task_id}`);
  }
  const visible = new Set<string>();
  for (const c of catalog)
    for (const task of c.tasks)
      for (const clue of task.clues) if (unlocked.has(`${c.id}/${task.id}/${clue.index}`)) for (const s of texts(clue.text)) visible.add(s);
  const out: string[] = [];
  for (const c of catalog) {
    for (const task of c.tasks) {
      const spec = task.answer;
      if (spec.type === 'text') out.push(...spec.accept.filter((key) => key.length >= 4 && !/^\d+$/.test(key)));
      if (spec.type === 'regex') out.push(spec.pattern);
      if (spec.type === 'choice') out.push(JSON.stringify(spec.correct));
      if (spec.type === 'order') out.push(JSON.stringify(spec.items.map((item) => item.id)));
      if (spec.type === 'match') out.push(JSON.stringify(spec.pairs));
      if (spec.type === 'lab') for (const id of teamIds) out.push(deriveLabFlag(t.ctx.secrets.labSecret, id, c.id, task.id));
      for (const clue of task.clues) if (!unlocked.has(`${c.id}/${task.id}/${clue.index}`)) out.push(...texts(clue.text).filter((s) => !visible.has(s)));
      if (!solved.has(`${c.id}/${task.id}`)) out.push(...texts(task.debrief));
    }
  }
  return [...new Set(out)];
}
