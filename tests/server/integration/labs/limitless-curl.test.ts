import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describeBackendsWithTool, missingTool } from '../../../support/tools.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Backend } from '../../../support/backends.ts';
import { BUNDLED_CHALLENGES, createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { listen } from './kinesis-support.ts';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';
const CHALLENGE = 'aurora-limitless-routers';
const HISTORY = 'SELECT o.order_id, i.product_id, i.qty FROM orders o JOIN order_items i ON i.order_id = o.order_id';

const CHECKOUT = `BEGIN;
INSERT INTO orders (order_id, customer_id, total) VALUES (9001, 42, 3980);
INSERT INTO order_items (order_id, product_id, qty, price) VALUES (9001, 7, 2, 1990);
UPDATE inventory SET stock = stock - 2 WHERE product_id = 7;
COMMIT;`;

const missing = missingTool(CURL, 'curl', 'JAM_REQUIRE_CURL');
describeBackendsWithTool(missing)('the Aurora Limitless routing lab driven with curl', (backend: Backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number; labToken: string } };
  let b: { client: Client; team: { id: number; labToken: string } };
  let sqlEndpoint = '';

  async function sql(script: string, token = a.team.labToken): Promise<string> {
    const { stdout } = await run(CURL, ['-s', '-u', `AWS:${token}`, sqlEndpoint, '--data-binary', script]);
    return stdout;
  }
  const check = (client: Client) => client.post(`/api/challenges/${CHALLENGE}/tasks/checkout-one-shard/check`);

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: BUNDLED_CHALLENGES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    b = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    await startEvent(t);
    const detail = await a.client.get(`/api/challenges/${CHALLENGE}`);
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'checkout-one-shard').answer;
    expect(answer).toMatchObject({
      type: 'check',
      lab: 'aurora-limitless-routing',
      endpoint: 'http://localhost/labs/limitless',
      resources: { sqlEndpoint: 'http://localhost/labs/limitless/sql', database: 'postgres_limitless' },
    });
    expect(answer.firstCommand).toBe(
      `curl -u "AWS:${a.team.labToken}" http://localhost/labs/limitless/sql --data-binary 'EXPLAIN SELECT * FROM customers WHERE customer_id = 42'`,
    );
    sqlEndpoint = answer.resources.sqlEndpoint.replace('http://localhost', server.url);
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('runs the first command and lists the tables with their types', async () => {
    expect(await sql('EXPLAIN SELECT * FROM customers WHERE customer_id = 42')).toMatch(/Foreign Scan[\s\S]*Single Shard Optimized/);
    const { stdout } = await run(CURL, ['-s', '-H', `Authorization: Bearer ${a.team.labToken}`, sqlEndpoint.replace(/\/sql$/, '/')]);
    expect(stdout).toContain('order_items (order_id, customer_id, product_id, qty, price): sharded on customer_id, collocation group customers');
    expect(stdout).toContain('products (product_id, name, price): reference table');
  });

  it('shows the join fanning out until the shard key is in the join, and accepts that change', async () => {
    const fanned = await sql(`EXPLAIN ${HISTORY} WHERE o.customer_id = 42`);
    expect(fanned).toMatch(/Async Foreign Scan on order_items_fs00001/);
    expect(fanned).toMatch(/Distributed: 4 shards/);
    expect(await sql(`EXPLAIN ${HISTORY} WHERE o.customer_id = 42 LIMIT 20`)).toMatch(/Distributed: 4 shards/);
    const pinned = await sql(`EXPLAIN ${HISTORY} AND i.customer_id = o.customer_id JOIN products p ON p.product_id = i.product_id WHERE o.customer_id = 42`);
    expect(pinned).toMatch(/Single Shard Optimized/);
    const answered = await a.client.post(`/api/challenges/${CHALLENGE}/tasks/fan-out-or-not/attempts`, { answer: ['join-on-key'] });
    expect(answered.body).toMatchObject({ correct: true, awarded: 200 });
  });

  it('makes the checkout single-shard and passes the check, step by step', async () => {
    const original = await sql(CHECKOUT);
    expect(original).toContain('ERROR:  null value in column "customer_id" of relation "order_items" violates not-null constraint');
    let verdict = await check(a.client);
    expect(verdict.body).toMatchObject({ correct: false, progress: [{ done: false }, { done: false }] });

    const keyed = CHECKOUT.replace(
      '(order_id, product_id, qty, price) VALUES (9001, 7,',
      '(order_id, customer_id, product_id, qty, price) VALUES (9001, 42, 7,',
    );
    expect(await sql(keyed)).toMatch(/COMMIT\n-- distributed transaction across 2 shards/);
    verdict = await check(a.client);
    expect(verdict.body).toMatchObject({ correct: false, progress: [{ done: false }, { done: true }] });

    const split = keyed.replace(
      'UPDATE inventory SET stock = stock - 2 WHERE product_id = 7;\nCOMMIT;',
      'COMMIT;\nBEGIN; UPDATE inventory SET stock = stock - 2 WHERE product_id = 7; COMMIT;',
    );
    const out = await sql(split);
    expect(out).toMatch(/COMMIT\n-- single-shard transaction: committed by shard postgres_s\d/);
    verdict = await check(a.client);
    // 800 points less the task's wrongPenalty (80) for each of the two failed checks before it.
    expect(verdict.body).toMatchObject({ correct: true, awarded: 800 - 2 * 80, progress: [{ done: true }, { done: true }] });
  });

  it('keeps teams apart, refuses a missing token and reports SQL errors as PostgreSQL does', async () => {
    const other = await check(b.client);
    expect(other.body.correct).toBe(false);
    expect(other.body.progress[0].label).toContain('シングルシャード');
    const { stdout } = await run(CURL, ['-s', '-o', '/dev/null', '-w', '%{http_code}', sqlEndpoint, '--data-binary', 'SELECT 1']);
    expect(stdout).toBe('401');
    expect(await sql('SELEC * FROM orders')).toMatch(/^ERROR: {2}syntax error/);
    expect(await sql('EXPLAIN SELECT * FROM payments')).toContain('ERROR:  relation "payments" does not exist');
    expect(await sql('UPDATE orders SET customer_id = 7 WHERE customer_id = 42')).toContain('ERROR:  Shard key column update is not supported');
    const json = await run(CURL, [
      '-s',
      '-u',
      `AWS:${b.team.labToken}`,
      '-H',
      'content-type: application/json',
      '-H',
      'accept: application/json',
      sqlEndpoint,
      '--data-binary',
      '{"sql":"EXPLAIN SELECT * FROM zipcodes"}',
    ]);
    expect(JSON.parse(json.stdout).output).toContain('Single Shard Optimized');
  });
});
