import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { openDatabase } from '../../../server/db/open.ts';
import { ERROR_CODES } from '../../../server/domain/errors.ts';
import { WIRE_EVENT_NAMES } from '../../../server/realtime/wire.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import type { Backend } from '../../support/backends.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DOC = path.join(ROOT, 'docs/api.md');

/** Routing does not depend on the database engine: one in-memory PGlite, from the run's migrated copy. */
const PGLITE: Backend = {
  name: 'pglite',
  async open() {
    const snapshot = inject('pgliteSnapshot');
    const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: snapshot ? new Blob([fs.readFileSync(snapshot)]) : undefined });
    await migrateToLatest(handle.db);
    return { handle, url: undefined, close: () => handle.close() };
  },
};

/** `GET /api/x` as the doc writes a route: the method and Hono's path, in backticks. */
const routeKey = (method: string, routePath: string) => `${method} ${routePath}`;

/** The routes in the doc's "Route index" section, as written there. */
function indexedRoutes(doc: string): string[] {
  const section = doc.split(/^## Route index$/m)[1]?.split(/^## /m)[0] ?? '';
  return [...section.matchAll(/`((?:GET|POST|PUT|PATCH|DELETE) \/[^`\s]*)`/g)].map((m) => m[1]!);
}

/**
 * docs/api.md against the app itself: every route Hono registers (`app.routes`, read from the
 * real app so a new route cannot slip by) must be in the route index, and the index must not
 * list routes that are gone. `ALL` entries are middleware and the labs' catch-all answers.
 */
describe('docs/api.md', () => {
  let t: TestApp;
  let doc: string;
  let registered: string[];

  beforeAll(async () => {
    t = await createTestApp(PGLITE);
    doc = await readFile(DOC, 'utf8');
    registered = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => routeKey(r.method, r.path)))];
  });
  afterAll(async () => {
    await t?.close();
  });

  it('indexes every route the app registers', () => {
    expect(registered.length).toBeGreaterThan(60);
    const indexed = new Set(indexedRoutes(doc));
    const missing = registered.filter((route) => !indexed.has(route));
    expect(missing, `routes missing from the route index of docs/api.md:\n${missing.join('\n')}`).toEqual([]);
  });

  it('indexes no route the app does not register', () => {
    const known = new Set(registered);
    const stale = indexedRoutes(doc).filter((route) => !known.has(route));
    expect(stale, `routes in docs/api.md that the app does not register:\n${stale.join('\n')}`).toEqual([]);
  });

  it('documents every error code and every stream event', () => {
    const missingCodes = ERROR_CODES.filter((code) => !doc.includes(`| \`${code}\``));
    expect(missingCodes, 'error codes missing from the error table').toEqual([]);
    const missingEvents = WIRE_EVENT_NAMES.filter((name) => !doc.includes(`| \`${name}\``));
    expect(missingEvents, 'stream events missing from the event table').toEqual([]);
  });

  it('is linked from the README and points only inside the repository', async () => {
    expect(await readFile(path.join(ROOT, 'README.md'), 'utf8')).toContain('](docs/api.md)');
    const links = [...doc.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^https?:/.test(target));
    for (const target of links) expect(path.resolve(path.dirname(DOC), target).startsWith(ROOT), target).toBe(true);
    expect(doc).not.toMatch(/\.\.\/shared|DESIGN\.md|CONTENT\.md|sources\//);
  });
});
