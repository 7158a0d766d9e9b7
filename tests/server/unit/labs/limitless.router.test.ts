import { parse } from 'pgsql-ast-parser';
import { describe, expect, it } from 'vitest';
import { route, SHARDS, shardOf } from '../../../../server/features/labs/limitless/limitless.router.ts';
import { runScript } from '../../../../server/features/labs/limitless/limitless.session.ts';

const plan = (sql: string) => {
  const [statement] = parse(sql);
  if (!statement) throw new Error('no statement');
  return route(statement);
};

describe('the Limitless router', () => {
  it('pins a sharded table by a constant on its shard key, and collocated tables to the same shard', () => {
    const r = plan('SELECT * FROM orders o JOIN order_items i ON i.customer_id = o.customer_id WHERE o.customer_id = 42');
    expect(r).toMatchObject({ singleShard: true, shards: [shardOf('customers', '42')] });
  });

  it('carries a constant across explicit equalities, as the documentation’s fully qualified joins', () => {
    const implicit = plan(
      'SELECT * FROM customers c, orders o, order_items od WHERE c.customer_id = o.customer_id AND od.order_id = o.order_id AND c.customer_id = 1',
    );
    expect(implicit.singleShard).toBe(false);
    expect(implicit.tables.find((t) => t.alias === 'od')?.shard).toBe('all');
    const explicit = plan(
      'SELECT * FROM customers c, orders o, order_items od WHERE c.customer_id = o.customer_id AND o.customer_id = od.customer_id AND od.order_id = o.order_id AND c.customer_id = 1',
    );
    expect(explicit.singleShard).toBe(true);
  });

  it('never widens a statement for a reference table, and reads a table from every shard when only OR pins it', () => {
    expect(plan('SELECT * FROM orders o JOIN zipcodes z ON z.zipcode = o.order_id WHERE o.customer_id = 3').singleShard).toBe(true);
    expect(plan('SELECT * FROM products').shards).toHaveLength(1);
    expect(plan('SELECT * FROM orders WHERE customer_id = 1 OR customer_id = 2').shards).toEqual([...SHARDS]);
  });

  it('places keys of another collocation group independently', () => {
    const r = plan('UPDATE inventory SET stock = stock - 1 WHERE product_id = 7');
    expect(r.shards).toEqual([shardOf('inventory', '7')]);
  });

  it('reports a distributed commit for a transaction over two shards, and a local one otherwise', () => {
    const two = runScript(
      "BEGIN; INSERT INTO orders (order_id, customer_id, total) VALUES (1, 42, 10); UPDATE inventory SET stock = stock - 1 WHERE product_id = 7; COMMIT; SELECT 'a;b' FROM zipcodes",
    );
    expect(two.committed).toEqual([{ shards: [shardOf('customers', '42'), shardOf('inventory', '7')].sort(), writes: ['orders', 'inventory'], statements: 2 }]);
    expect(two.output).toContain('distributed transaction across 2 shards');
    const one = runScript('BEGIN; INSERT INTO orders (order_id, customer_id, total) VALUES (1, 42, 10); COMMIT;');
    expect(one.output).toContain(`committed by shard ${shardOf('customers', '42')}`);
    expect(runScript('BEGIN; INSERT INTO orders (order_id, total) VALUES (1, 10); COMMIT;').committed).toEqual([]);
  });
});
