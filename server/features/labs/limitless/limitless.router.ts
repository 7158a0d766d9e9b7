/**
 * What a distributed transaction router of an Aurora PostgreSQL Limitless Database shard group
 * decides before any shard works: for each statement, the shards it needs. Pure: no I/O.
 *
 * The rule is the documented one. A statement is single-shard optimized when every sharded
 * table in it is pinned to one shard-key value by constant conditions, directly or through
 * explicit equalities (PostgreSQL's equivalence classes: `c.customer_id = 1` and
 * `c.customer_id = o.customer_id` pin `o`), all to the same shard; reference tables are on
 * every shard and never widen a statement. A table with no such condition is read from all
 * shards. Collocated tables (one collocation group) place equal shard keys on the same shard;
 * tables of another group map their keys to shards independently.
 */
import { createHash } from 'node:crypto';
import type { Expr, Statement } from 'pgsql-ast-parser';

export const SHARDS = ['postgres_s1', 'postgres_s2', 'postgres_s3', 'postgres_s4'] as const;

export interface TableDef {
  kind: 'sharded' | 'reference';
  columns: readonly string[];
  shardKey?: string;
  /** Sharded tables of one group keep equal keys on the same shard. */
  collocation?: string;
}

export const TABLES: Readonly<Record<string, TableDef>> = {
  customers: { kind: 'sharded', columns: ['customer_id', 'name', 'email', 'zipcode'], shardKey: 'customer_id', collocation: 'customers' },
  orders: { kind: 'sharded', columns: ['order_id', 'customer_id', 'ordered_at', 'total'], shardKey: 'customer_id', collocation: 'customers' },
  order_items: { kind: 'sharded', columns: ['order_id', 'customer_id', 'product_id', 'qty', 'price'], shardKey: 'customer_id', collocation: 'customers' },
  inventory: { kind: 'sharded', columns: ['product_id', 'warehouse', 'stock'], shardKey: 'product_id', collocation: 'inventory' },
  products: { kind: 'reference', columns: ['product_id', 'name', 'price'] },
  zipcodes: { kind: 'reference', columns: ['zipcode', 'city'] },
};

export class SqlError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The shard that holds a shard-key value of a collocation group (hash partitioning over the shards). */
export function shardOf(collocation: string, key: string): string {
  const h = createHash('sha256').update(`${collocation}:${key}`).digest().readUInt32BE(0);
  return SHARDS[h % SHARDS.length] ?? SHARDS[0];
}

interface TableUse {
  table: string;
  alias: string;
  def: TableDef;
}

/** One statement's routing: the shards it needs and, per table, how it was placed. */
export interface Routing {
  kind: 'select' | 'insert' | 'update' | 'delete';
  shards: string[];
  singleShard: boolean;
  tables: { table: string; alias: string; kind: TableDef['kind']; shard: string | 'all' | 'any' }[];
}

/** Union-find over column names (`alias.column`) and constants (`=value`). */
class Classes {
  readonly #parent = new Map<string, string>();
  find(x: string): string {
    const p = this.#parent.get(x);
    if (p === undefined || p === x) return x;
    const root = this.find(p);
    this.#parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(ra, rb);
  }
  constantsOf(x: string, all: Iterable<string>): string[] {
    const root = this.find(x);
    return [...all].filter((k) => k.startsWith('=') && this.find(k) === root).map((k) => k.slice(1));
  }
}

function constant(e: Expr): string | undefined {
  if (e.type === 'integer' || e.type === 'numeric') return String(e.value);
  if (e.type === 'string') return e.value;
  if (e.type === 'cast') return constant(e.operand);
  return undefined;
}

function lookup(name: string): TableDef {
  const def = TABLES[name];
  if (!def) throw new SqlError(`relation "${name}" does not exist`, `The shard group has the tables ${Object.keys(TABLES).join(', ')}.`);
  return def;
}

function columnRef(e: Expr, uses: TableUse[]): string | undefined {
  if (e.type !== 'ref' || e.name === '*') return undefined;
  const owner = e.table ? uses.find((u) => u.alias === e.table?.name) : uses.find((u) => u.def.columns.includes(e.name));
  if (e.table && !owner) throw new SqlError(`missing FROM-clause entry for table "${e.table.name}"`);
  if (!owner) throw new SqlError(`column "${e.name}" does not exist`);
  if (!owner.def.columns.includes(e.name)) throw new SqlError(`column ${owner.alias}.${e.name} does not exist`);
  return `${owner.alias}.${e.name}`;
}

/** Only conjunctions of equalities pin a table; anything under OR or NOT is left alone, as the planner does. */
function collect(e: Expr | null | undefined, uses: TableUse[], classes: Classes, keys: Set<string>): void {
  if (!e) return;
  if (e.type === 'binary' && e.op === 'AND') {
    collect(e.left, uses, classes, keys);
    collect(e.right, uses, classes, keys);
    return;
  }
  if (e.type === 'binary' && e.op === '=') {
    const left = columnRef(e.left, uses) ?? constant(e.left);
    const right = columnRef(e.right, uses) ?? constant(e.right);
    const leftIsColumn = e.left.type === 'ref';
    const rightIsColumn = e.right.type === 'ref';
    if (left === undefined || right === undefined || (!leftIsColumn && !rightIsColumn)) return;
    const a = leftIsColumn ? left : `=${left}`;
    const b = rightIsColumn ? right : `=${right}`;
    keys.add(a);
    keys.add(b);
    classes.union(a, b);
  }
}

function fromTables(from: readonly { type: string; name?: { name: string; alias?: string }; join?: { on?: Expr | null } }[] | undefined) {
  const uses: TableUse[] = [];
  const joins: Expr[] = [];
  for (const f of from ?? []) {
    if (f.type !== 'table' || !f.name) throw new SqlError('the lab router plans plain tables and joins; subqueries and functions in FROM are not supported');
    uses.push({ table: f.name.name, alias: f.name.alias ?? f.name.name, def: lookup(f.name.name) });
    if (f.join?.on) joins.push(f.join.on);
  }
  return { uses, joins };
}

/** The routing of one DML or SELECT statement. */
export function route(statement: Statement): Routing {
  const classes = new Classes();
  const keys = new Set<string>();
  let uses: TableUse[];
  let kind: Routing['kind'];
  const inserted = new Map<string, string>();
  switch (statement.type) {
    case 'select': {
      kind = 'select';
      const { uses: u, joins } = fromTables(statement.from as never);
      if (u.length === 0) throw new SqlError('the lab router plans statements that read tables');
      uses = u;
      for (const on of joins) collect(on, uses, classes, keys);
      collect(statement.where, uses, classes, keys);
      break;
    }
    case 'update':
    case 'delete': {
      kind = statement.type;
      const target = statement.type === 'update' ? statement.table : statement.from;
      uses = [{ table: target.name, alias: target.alias ?? target.name, def: lookup(target.name) }];
      if (statement.type === 'update') {
        const key = uses[0]?.def.shardKey;
        if (key && statement.sets.some((s) => s.column.name === key)) throw new SqlError('Shard key column update is not supported');
      }
      collect(statement.where, uses, classes, keys);
      break;
    }
    case 'insert': {
      kind = 'insert';
      const def = lookup(statement.into.name);
      uses = [{ table: statement.into.name, alias: statement.into.name, def }];
      const columns = statement.columns?.map((c) => c.name) ?? [...def.columns];
      const values = statement.insert.type === 'values' ? statement.insert.values : undefined;
      if (values?.length !== 1) throw new SqlError('the lab router plans INSERT ... VALUES with one row');
      columns.forEach((c, i) => {
        if (!def.columns.includes(c)) throw new SqlError(`column "${c}" of relation "${statement.into.name}" does not exist`);
        const v = values[0]?.[i];
        const value = v ? constant(v) : undefined;
        if (value !== undefined) inserted.set(c, value);
      });
      if (def.shardKey && !inserted.has(def.shardKey)) {
        throw new SqlError(
          `null value in column "${def.shardKey}" of relation "${statement.into.name}" violates not-null constraint`,
          `${statement.into.name} is sharded on ${def.shardKey}: a row must say which shard it belongs to.`,
        );
      }
      break;
    }
    default:
      throw new SqlError(`the lab router plans SELECT, INSERT, UPDATE and DELETE (got ${statement.type.toUpperCase()})`);
  }
  const tables = uses.map((u) => {
    if (u.def.kind === 'reference') return { table: u.table, alias: u.alias, kind: u.def.kind, shard: 'any' as const };
    const key = u.def.shardKey ?? '';
    const values = kind === 'insert' ? [inserted.get(key) ?? ''] : classes.constantsOf(`${u.alias}.${key}`, keys);
    const shards = new Set(values.map((v) => shardOf(u.def.collocation ?? u.table, v)));
    return { table: u.table, alias: u.alias, kind: u.def.kind, shard: shards.size === 1 ? ([...shards][0] ?? 'all') : ('all' as const) };
  });
  const pinned = new Set(tables.filter((t) => t.shard !== 'any').map((t) => t.shard));
  // Reference tables alone can be read on any one shard.
  const shards = pinned.size === 0 ? [SHARDS[0]] : pinned.has('all') ? [...SHARDS] : [...pinned];
  return { kind, shards, singleShard: shards.length === 1, tables };
}
