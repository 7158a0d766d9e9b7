/**
 * `aurora-limitless-routing`: the SQL endpoint of an Aurora PostgreSQL Limitless Database
 * shard group, as far as routing goes. The team sends SQL (curl, at `/labs/limitless/sql`)
 * and reads the router's decisions: `EXPLAIN` shows whether a statement is single-shard
 * optimized, and a transaction's `COMMIT` says whether one shard committed it or the router
 * coordinated several. The state is the team's committed transactions (the newest 20); the
 * `checkout-single-shard` check looks for a checkout that stayed on one shard.
 */
import { z } from 'zod';
import type { LabModule } from '../lab.ts';

export const LIMITLESS_LAB_NAME = 'aurora-limitless-routing';
const MAX_COMMITS = 20;

export const LimitlessStateSchema = z.object({
  v: z.literal(1),
  commits: z.array(z.object({ at: z.number(), shards: z.array(z.string()), writes: z.array(z.string()), statements: z.number().int() })),
});

export type LimitlessState = z.infer<typeof LimitlessStateSchema>;

export function recordCommits(state: LimitlessState, commits: { shards: string[]; writes: string[]; statements: number }[], at: number): LimitlessState {
  return { ...state, commits: [...state.commits, ...commits.map((c) => ({ ...c, at }))].slice(-MAX_COMMITS) };
}

export const limitlessRoutingLab: LabModule<LimitlessState> = {
  name: LIMITLESS_LAB_NAME,
  title: { en: 'Aurora Limitless: single-shard or not', ja: 'Aurora Limitless: シングルシャードかどうか' },
  schema: LimitlessStateSchema,
  initialState: () => ({ v: 1, commits: [] }),
  maxStateBytes: 16 * 1024,
  httpPath: 'limitless',
  checks: {
    'checkout-single-shard'(state) {
      const checkout = state.commits.some((c) => c.writes.includes('orders') && c.writes.includes('order_items') && c.shards.length === 1);
      const stock = state.commits.some((c) => c.writes.includes('inventory'));
      const progress = [
        {
          label: {
            en: 'A checkout (an order and its items) committed as a single-shard transaction',
            ja: 'チェックアウト(注文とその明細)がシングルシャードのトランザクションとしてコミットされた',
          },
          done: checkout,
        },
        {
          label: { en: 'The ordered stock was decremented in a committed transaction', ja: '注文された在庫の引き当てがコミットされた' },
          done: stock,
        },
      ];
      return { passed: progress.every((p) => p.done), progress };
    },
  },
  connection(_team, access) {
    return {
      resources: { sqlEndpoint: `${access.endpoint}/sql`, database: 'postgres_limitless' },
      labels: { sqlEndpoint: { en: 'SQL endpoint', ja: 'SQL エンドポイント' }, database: { en: 'Database', ja: 'データベース' } },
      firstCommand: `curl -u "AWS:${access.token}" ${access.endpoint}/sql --data-binary 'EXPLAIN SELECT * FROM customers WHERE customer_id = 42'`,
    };
  },
};
