/**
 * Runs a script of SQL the way a router answers it, for the lab: `EXPLAIN` prints the plan
 * with whether it is single-shard optimized, and a transaction (`BEGIN; ...; COMMIT;`)
 * reports, at `COMMIT`, who committed it: the one shard it touched, or the router running a
 * two-phase commit across several. The shard group keeps no rows: statements outside
 * `EXPLAIN` are planned and acknowledged (`INSERT 0 1`), which is all the lab needs to show
 * where they would run. Pure: no I/O.
 */
import { parse, type Statement, toSql } from 'pgsql-ast-parser';
import { type Routing, route, SHARDS, SqlError } from './limitless.router.ts';

export interface CommittedTransaction {
  shards: string[];
  /** Tables written, in order, e.g. `orders`, `order_items`. */
  writes: string[];
  statements: number;
}

export interface ScriptResult {
  output: string;
  committed: CommittedTransaction[];
}

const EXPLAIN = /^\s*explain\b(\s*\([^)]*\)|\s+(?:analyze|verbose|costs\s+off))*\s+/i;

function planLines(r: Routing, sql: string): string[] {
  if (r.singleShard) {
    const node = r.kind === 'select' ? 'Foreign Scan' : `${r.kind[0]?.toUpperCase()}${r.kind.slice(1)} on public.${r.tables[0]?.table}`;
    return [node, `  Remote SQL:  ${sql}`, `  Remote Plans from Shard ${r.shards[0]}`, 'Single Shard Optimized'];
  }
  const lines = [
    r.kind === 'select' ? (r.tables.length > 1 ? 'Hash Join' : 'Append') : `${r.kind[0]?.toUpperCase()}${r.kind.slice(1)} on public.${r.tables[0]?.table}`,
  ];
  for (const t of r.tables) {
    if (t.shard === 'all') {
      lines.push(`  ->  Append  (${t.table}: no condition pins its shard key, so every shard is read)`);
      SHARDS.forEach((shard, i) => {
        lines.push(`        ->  Async Foreign Scan on ${t.table}_fs0000${i + 1} ${t.alias}_${i + 1}  (shard ${shard})`);
      });
    } else if (t.shard === 'any') {
      lines.push(`  ->  Foreign Scan on ${t.table} ${t.alias}  (reference table: a copy on every shard)`);
    } else {
      lines.push(`  ->  Foreign Scan on ${t.table}_fs0000${SHARDS.indexOf(t.shard as (typeof SHARDS)[number]) + 1} ${t.alias}  (shard ${t.shard})`);
    }
  }
  lines.push(`Distributed: ${r.shards.length} shards (${r.shards.join(', ')})`);
  return lines;
}

function table(title: string, lines: string[]): string {
  const width = Math.max(title.length, ...lines.map((l) => l.length)) + 2;
  const pad = Math.floor((width - title.length) / 2);
  return [`${' '.repeat(pad)}${title}`, '-'.repeat(width), ...lines.map((l) => ` ${l}`), `(${lines.length} row${lines.length === 1 ? '' : 's'})`].join('\n');
}

function tag(r: Routing): string {
  return { select: 'SELECT 0', insert: 'INSERT 0 1', update: 'UPDATE 1', delete: 'DELETE 1' }[r.kind];
}

/** Splits off `EXPLAIN ...` prefixes, which the parser does not take, and parses the rest. */
function statements(script: string): { explain: boolean; statement: Statement; sql: string }[] {
  const out: { explain: boolean; statement: Statement; sql: string }[] = [];
  for (const piece of script.split(/;(?=(?:[^']*'[^']*')*[^']*$)/)) {
    if (piece.trim() === '') continue;
    const explain = EXPLAIN.test(piece);
    const text = piece.replace(EXPLAIN, '');
    let parsed: Statement[];
    try {
      parsed = parse(text);
    } catch (error) {
      const near = /Unexpected .*?"([^"]*)"/.exec(error instanceof Error ? error.message : '')?.[1];
      throw new SqlError(`syntax error${near ? ` at or near "${near}"` : ''}`);
    }
    const sql = text.trim().replace(/\s+/g, ' ');
    for (const statement of parsed) out.push({ explain, statement, sql: parsed.length === 1 ? sql : toSql.statement(statement) });
  }
  return out;
}

export function runScript(script: string): ScriptResult {
  const blocks: string[] = [];
  const committed: CommittedTransaction[] = [];
  let open: { shards: Set<string>; writes: string[]; statements: number } | undefined;
  try {
    for (const { explain, statement, sql } of statements(script)) {
      if (statement.type === 'begin' || (statement.type as string) === 'start transaction') {
        if (open) blocks.push('WARNING:  there is already a transaction in progress');
        open ??= { shards: new Set(), writes: [], statements: 0 };
        blocks.push('BEGIN');
        continue;
      }
      if (statement.type === 'commit' || statement.type === 'rollback') {
        if (!open) {
          blocks.push('WARNING:  there is no transaction in progress', statement.type.toUpperCase());
          continue;
        }
        const shards = [...open.shards].sort();
        if (statement.type === 'rollback') blocks.push('ROLLBACK');
        else if (shards.length <= 1) {
          blocks.push(`COMMIT\n-- single-shard transaction: committed by shard ${shards[0] ?? SHARDS[0]} on its own, no coordination with the router`);
          committed.push({ shards, writes: open.writes, statements: open.statements });
        } else {
          blocks.push(
            `COMMIT\n-- distributed transaction across ${shards.length} shards (${shards.join(', ')}): the router coordinated the commit (two-phase)`,
          );
          committed.push({ shards, writes: open.writes, statements: open.statements });
        }
        open = undefined;
        continue;
      }
      const r = route(statement);
      if (explain) {
        blocks.push(table('QUERY PLAN', planLines(r, sql)));
        continue;
      }
      if (open) {
        for (const s of r.shards) open.shards.add(s);
        if (r.kind !== 'select') open.writes.push(r.tables[0]?.table ?? '');
        open.statements += 1;
      }
      blocks.push(`${tag(r)}\n-- ${r.singleShard ? `single shard: ${r.shards[0]}` : `${r.shards.length} shards: ${r.shards.join(', ')}`}`);
    }
    if (open) blocks.push('-- the transaction is still open: end the script with COMMIT or ROLLBACK (the lab ends each request with it rolled back)');
  } catch (error) {
    if (!(error instanceof SqlError)) throw error;
    blocks.push(`ERROR:  ${error.message}${error.hint ? `\nHINT:  ${error.hint}` : ''}`);
    if (open) blocks.push('-- the transaction was rolled back');
  }
  return { output: `${blocks.join('\n\n')}\n`, committed };
}
