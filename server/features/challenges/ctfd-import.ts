/**
 * `jam import-ctfd FILE|DIR --out DIR`: finds ctfcli `challenge.yml` files, reads each as
 * ctfcli would (ctfd-read.ts), converts it (ctfd-convert.ts), resolves prerequisites across
 * the files, checks the result with our own loader's checks and writes
 * `<out>/<id>/challenge.yaml`. One file's failure does not stop the others.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { formatProblem } from './challenge.lint.ts';
import { checkChallengeSource } from './challenge.loader.ts';
import { type Conversion, ConversionError, convertCtfdChallenge, slugify } from './ctfd-convert.ts';
import { readCtfcliFile } from './ctfd-read.ts';
import { schemaReference } from './scaffold.ts';

export interface ImportOptions {
  /** Replace `challenge.yaml` files that already exist in the output directory. */
  force?: boolean;
  /** The JSON Schema file the written files point editors at (`# yaml-language-server`). */
  schemaFile?: string;
}

export interface ImportReport {
  /** Paths of the written `challenge.yaml` files. */
  written: string[];
  /** `file: what changed or was not carried`, one line each; notes about the whole run have no file. */
  notes: string[];
  /** `file: why it was not converted`, one line each. */
  errors: string[];
}

const CTFCLI_FILES = new Set(['challenge.yml', 'challenge.yaml']);

interface Converted {
  file: string;
  /** The file as the header names it: relative to the folder the import started from. */
  shown: string;
  conversion: Conversion;
  notes: string[];
}

export async function importCtfd(input: string, outDir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { written: [], notes: [], errors: [] };
  const out = await stat(outDir).catch(() => undefined);
  if (out && !out.isDirectory()) {
    report.errors.push(`--out ${outDir} is a file; give a folder to write the challenges into`);
    return report;
  }
  const files = await findCtfcliFiles(input).catch((error: NodeJS.ErrnoException) => {
    report.errors.push(`${input}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`);
    return [];
  });
  if (files.length === 0 && report.errors.length === 0) report.errors.push(`${input}: no ctfcli challenge.yml found`);
  const base = (await stat(input).catch(() => undefined))?.isDirectory() ? path.dirname(path.resolve(input)) : path.dirname(path.dirname(path.resolve(input)));

  const converted: Converted[] = [];
  for (const file of files) {
    try {
      const read = readCtfcliFile(await readFile(file));
      if (read.kind === 'skip') {
        report.notes.push(`${file}: ${read.note}`);
        continue;
      }
      const conversion = convertCtfdChallenge(read.value, path.basename(path.dirname(path.resolve(file))));
      const shown = path.relative(base, path.resolve(file)).split(path.sep).join('/');
      converted.push({ file, shown, conversion, notes: [...read.notes, ...conversion.notes] });
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      report.errors.push(`${file}: ${error.message}`);
    }
  }
  resolveRequirements(converted);

  const ids = new Map<string, string>();
  for (const item of converted) {
    try {
      await writeOne(item, outDir, ids, options, report);
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      report.errors.push(`${item.file}: ${error.message}`);
    }
  }
  if (report.written.length > 0) report.notes.push('difficulty: not set in ctfcli; medium used');
  return report;
}

/** ctfcli `requirements` name challenges (or CTFd ids); those imported together become `unlock.after`. */
function resolveRequirements(converted: Converted[]): void {
  const byName = new Map<string, string>();
  for (const { conversion } of converted) {
    byName.set(conversion.name, conversion.id);
    byName.set(conversion.id, conversion.id);
  }
  for (const item of converted) {
    const after: string[] = [];
    for (const requirement of item.conversion.requirements) {
      const id = byName.get(requirement) ?? byName.get(slugify(requirement));
      if (id) after.push(id);
      else item.notes.push(`requirements: "${requirement}" is not among the imported challenges; dropped, so this one does not wait for it`);
    }
    if (after.length > 0) {
      const { tasks, ...rest } = item.conversion.document;
      item.conversion.document = { ...rest, unlock: { after }, tasks };
    }
  }
}

async function writeOne(item: Converted, outDir: string, ids: Map<string, string>, options: ImportOptions, report: ImportReport): Promise<void> {
  const { conversion } = item;
  const earlier = ids.get(conversion.id);
  if (earlier) throw new ConversionError(`its id "${conversion.id}" is already taken by ${earlier}; rename one`);
  const outFile = path.join(outDir, conversion.id, 'challenge.yaml');
  const doc = new Document(conversion.document);
  const header = [`Imported from ${item.shown} by jam import-ctfd.`, ...conversion.comments];
  if (options.schemaFile) header.unshift(`yaml-language-server: $schema=${schemaReference(path.dirname(outFile), options.schemaFile)}`);
  doc.commentBefore = header.map((line) => ` ${line}`).join('\n');
  const text = doc.toString({ lineWidth: 0 });

  // What we write must load: a regex that JavaScript refuses, say, is caught here rather than
  // at the next reload.
  const checked = checkChallengeSource(outFile, text, { folder: conversion.id });
  if (checked.problems.length > 0) {
    throw new ConversionError(`the converted challenge would not load:\n  ${checked.problems.map(formatProblem).join('\n  ')}`);
  }
  if (!options.force && (await exists(outFile))) throw new ConversionError(`${outFile} already exists; pass --force to replace it`);
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  ids.set(conversion.id, item.file);
  report.written.push(outFile);
  report.notes.push(...item.notes.map((note) => `${item.file}: ${note}`));
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
