/**
 * The `jam` command: `npm run jam -- <command> [args]`. Each command is an entry in
 * `commands`; add one by adding an entry. A command returns its exit code and writes through
 * `io`, so it can be run in-process as well as from a shell.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { LANGUAGES } from './features/challenges/challenge.ts';
import type { Language } from './features/challenges/challenge.ts';
import { formatProblem, sortProblems } from './features/challenges/challenge.lint.ts';
import type { Problem } from './features/challenges/challenge.lint.ts';
import { loadChallengeTree } from './features/challenges/challenge.loader.ts';
import { importCtfd } from './features/challenges/ctfd-import.ts';
import { challengeJsonSchemaText, SCHEMA_FILE } from './features/challenges/challenge.json-schema.ts';
import { ScaffoldError, scaffoldChallenge } from './features/challenges/scaffold.ts';

/** The repository's root: the schema file and the bundled challenges are found from here. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface CliIO {
  /** A line of the command's result (stdout). */
  out(line: string): void;
  /** A line of commentary: summaries, notes, errors (stderr). */
  err(line: string): void;
}

export interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/** A usage mistake: printed with the command's usage line, exit code 2. */
class UsageError extends Error {}

export const commands: Record<string, Command> = {
  lint: {
    usage: 'lint [DIR] [--require-languages en,ja]',
    summary: 'check a challenge tree (default $CHALLENGES_DIR or ./challenges); exit 0 when valid',
    async run(args, io) {
      const { values, positionals } = parse(args, { 'require-languages': { type: 'string' } }, 1);
      const dir = positionals[0] ?? process.env.CHALLENGES_DIR ?? 'challenges';
      const requireLanguages = languagesOption(values['require-languages']);
      const { challenges, problems, warnings } = await loadChallengeTree(dir, { requireLanguages });
      for (const problem of sortProblems([...problems, ...warnings])) io.out(formatProblem(problem));
      const tasks = challenges.reduce((sum, challenge) => sum + challenge.definition.tasks.length, 0);
      const warned = warnings.length > 0 ? `, ${plural(warnings.length, 'warning')}` : '';
      if (problems.length > 0) {
        io.err(`${plural(problems.length, 'problem')} in ${plural(new Set(problems.map((p) => p.file)).size, 'file')}${warned}`);
        return 1;
      }
      io.err(`${dir}: ${plural(challenges.length, 'challenge')}, ${plural(tasks, 'task')}, no problems${warned}`);
      return 0;
    },
  },

  'import-ctfd': {
    usage: 'import-ctfd FILE|DIR --out DIR [--force]',
    summary: 'convert ctfcli challenge.yml files into challenge folders under --out',
    async run(args, io) {
      const { values, positionals } = parse(args, { out: { type: 'string' }, force: { type: 'boolean' } }, 1);
      const input = positionals[0];
      if (!input || !values.out) throw new UsageError('give a ctfcli file or folder and --out DIR');
      const report = await importCtfd(input, values.out, { force: values.force === true, schemaFile: path.join(ROOT, SCHEMA_FILE) });
      for (const file of report.written) io.out(`wrote ${file}`);
      for (const note of report.notes) io.err(`note: ${note}`);
      for (const error of report.errors) io.err(`error: ${error}`);
      io.err(`${plural(report.written.length, 'challenge')} imported, ${plural(report.errors.length, 'error')}`);
      return report.errors.length > 0 ? 1 : 0;
    },
  },

  schema: {
    usage: 'schema [--out FILE]',
    summary: 'print the JSON Schema of challenge.yaml (generated from the zod schema), or write it to FILE',
    async run(args, io) {
      const { values } = parse(args, { out: { type: 'string' } }, 0);
      const text = challengeJsonSchemaText();
      if (!values.out) {
        io.out(text.trimEnd());
        return 0;
      }
      await writeFile(values.out, text);
      io.err(`wrote ${values.out}`);
      return 0;
    },
  },

  new: {
    usage: 'new <id> [--dir DIR]',
    summary: 'scaffold a challenge folder (en + ja, two clues, a debrief) that lints clean',
    async run(args, io) {
      const { values, positionals } = parse(args, { dir: { type: 'string' } }, 1);
      const id = positionals[0];
      if (!id) throw new UsageError('give the new challenge id, e.g. npm run jam -- new ecr-pull-flow');
      const dir = values.dir ?? process.env.CHALLENGES_DIR ?? 'challenges';
      try {
        const { files } = await scaffoldChallenge(dir, id, path.join(ROOT, SCHEMA_FILE));
        for (const file of files) io.out(`wrote ${file}`);
      } catch (error) {
        if (!(error instanceof ScaffoldError)) throw error;
        io.err(error.message);
        return 1;
      }
      io.err(`check it with: npm run jam -- lint ${path.join(dir, id)} --require-languages en,ja`);
      return 0;
    },
  },

  credentials: {
    usage: 'credentials',
    summary: 'print the event code and admin token kept in the database (DATABASE_URL or DATA_DIR)',
    async run(_args, io) {
      const { loadConfig } = await import('./config.ts');
      const { openDatabase } = await import('./db/open.ts');
      const config = loadConfig();
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const rows = await database.db.selectFrom('app_secret').select(['name', 'value']).where('name', 'in', ['event_code', 'admin_token']).execute();
        const get = (name: string) => rows.find((r) => r.name === name)?.value;
        if (!get('event_code')) {
          io.err('no event yet: start the server once (npm start)');
          return 1;
        }
        io.out(`event code   ${get('event_code')}`);
        io.out(`admin token  ${get('admin_token')}`);
        return 0;
      } catch (error) {
        io.err(`could not read the database: ${(error as Error).message}`);
        return 1;
      } finally {
        await database.close();
      }
    },
  },

  reload: {
    usage: 'reload [--url http://127.0.0.1:8787] [--token T]',
    summary: 'ask a running server to reload its challenges and print the lint report',
    async run(args, io) {
      const { values } = parse(args, { url: { type: 'string' }, token: { type: 'string' } }, 0);
      const url = (values.url ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 8787}`).replace(/\/+$/, '');
      const token = values.token ?? process.env.ADMIN_TOKEN ?? (await tokenFromDataDir());
      if (!token) throw new UsageError('no admin token: pass --token, set ADMIN_TOKEN, or run beside DATA_DIR/admin-token');
      return reload(url, token, io);
    },
  },

  help: {
    usage: 'help',
    summary: 'list the commands',
    async run(_args, io) {
      io.out('usage: npm run jam -- <command> [args]');
      for (const command of Object.values(commands)) io.out(`  ${command.usage.padEnd(52)} ${command.summary}`);
      return 0;
    },
  },
};

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(`unknown command "${name}"; try: npm run jam -- help`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\nusage: npm run jam -- ${command.usage}`);
    return 2;
  }
}

function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: string[], options: T, maxPositionals: number) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length > maxPositionals) throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`);
    return parsed;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

function languagesOption(value: string | undefined): Language[] {
  if (value === undefined) return [];
  const languages = value
    .split(',')
    .map((language) => language.trim())
    .filter(Boolean);
  const unknown = languages.filter((language) => !(LANGUAGES as readonly string[]).includes(language));
  if (unknown.length > 0) throw new UsageError(`unknown language ${unknown.join(', ')}; expected ${LANGUAGES.join(', ')}`);
  return languages as Language[];
}

async function tokenFromDataDir(): Promise<string | undefined> {
  const file = path.join(process.env.DATA_DIR ?? 'data', 'admin-token');
  return readFile(file, 'utf8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
}

async function reload(url: string, token: string, io: CliIO): Promise<number> {
  const send = (route: string, body: unknown, cookie?: string) =>
    fetch(`${url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url, ...(cookie && { cookie }) },
      body: JSON.stringify(body),
    });
  let login: Response;
  try {
    login = await send('/api/admin/login', { token });
  } catch (error) {
    const cause = (error as Error).cause;
    io.err(`cannot reach ${url}: ${cause instanceof Error ? cause.message : (error as Error).message}`);
    return 1;
  }
  if (!login.ok) {
    io.err(`admin login refused (${login.status}): ${await errorMessage(login)}`);
    return 1;
  }
  // Keep only `name=value` of each cookie; attributes such as Path are not sent back.
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const response = await send('/api/admin/challenges/reload', {}, cookie);
  const body = (await response.json().catch(() => undefined)) as { ok?: boolean; problems?: Problem[] } | undefined;
  if (!body || !Array.isArray(body.problems)) {
    io.err(`reload failed (${response.status}): ${body ? JSON.stringify(body) : 'no JSON answer'}`);
    return 1;
  }
  for (const problem of body.problems) io.out(formatProblem(problem));
  if (body.ok !== true) {
    io.err(`reload refused: ${plural(body.problems.length, 'problem')}; the challenges in play are unchanged`);
    return 1;
  }
  io.err('reload applied');
  return 0;
}

async function errorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  return body?.error?.message ?? response.statusText;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isEntryPoint) {
  const io: CliIO = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exitCode = 1;
    },
  );
}
