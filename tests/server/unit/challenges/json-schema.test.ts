import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { challengeJsonSchema, challengeJsonSchemaText, SCHEMA_FILE } from '../../../../server/features/challenges/challenge.json-schema.ts';
import { challengeFileSchema } from '../../../../server/features/challenges/challenge.schema.ts';
import { droppableFields, type KeyPath, scalarLeaves, wrongValues } from './mutations.support.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const SCHEMA_LINE = '# yaml-language-server: $schema=../../schema/challenge.schema.json';

/** Every challenge file below `dir`, at any depth. */
async function challengeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /^challenge\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Our own challenge files (ctfcli fixtures are another format). */
async function fixtureTree(): Promise<string[]> {
  const files = [
    ...(await challengeFiles(path.join(ROOT, 'challenges'))),
    ...(await challengeFiles(path.join(ROOT, 'tests/fixtures'))).filter((file) => !file.includes('/fixtures/ctfd/')),
  ];
  const parsed: string[] = [];
  for (const file of files) {
    try {
      parse(await readFile(file, 'utf8'));
      parsed.push(file);
    } catch {
      // A fixture of broken YAML has no value for either schema to judge.
    }
  }
  return parsed;
}

const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
const validate = ajv.compile(challengeJsonSchema());
const agree = (value: unknown) => ({ json: validate(value), zod: challengeFileSchema.safeParse(value).success });

function withChange(value: unknown, at: KeyPath, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, at[at.length - 1]!);
  return copy;
}

describe('the JSON Schema of challenge.yaml', () => {
  it('is kept in the repository exactly as generated from the zod schema (run npm run schema after changing it)', async () => {
    expect(await readFile(path.join(ROOT, SCHEMA_FILE), 'utf8'), 'schema/challenge.schema.json is stale: run npm run schema').toBe(challengeJsonSchemaText());
  });

  it('is named on the first line of every bundled challenge file, for editors', async () => {
    for (const file of await challengeFiles(path.join(ROOT, 'challenges'))) {
      const first = (await readFile(file, 'utf8')).split('\n')[0];
      expect(first, file).toBe(SCHEMA_LINE);
      expect(path.resolve(path.dirname(file), first!.split('$schema=')[1]!)).toBe(path.join(ROOT, SCHEMA_FILE));
    }
  });

  it('agrees with the zod schema on every file of the fixture tree, valid or broken', async () => {
    const files = await fixtureTree();
    expect(files.length).toBeGreaterThan(30);
    let valid = 0;
    for (const file of files) {
      const value = parse(await readFile(file, 'utf8'));
      const verdict = agree(value);
      expect(verdict.json, `${file}: JSON Schema ${verdict.json}, zod ${verdict.zod}\n${ajv.errorsText(validate.errors)}`).toBe(verdict.zod);
      if (verdict.zod) valid += 1;
    }
    expect(valid).toBeGreaterThan(20);
    expect(files.length - valid).toBeGreaterThan(0);
  });

  it('agrees with the zod schema on every mutation of those files: dropped fields, wrong types, unknown keys', async () => {
    let checked = 0;
    for (const file of await fixtureTree()) {
      const value = parse(await readFile(file, 'utf8'));
      if (!challengeFileSchema.safeParse(value).success) continue;
      const variants: Array<[string, unknown]> = [];
      for (const at of droppableFields(value)) variants.push([`without ${at.join('.')}`, withChange(value, at, (p, k) => delete p[k])]);
      for (const at of scalarLeaves(value)) {
        const original = at.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
        for (const wrong of wrongValues(at, original))
          variants.push([`${at.join('.')} = ${JSON.stringify(wrong)}`, withChange(value, at, (p, k) => (p[k] = wrong))]);
        variants.push([`${at.join('.')} = "  "`, withChange(value, at, (p, k) => (p[k] = '  '))]);
      }
      variants.push(['an unknown key', { ...(value as object), summery: 'typo' }]);
      for (const [what, variant] of variants) {
        const verdict = agree(variant);
        expect(verdict.json, `${file}, ${what}: JSON Schema ${verdict.json}, zod ${verdict.zod}\n${ajv.errorsText(validate.errors)}`).toBe(verdict.zod);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(1000);
    // Thousands of variants, one per field of every bundled file: the work grows with the content,
    // and on a loaded two-core machine it outgrew the default limit.
  }, 120_000);
});
