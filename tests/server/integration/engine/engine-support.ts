import { expect } from 'vitest';
import { sql } from 'kysely';
import { EVENT_CODE, joinPlayer, playerWithTeam, type Client, type JsonResponse, type TestApp } from '../../../support/app.ts';

export interface BoardTeam {
  rank: number;
  id: number;
  name: string;
  score: number;
  solvedTasks: number;
  lastSolveAt: string | null;
}

export interface Board {
  frozen: boolean;
  total: number;
  teams: BoardTeam[];
}

/** The board as one caller sees it, reduced to what ranks and scores depend on. */
export async function boardOf(client: Client): Promise<{ frozen: boolean; teams: Pick<BoardTeam, 'rank' | 'name' | 'score' | 'solvedTasks'>[] }> {
  const res = await client.get<Board>('/api/scoreboard');
  expect(res.status).toBe(200);
  return { frozen: res.body.frozen, teams: res.body.teams.map(({ rank, name, score, solvedTasks }) => ({ rank, name, score, solvedTasks })) };
}

/** A team of `size` players: the creator plus members who joined with the join code. */
export async function teamOf(t: TestApp, teamName: string, size: number, language: 'en' | 'ja' = 'en') {
  const { client, team } = await playerWithTeam(t, `${teamName} 1`, teamName, language);
  const members = [client];
  for (let i = 2; i <= size; i++) {
    const member = await joinPlayer(t, `${teamName} ${i}`, language);
    const res = await member.post('/api/teams/join', { joinCode: team.joinCode });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    members.push(member);
  }
  return { team, members };
}

/** Row counts of every table a player request could write, and the sum of all scores. */
export async function tableSnapshot(t: TestApp): Promise<Record<string, number>> {
  const tables = ['player', 'team', 'auth_session', 'attempt', 'solve', 'first_solve', 'clue_unlock', 'rating', 'score_adjustment', 'event_log', 'audit_log'];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.ctx.db);
    out[table] = Number(result.rows[0]?.n ?? 0);
  }
  const scores = await sql<{ total: number; version: number }>`
    select coalesce((select sum(score) from team), 0)::int as total, (select version from event where id = 1)::int as version
  `.execute(t.ctx.db);
  out['team.score'] = Number(scores.rows[0]?.total ?? 0);
  out['event.version'] = Number(scores.rows[0]?.version ?? 0);
  return out;
}

/** Asserts the house error envelope and returns its code. */
export function expectError(res: JsonResponse, status: number, code?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(res.body.error.code).toBe(code);
}

export const JOIN = (displayName: string, language: 'en' | 'ja' = 'en') => ({ eventCode: EVENT_CODE, displayName, language });
