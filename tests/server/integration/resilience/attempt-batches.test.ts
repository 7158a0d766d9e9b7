import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, type Client, type JsonResponse, type TestApp } from '../../../support/app.ts';
import { teamOf } from '../engine/engine-support.ts';

const STATUS = '/api/challenges/alpha/tasks/status-code';
const STORES = '/api/challenges/alpha/tasks/pick-stores';
const TEAMS = 6;

/**
 * Attempts arriving together are written in shared transactions (attempt-writer.ts). A
 * burst of right, wrong and repeated answers from several teams must come out exactly as
 * if each had been written alone: one award per team and task, awards net of the clues
 * unlocked before, totals, first solves and the outbox in the attempts' order.
 */
describeBackends('attempts written in batches', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    expect((await admin.patch('/api/admin/event', { attemptsPerMinute: 1000 })).status).toBe(200);
    expect((await admin.post('/api/admin/event/start')).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers and records a burst of mixed attempts as one by one would', async () => {
    const teams = [];
    for (let i = 0; i < TEAMS; i++) teams.push(await teamOf(t, `Batch ${i}`, 2));
    const clued = teams[0]!;
    expect((await clued.members[0]!.post(`${STATUS}/clues/1`)).status).toBe(200);
    const before = t.services.play.writerStats();

    const sent: { team: number; task: string; correct: boolean; res: Promise<JsonResponse> }[] = [];
    teams.forEach(({ team, members }) => {
      for (let k = 0; k < 5; k++)
        sent.push({ team: team.id, task: 'status-code', correct: true, res: members[k % 2]!.post(`${STATUS}/attempts`, { answer: '307' }) });
      for (let k = 0; k < 3; k++)
        sent.push({ team: team.id, task: 'status-code', correct: false, res: members[k % 2]!.post(`${STATUS}/attempts`, { answer: '302' }) });
      for (let k = 0; k < 4; k++)
        sent.push({ team: team.id, task: 'pick-stores', correct: true, res: members[k % 2]!.post(`${STORES}/attempts`, { answer: ['s3', 'ddb'] }) });
      for (let k = 0; k < 2; k++)
        sent.push({ team: team.id, task: 'pick-stores', correct: false, res: members[k % 2]!.post(`${STORES}/attempts`, { answer: ['rds'] }) });
    });
    const responses = await Promise.all(sent.map((s) => s.res));

    const stats = t.services.play.writerStats();
    expect(stats.fallbacks - before.fallbacks).toBe(0);
    expect(stats.largestBatch).toBeGreaterThan(1);

    const award = (team: number, task: string) => (task === 'pick-stores' ? 200 : team === clued.team.id ? 80 : 100);
    for (const [i, s] of sent.entries()) {
      const res = responses[i]!;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.correct).toBe(s.correct);
      expect(res.body.awarded).toBe(s.correct ? award(s.team, s.task) : 0);
    }
    for (const { team } of teams) {
      for (const task of ['status-code', 'pick-stores']) {
        const fresh = sent.filter((s, i) => s.team === team.id && s.task === task && s.correct && responses[i]!.body.alreadySolved === false);
        expect(fresh).toHaveLength(1);
      }
    }

    const db = t.ctx.db;
    const ids = teams.map((x) => x.team.id);
    const attempts = await db.selectFrom('attempt').select(['id', 'team_id', 'task_id', 'correct']).where('team_id', 'in', ids).execute();
    expect(attempts).toHaveLength(sent.length);
    const solves = await db.selectFrom('solve').selectAll().where('team_id', 'in', ids).execute();
    expect(solves).toHaveLength(TEAMS * 2);
    for (const solve of solves) expect(solve.awarded).toBe(award(solve.team_id, solve.task_id));
    const rows = await db.selectFrom('team').select(['id', 'score', 'solved_tasks']).where('id', 'in', ids).execute();
    for (const row of rows) expect(row).toEqual({ id: row.id, score: award(row.id, 'status-code') + 200, solved_tasks: 2 });

    const firsts = await db.selectFrom('first_solve').selectAll().where('challenge_id', '=', 'alpha').execute();
    for (const first of firsts) {
      const times = solves.filter((s) => s.task_id === first.task_id).map((s) => s.solved_at.getTime());
      expect(first.solved_at.getTime()).toBe(Math.min(...times));
      expect(solves.some((s) => s.task_id === first.task_id && s.team_id === first.team_id)).toBe(true);
    }

    const log = await db
      .selectFrom('event_log')
      .select(['id', 'type', 'team_id', 'payload'])
      .where('type', 'in', ['submission', 'solve', 'scores'])
      .orderBy('id')
      .execute();
    const ours = log.filter((e) =>
      e.type === 'scores' ? (e.payload as { teamIds: number[] }).teamIds.some((id) => ids.includes(id)) : ids.includes(e.team_id!),
    );
    // The attempts themselves log nothing: the admin feed reads them from the attempt log.
    expect(ours.filter((e) => e.type === 'submission')).toEqual([]);
    const solveEvents = ours.filter((e) => e.type === 'solve');
    expect(solveEvents).toHaveLength(TEAMS * 2);
    for (const e of solveEvents) {
      const p = e.payload as { teamId: number; taskId: string; awarded: number; firstSolve: boolean };
      expect(p.awarded).toBe(award(p.teamId, p.taskId));
      expect(p.firstSolve).toBe(firsts.some((f) => f.task_id === p.taskId && f.team_id === p.teamId));
      // The batch's scores event after each solve names its team and the time the solve counts from.
      const at = ours.indexOf(e);
      const scores = ours.slice(at + 1).find((x) => x.type === 'scores')?.payload as { teamIds: number[]; asOf: string };
      expect(scores.teamIds).toContain(p.teamId);
      expect(scores.asOf).toBe((e.payload as { at: string }).at);
    }
  });
});
