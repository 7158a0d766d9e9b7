import { expect } from 'vitest';
import type { Client } from '../../../support/app.ts';

/** Submits an answer and checks the call was accepted (right or wrong). */
export async function attempt(client: Client, challengeId: string, taskId: string, answer: unknown) {
  const res = await client.post(`/api/challenges/${challengeId}/tasks/${taskId}/attempts`, { answer });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { correct: boolean; awarded: number; alreadySolved: boolean };
}

export async function unlockClue(client: Client, challengeId: string, taskId: string, index: number) {
  const res = await client.post(`/api/challenges/${challengeId}/tasks/${taskId}/clues/${index}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF), to read the export back. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/**
 * Boards rebuild shortly after a change (coalesced, at most every 200 ms); a loaded machine
 * running many suites at once can take longer than expect.poll's default second.
 */
export const POLL = { timeout: 10_000, interval: 50 };
