/**
 * `jam import-ctfd FILE|DIR --out DIR`: finds ctfcli `challenge.yml` files, converts each
 * (see `ctfd-convert.ts`), checks the result with our own loader's checks and writes
 * `<out>/<id>/challenge.yaml`. One file's failure does not stop the others.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, parse } from 'yaml';
import { formatProblem } from './challenge.lint.ts';
import { checkChallengeSource } from './challenge.loader.ts';
import { ConversionError, convertCtfdChallenge } from './ctfd-convert.ts';

export interface ImportOptions {
  /** Replace `challenge.yaml` files that already exist in the output directory. */
  force?: boolean;
}

export interface ImportReport {
  /** Paths of the written `challenge.yaml` files. */
  written: string[];
  /** `file: what could not be carried`, one line each. */
  notes: string[];
  /** `file: why it was not converted`, one line each. */
  errors: string[];
}

const CTFCLI_FILES = new Set(['challenge.yml', 'challenge.yaml']);

export async function importCtfd(input: string, outDir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { written: [], notes: [], errors: [] };
  const files = await findCtfcliFiles(input).catch((error: NodeJS.ErrnoException) => {
    report.errors.push(`${input}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`);
    return [];
  });
  if (files.length === 0 && report.errors.length === 0) {
    report.errors.push(`${input}: no ctfcli challenge.yml found`);
  }
  const ids = new Map<string, string>();
  for (const file of files) {
    try {
      await importOne(file, outDir, ids, options, report);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      report.errors.push(`${file}: ${error.message}`);
    }
  }
  return report;
}

async function importOne(file: string, outDir: string, ids: Map<string, string>, options: ImportOptions, report: ImportReport): Promise<void> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new ConversionError(`not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const conversion = convertCtfdChallenge(raw, path.basename(path.dirname(path.resolve(file))));
  const earlier = ids.get(conversion.id);
  if (earlier) throw new ConversionError(`its id "${conversion.id}" is already taken by ${earlier}; rename one`);

  const outFile = path.join(outDir, conversion.id, 'challenge.yaml');
  const doc = new Document(conversion.document);
  doc.commentBefore = [` Imported from ${file} by jam import-ctfd.`, ...conversion.comments.map((c) => ` ${c}`)].join('\n');
  const text = doc.toString({ lineWidth: 0 });

  // What we write must load: a regex written for Python, or clue costs above the points,
  // is caught here rather than at the next reload.
  const checked = checkChallengeSource(outFile, text, { folder: conversion.id });
  if (checked.problems.length > 0) {
    throw new ConversionError(`the converted challenge would not load:\n  ${checked.problems.map(formatProblem).join('\n  ')}`);
  }
  if (!options.force && (await exists(outFile))) {
    throw new ConversionError(`${outFile} already exists; pass --force to replace it`);
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  ids.set(conversion.id, file);
  report.written.push(outFile);
  report.notes.push(...conversion.notes.map((note) => `${file}: ${note}`));
}

/** `input` itself when it is a file, else every ctfcli file below it, in a stable order. */
async function findCtfcliFiles(input: string): Promise<string[]> {
  if ((await stat(input)).isFile()) return [input];
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') await visit(full);
      else if (entry.isFile() && CTFCLI_FILES.has(entry.name)) found.push(full);
    }
  };
  await visit(input);
  return found;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
