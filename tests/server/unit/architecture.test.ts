import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The boundaries docs/architecture.md describes, checked on the source so that a new
 * feature cannot quietly go around them: one writer of the outbox, one writer of the
 * running totals, transactions only through the helper (whose after-commit hook sends the
 * NOTIFY), queries built only in repositories, domain errors outside http/.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (entry.name.endsWith('.ts')) out.push({ file: rel, text: fs.readFileSync(path.join(root, rel), 'utf8') });
  }
  return out;
}

const server = sources('server');
const matching = (pattern: RegExp) => server.filter((s) => pattern.test(s.text)).map((s) => s.file);

describe('the engine boundaries', () => {
  it('writes event_log only in realtime/outbox.ts', () => {
    expect(matching(/insert\s+into\s+"?event_log|insertInto\(\s*'event_log'/i)).toEqual(['server/realtime/outbox.ts']);
  });

  it('writes team totals only in the scoreboard feature', () => {
    const writers = server
      .filter(
        (s) =>
          /update\s+team\b[\s\S]{0,200}\bset\b[\s\S]{0,400}\b(score|solved_tasks|score_at|last_solve_at)\s*=/i.test(s.text) ||
          /updateTable\(\s*'team'\s*\)[\s\S]{0,300}\b(score|solved_tasks)\b/.test(s.text),
      )
      .map((s) => s.file);
    expect(writers).toEqual(['server/features/scoreboard/totals.repository.ts']);
  });

  it('opens transactions only through the helper with after-commit hooks', () => {
    expect(matching(/\.transaction\(\)/)).toEqual(['server/db/transaction.ts']);
  });

  it('runs no queries in services', () => {
    const services = server.filter((s) => s.file.endsWith('.service.ts'));
    expect(services.length).toBeGreaterThan(5);
    expect(services.filter((s) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('runs queries in a feature only from its repositories (not in routes, wiring or domain files)', () => {
    const features = server.filter((s) => s.file.startsWith('server/features/') && !s.file.endsWith('.repository.ts'));
    expect(features.filter((s) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|(?<![\w/])sql`/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('keeps domain errors out of http/ (services and domain files import them from domain/errors.ts)', () => {
    expect(matching(/class\s+DomainError\b/)).toEqual(['server/domain/errors.ts']);
    expect(matching(/import\s*\{[^}]*\b(DomainError|ValidationError|RateLimitedError)\b[^}]*\}\s*from\s*'[^']*http\/errors\.ts'/)).toEqual([]);
  });

  it('lists the wire event names once and the client listens to that list', () => {
    const client = fs.readFileSync(path.join(root, 'client/realtime.ts'), 'utf8');
    expect(client).toContain('WIRE_EVENT_NAMES');
    expect(client).not.toMatch(/'hello',\s*'scoreboard'/);
  });
});

describe('file names', () => {
  const code = [...server, ...sources('client')];

  it('are kebab-case, with at most one role after a dot (docs/architecture.md, "File names")', () => {
    const off = code.map((s) => s.file).filter((file) => !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+(-[a-z]+)*)?\.ts$/.test(path.basename(file)));
    expect(off).toEqual([]);
  });

  it('spell normalize as the platform does (String.prototype.normalize) in names; prose may say normalised', () => {
    const british = code.filter((s) => /normalis/i.test(path.basename(s.file)) || /\bnormalis\w*\s*\(|[a-z]Normalis|import[^;]*normalis/.test(s.text));
    expect(british.map((s) => s.file)).toEqual([]);
  });
});
