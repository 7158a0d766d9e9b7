import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { challengeJsonSchema } from '../../../../server/features/challenges/challenge.json-schema.ts';
import { ANSWER_TYPES } from '../../../../server/features/challenges/challenge.schema.ts';

const DOC = path.resolve(import.meta.dirname, '../../../../docs/challenge-format.md');

/** Every property name anywhere in a JSON Schema. */
function propertyNames(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, found);
  else if (schema !== null && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') for (const name of Object.keys(value as object)) found.add(name);
      propertyNames(value, found);
    }
  }
  return found;
}

describe('docs/challenge-format.md', () => {
  it('mentions every field of the schema and every answer type, as `code`', async () => {
    const doc = await readFile(DOC, 'utf8');
    const fields = propertyNames(challengeJsonSchema());
    expect(fields.size).toBeGreaterThan(40);
    const missing = [...fields, ...ANSWER_TYPES].filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('gives every answer type its own section with an example or a shape', async () => {
    const doc = await readFile(DOC, 'utf8');
    for (const type of ANSWER_TYPES) expect(doc, type).toMatch(new RegExp(`### \`${type}\`\\n\\n[^#]*(type: ${type}|\\{ type: ${type})`));
  });

  it('points only at files inside the repository', async () => {
    const doc = await readFile(DOC, 'utf8');
    const links = [...doc.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^https?:/.test(target));
    for (const target of links) expect(path.resolve(path.dirname(DOC), target).startsWith(path.resolve(DOC, '../..')), target).toBe(true);
    expect(doc).not.toMatch(/\.\.\/shared|DESIGN\.md|CONTENT\.md|sources\//);
  });
});
