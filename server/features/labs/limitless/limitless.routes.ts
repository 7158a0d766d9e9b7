/**
 * `/labs/limitless`: the lab's SQL endpoint of a shard group. `POST /sql` takes a script (the
 * body as text, or JSON `{ "sql": "..." }`) with the team's lab token (Bearer, or Basic as user
 * `AWS`) and answers as `psql` would print it (`Accept: application/json` for `{ output }`).
 * Committed transactions are recorded in the team's lab state for the check.
 */
import { Hono } from 'hono';
import type { LabService } from '../lab.service.ts';
import { labTokenFrom, type LabsEnv } from '../lab.http.ts';
import type { TokenBucketLimiter } from '../rate-limit.ts';
import { LIMITLESS_LAB_NAME, type LimitlessState, limitlessRoutingLab, recordCommits } from './limitless.lab.ts';
import { TABLES } from './limitless.router.ts';
import { runScript } from './limitless.session.ts';

export interface LimitlessRoutesOptions {
  labs: LabService;
  findTeamByLabToken(token: string): Promise<{ teamId: number } | undefined>;
  limiter: TokenBucketLimiter<number>;
  now: () => Date;
}

const MAX_SCRIPT_BYTES = 16 * 1024;

const HELP = `Aurora PostgreSQL Limitless Database shard group (Jamboree lab): 4 shards, routers in front.
POST /sql with a script: EXPLAIN <statement>, or BEGIN; ...; COMMIT;
Tables:
${Object.entries(TABLES)
  .map(
    ([name, t]) =>
      `  ${name} (${t.columns.join(', ')}): ${t.kind === 'reference' ? 'reference table' : `sharded on ${t.shardKey}, collocation group ${t.collocation}`}`,
  )
  .join('\n')}
`;

export function createLimitlessRoutes(o: LimitlessRoutesOptions) {
  return (
    new Hono<LabsEnv>()
      .use('*', async (c, next) => {
        c.set('labName', LIMITLESS_LAB_NAME);
        const token = labTokenFrom(c.req.header('Authorization'));
        const team = token === undefined ? undefined : await o.findTeamByLabToken(token);
        if (!team) {
          c.header('WWW-Authenticate', 'Basic realm="jamboree-limitless"');
          return c.text('FATAL:  password authentication failed: send your team lab token (Bearer, or Basic with user AWS)\n', 401);
        }
        c.set('labTeamId', team.teamId);
        const taken = o.limiter.take(team.teamId, o.now().getTime());
        if (!taken.allowed) {
          c.header('Retry-After', String(taken.retryAfterSeconds));
          return c.text('ERROR:  too many requests, slow down\n', 429);
        }
        await next();
      })
      // Any GET (the endpoint with or without its trailing slash, or /sql in a browser) shows the tables.
      .get('*', (c) => c.text(HELP))
      .post('/sql', async (c) => {
        const raw = await c.req.text();
        if (Buffer.byteLength(raw) > MAX_SCRIPT_BYTES) return c.text(`ERROR:  the script is longer than ${MAX_SCRIPT_BYTES} bytes\n`, 413);
        let sql = raw;
        if (c.req.header('content-type')?.includes('application/json')) {
          try {
            const body = JSON.parse(raw) as { sql?: unknown };
            if (typeof body.sql !== 'string') throw new Error('sql');
            sql = body.sql;
          } catch {
            return c.json({ error: { code: 'invalid_input', message: 'sql: expected the script as a string in { "sql": "..." }' } }, 400);
          }
        }
        if (sql.trim() === '') return c.text('ERROR:  empty script: send SQL in the request body\n', 400);
        const result = runScript(sql);
        if (result.committed.length > 0) {
          const now = o.now();
          await o.labs.run(c.var.labTeamId, limitlessRoutingLab, false, now, (state) => ({
            output: {},
            state: recordCommits(state as LimitlessState, result.committed, now.getTime()),
          }));
        }
        if (c.req.header('accept')?.includes('application/json')) return c.json({ output: result.output });
        return c.text(result.output);
      })
  );
}
