import pg from 'pg';

export interface IntegrityReport {
  /** Acknowledged first solves with no solve row or no attempt row. */
  missing: string[];
  /** Pairs with more than one attempt row (each was sent once) or more than one solve. */
  doubled: string[];
  /** Teams whose running totals differ from the recomputation. */
  wrongTotals: string[];
  /** Tasks with solves but no first solve, or a first solve by a team that did not solve it. */
  wrongFirsts: string[];
}

export interface SentPair {
  teamId: number;
  challengeId: string;
  taskId: string;
}

const key = (p: SentPair) => `${p.teamId}/${p.challengeId}/${p.taskId}`;

/**
 * Checks the database after a crash: every acknowledged attempt is there once, nothing was
 * written twice, and every team's score and solve count equal the recomputation from its
 * solves plus adjustments (on-solve penalty mode).
 */
export async function checkIntegrity(databaseUrl: string, sent: SentPair[], acknowledged: SentPair[]): Promise<IntegrityReport> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const teams = [...new Set(sent.map((p) => p.teamId))];
    const attempts = await client.query<{ team_id: number; challenge_id: string; task_id: string; n: string }>(
      `select team_id, challenge_id, task_id, count(*) as n from attempt where team_id = any($1::int[]) group by 1, 2, 3`,
      [teams],
    );
    const solves = await client.query<{ team_id: number; challenge_id: string; task_id: string; n: string }>(
      `select team_id, challenge_id, task_id, count(*) as n from solve where team_id = any($1::int[]) group by 1, 2, 3`,
      [teams],
    );
    const attemptCount = new Map(attempts.rows.map((r) => [key({ teamId: r.team_id, challengeId: r.challenge_id, taskId: r.task_id }), Number(r.n)]));
    const solveCount = new Map(solves.rows.map((r) => [key({ teamId: r.team_id, challengeId: r.challenge_id, taskId: r.task_id }), Number(r.n)]));
    const missing = acknowledged.map(key).filter((k) => !attemptCount.has(k) || !solveCount.has(k));
    const doubled = sent.map(key).filter((k) => (attemptCount.get(k) ?? 0) > 1 || (solveCount.get(k) ?? 0) > 1);
    const totals = await client.query<{ id: number; score: number; solved_tasks: number; awarded: number; adjusted: number; n: number }>(`
      select t.id, t.score, t.solved_tasks,
        coalesce((select sum(awarded) from solve s where s.team_id = t.id), 0)::int as awarded,
        coalesce((select sum(points) from score_adjustment a where a.team_id = t.id), 0)::int as adjusted,
        (select count(*) from solve s where s.team_id = t.id)::int as n
      from team t`);
    const wrongTotals = totals.rows
      .filter((r) => r.score !== r.awarded + r.adjusted || r.solved_tasks !== r.n)
      .map((r) => `team ${r.id}: score ${r.score} vs ${r.awarded + r.adjusted}, solved ${r.solved_tasks} vs ${r.n}`);
    const firsts = await client.query<{ challenge_id: string; task_id: string }>(`
      select s.challenge_id, s.task_id from solve s
      left join first_solve f on f.challenge_id = s.challenge_id and f.task_id = s.task_id
      left join solve w on w.team_id = f.team_id and w.challenge_id = f.challenge_id and w.task_id = f.task_id
      where f.team_id is null or w.team_id is null
      group by 1, 2`);
    return { missing, doubled, wrongTotals, wrongFirsts: firsts.rows.map((r) => `${r.challenge_id}/${r.task_id}`) };
  } finally {
    await client.end();
  }
}
