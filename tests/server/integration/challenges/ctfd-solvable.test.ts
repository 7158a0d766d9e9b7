import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCtfd } from '../../../../server/features/challenges/ctfd-import.ts';
import { adminClient, type Client, createTestApp, startEvent, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { teamOf } from '../engine/engine-support.ts';

const SHAPES = path.resolve(import.meta.dirname, '../../../fixtures/ctfd/shapes');

/**
 * For each imported challenge and task: every flag of the original file, as a player would
 * paste it (CTFd strips the submission), and submissions CTFd would reject. Rejections follow
 * CTFd's checks: a static flag compared as written (letter case unless case_insensitive,
 * inner whitespace, no full-width folding), a regex accepted only when re.match's first match
 * is the whole submission.
 */
const CASES: Record<string, Record<string, { accept: string[]; reject: string[] }>> = {
  'several-flags': {
    flag: {
      accept: ['flag{static_one}', ' flag{static_one}\n', 'flag{v7}', 'flag{v123}', 'FLAG{Case_Free}', 'flag{case_free}'],
      reject: ['FLAG{STATIC_ONE}', 'flag{v}', 'flag{v7}x', 'ｆｌａｇ{static_one}', 'flag{static_one} extra'],
    },
  },
  'both-halves': {
    'flag-1': { accept: ['flag{first_half}'], reject: ['flag{second_half}'] },
    'flag-2': { accept: ['flag{second_half}'], reject: ['flag{first_half}'] },
  },
  'scalar-flag': { flag: { accept: ['flag{just_one}'], reject: ['flag{JUST_ONE}'] } },
  'singular-flag': { flag: { accept: ['flag{singular}'], reject: ['flag{plural}'] } },
  'look-closely': { flag: { accept: ['flag{in_the_pixels}'], reject: ['flag{in the pixels}'] } },
  'remote-shell': { flag: { accept: ['flag{connected}'], reject: ['nc pwn.example.com 31337'] } },
  'free-hint-last': { flag: { accept: ['flag{ordered}'], reject: ['flag{unordered}'] } },
  'no-value': { flag: { accept: ['flag{free_points}'], reject: [''] } },
  braces: { flag: { accept: ['BZHCTF{anything at all}', 'BZHCTF{}', 'BZHCTF{a}b}'], reject: ['bzhctf{x}', 'BZHCTF{x', 'xBZHCTF{x}'] } },
  escapes: { flag: { accept: ['flag{a_b-c}', 'FLAG{A_B-C}'], reject: ['flag{a b}', 'flag{a.b}'] } },
  'first-match': { flag: { accept: ['flag{a}'], reject: ['flag{a}b', 'flag{a}bb'] } },
  numbers: { flag: { accept: ['2.0', '1e3'], reject: ['2', '1000', '2.00', '１e3'] } },
  spaced: { flag: { accept: ['flag{two  spaces}'], reject: ['flag{two spaces}', 'flag{two   spaces}'] } },
  'duplicate-keys': { flag: { accept: ['flag{last_wins}'], reject: ['flag{first_wins}'] } },
  'registry-basics': { flag: { accept: ['ECR', 'Amazon ECR'], reject: ['ecr', 'Amazon  ECR'] } },
  'after-basics': { flag: { accept: ['flag{after_basics}'], reject: ['flag{before_basics}'] } },
  'stream-choice': { flag: { accept: ['Firehose', 'data firehose'], reject: ['Data  Firehose'] } },
  'hinted-router': { flag: { accept: ['2'], reject: ['2.0', 'two'] } },
  'dynamic-doner-pull': { flag: { accept: ['flag{pulled}'], reject: ['FLAG{PULLED}'] } },
  overhinted: { flag: { accept: ['answer'], reject: ['Answer'] } },
  'tag-format': { flag: { accept: ['v1.0', 'v12.3'], reject: ['V1.0', 'v1', 'v1.0.0'] } },
};

/**
 * The ctfcli shapes imported, then played through the HTTP API: each imported challenge is
 * solved by each of its original flags and refuses what CTFd would have refused.
 */
describeBackends('imported ctfcli challenges, played through HTTP', (backend) => {
  let out: string;
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'jam-ctfd-play-'));
    const report = await importCtfd(SHAPES, out);
    expect(report.errors).toEqual([]);
    t = await createTestApp(backend, { challengesDir: out });
    admin = await adminClient(t);
    await startEvent(t);
  });
  afterAll(async () => {
    await t?.close();
    await rm(out, { recursive: true, force: true });
  });

  it('imports every shape as a challenge the server plays, the hidden one held back until put in play', async () => {
    const ids = (await admin.get('/api/admin/challenges')).body.challenges.map((c: { id: string }) => c.id).sort();
    expect(ids).toEqual(Object.keys(CASES).sort());
    const [player] = (await teamOf(t, 'Lookers', 1)).members as [Client];
    const board = (await player.get('/api/challenges')).body.challenges.map((c: { id: string }) => c.id);
    expect(board).not.toContain('dynamic-doner-pull');
    expect((await admin.post('/api/admin/challenges/dynamic-doner-pull/release')).status).toBe(200);
    expect((await player.get('/api/challenges')).body.challenges.map((c: { id: string }) => c.id)).toContain('dynamic-doner-pull');
  });

  it('refuses what CTFd would reject, for every challenge', async () => {
    // Prerequisites (requirements) would lock two of them: open them, as an admin can.
    for (const id of ['after-basics', 'dynamic-doner-pull']) expect((await admin.post(`/api/admin/challenges/${id}/open`)).status).toBe(200);
    const [player] = (await teamOf(t, 'Rejected', 1)).members as [Client];
    const wrongly: string[] = [];
    for (const [challengeId, tasks] of Object.entries(CASES)) {
      for (const [taskId, { reject }] of Object.entries(tasks)) {
        for (const answer of reject) {
          const res = await player.post(`/api/challenges/${challengeId}/tasks/${taskId}/attempts`, { answer });
          if (res.status !== 200 || res.body.correct !== false)
            wrongly.push(`${challengeId}/${taskId} ${JSON.stringify(answer)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(wrongly).toEqual([]);
  });

  it('accepts each original flag, each submitted by a team of its own', async () => {
    const failures: string[] = [];
    let team = 0;
    for (const [challengeId, tasks] of Object.entries(CASES)) {
      for (const [taskId, { accept }] of Object.entries(tasks)) {
        for (const answer of accept) {
          team += 1;
          const [player] = (await teamOf(t, `Solver ${team}`, 1)).members as [Client];
          const res = await player.post(`/api/challenges/${challengeId}/tasks/${taskId}/attempts`, { answer });
          if (res.status !== 200 || res.body.correct !== true)
            failures.push(`${challengeId}/${taskId} ${JSON.stringify(answer)} → ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('solves a logic: all challenge only when every flag is in', async () => {
    const [player] = (await teamOf(t, 'Halves', 1)).members as [Client];
    const progress = async () => (await player.get('/api/challenges')).body.challenges.find((c: { id: string }) => c.id === 'both-halves');
    expect((await player.post('/api/challenges/both-halves/tasks/flag-1/attempts', { answer: 'flag{first_half}' })).body.correct).toBe(true);
    expect(await progress()).toMatchObject({ solvedTasks: 1, totalTasks: 2, points: 300 });
    expect((await player.post('/api/challenges/both-halves/tasks/flag-2/attempts', { answer: 'flag{second_half}' })).body.correct).toBe(true);
    expect(await progress()).toMatchObject({ solvedTasks: 2, totalTasks: 2 });
  });
});
