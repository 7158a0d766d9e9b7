import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { BUNDLED_CHALLENGES, Client, createTestApp, startEvent, type JsonResponse, type TestApp } from '../../../support/app.ts';
import type { CatalogChallenge, CatalogTask } from '../../../../server/features/challenges/catalog.ts';
import type { LocalizedText } from '../../../../server/features/challenges/challenge.ts';
import { renderText } from '../../../../server/features/challenges/markdown.ts';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';
import { teamOf } from './engine-support.ts';

interface Seen {
  what: string;
  body: unknown;
  raw: string;
}

/** Fields whose text is public by design: titles, prompts, labels, unlocked clue texts. */
const PUBLIC_TEXT = new Set([
  'title',
  'prompt',
  'summary',
  'briefing',
  'label',
  'text',
  'source',
  'category',
  'name',
  'displayName',
  'challengeTitle',
  'taskTitle',
  // The SDK a lab panel names for its snippet (`sdk.client`, `sdk.package`): the service's public name, like a title.
  'client',
  'package',
]);
/** The only keys each public answer shape may carry. */
const ANSWER_KEYS: Record<string, string[]> = {
  text: ['type'],
  regex: ['type'],
  // unitSpellings: every spelling of the unit the server reads after the number (for the client's check).
  number: ['type', 'unit', 'unitSpellings'],
  choice: ['type', 'options', 'multiple'],
  order: ['type', 'items'],
  match: ['type', 'left', 'right'],
  // The team's own lab access: endpoint, token, AWS credentials (AWS labs), resources and their labels, a first command.
  lab: ['type', 'lab', 'endpoint', 'token', 'aws', 'resources', 'resourceLabels', 'firstCommand', 'sdk'],
  check: ['type', 'lab', 'check', 'endpoint', 'token', 'aws', 'resources', 'resourceLabels', 'firstCommand', 'sdk'],
};
const KEY_FIELDS = ['accept', 'caseSensitive', 'pattern', 'flags', 'value', 'tolerance', 'correct', 'pairs', 'debrief'];

/**
 * The team's lab credentials and token: random strings derived from the server's secret (a
 * base64 secret key held "NFR", an answer of another task, once in a CI run). They are
 * checked for what they are in the lab suites, not searched for answer keys here.
 */
const RANDOM_CREDENTIALS = new Set(['accessKeyId', 'secretAccessKey', 'token', 'labToken']);

/** Every string in a JSON value (object keys too), skipping values under public text fields. */
function privateStrings(value: unknown, out: string[] = [], key = ''): string[] {
  if (typeof value === 'string') {
    if (!PUBLIC_TEXT.has(key) && !RANDOM_CREDENTIALS.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) privateStrings(item, out, key);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      privateStrings(v, out, k);
    }
  }
  return out;
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
  return out;
}

/** Every `answer` object in a JSON value. */
function answerObjects(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) answerObjects(item, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'answer' && v && typeof v === 'object' && !Array.isArray(v)) out.push(v as Record<string, unknown>);
      answerObjects(v, out);
    }
  }
  return out;
}

function objectsWithKey(value: unknown, key: string, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) objectsWithKey(item, key, out);
  else if (value && typeof value === 'object') {
    if (key in value) out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) objectsWithKey(v, key, out);
  }
  return out;
}

/** Plain text of rendered Markdown, for finding a text whatever HTML wraps it. */
function plain(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function texts(text: LocalizedText): string[] {
  return (['en', 'ja'] as const).flatMap((lang) => (text[lang] ? [text[lang] as string, plain(renderText(text, lang))] : []));
}

/** The JSON-escaped form, as a value appears inside a response body. */
const escaped = (s: string) => JSON.stringify(s).slice(1, -1);

describeBackends('answer keys and locked clues never reach a player', (backend) => {
  let t: TestApp;
  let catalog: CatalogChallenge[];
  const seen: Seen[] = [];
  const unlocked = new Set<string>();
  let teamId: number;

  const record = (what: string, res: JsonResponse) => {
    expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    seen.push({ what, body: res.body, raw: typeof res.body === 'string' ? res.body : JSON.stringify(res.body) });
  };

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: BUNDLED_CHALLENGES });
    catalog = t.services.challenges.inPlay();
    const { team, members } = await teamOf(t, 'Scanners', 2);
    const ja = await teamOf(t, 'スキャナー', 2, 'ja');
    teamId = team.id;
    const players = [...members, ...ja.members];
    await startEvent(t);

    // Unlock clue 1 of every other task, for each team: those texts become visible, clue 2 stays locked.
    const tasks = catalog.flatMap((c) => c.tasks.map((task) => ({ c, task })));
    for (const [i, { c, task }] of tasks.entries()) {
      if (i % 2 !== 0) continue;
      for (const player of [members[0]!, ja.members[0]!])
        record(`unlock ${c.id}/${task.id}`, await player.post(`/api/challenges/${c.id}/tasks/${task.id}/clues/1`));
      unlocked.add(`${c.id}/${task.id}/1`);
    }
    // One wrong attempt on every task, spread over the members to stay under the per-player limit.
    for (const [i, { c, task }] of tasks.entries()) {
      const player = players[i % players.length]!;
      const detail = (await player.get(`/api/challenges/${c.id}`)).body.tasks.find((x: { id: string }) => x.id === task.id);
      // A check task's attempt is "Check my progress" on a lab that is not done yet.
      const attempt =
        task.answer.type === 'check'
          ? await player.post(`/api/challenges/${c.id}/tasks/${task.id}/check`)
          : await player.post(`/api/challenges/${c.id}/tasks/${task.id}/attempts`, { answer: wrongAnswer(task, detail.answer) });
      record(`wrong attempt ${c.id}/${task.id}`, attempt);
    }
    // Every player-facing GET, in both languages and without a session.
    for (const player of [members[0]!, ja.members[0]!, new Client(t.app)]) {
      for (const url of ['/api/me', '/api/scoreboard', '/api/scoreboard/history', '/api/event']) {
        const res = await player.get(url);
        if (res.status !== 401) record(`GET ${url}`, res);
      }
    }
    for (const player of [members[0]!, ja.members[0]!]) {
      record('GET /api/challenges', await player.get('/api/challenges'));
      for (const c of catalog) record(`GET /api/challenges/${c.id}`, await player.get(`/api/challenges/${c.id}`));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  function wrongAnswer(task: CatalogTask, shown: { items?: { id: string }[] }): unknown {
    switch (task.answer.type) {
      case 'number':
        return 987654321;
      case 'choice':
        return [];
      case 'order':
        return shown.items?.map((item) => item.id);
      case 'match':
        return {};
      default:
        return 'not the answer';
    }
  }

  it('walks every challenge of the bundled set', () => {
    expect(catalog.length).toBeGreaterThanOrEqual(12);
    expect(seen.filter((s) => s.what.startsWith('GET /api/challenges/')).length).toBe(2 * catalog.length);
  });

  it('sends only the public shape of every answer', () => {
    for (const { what, body } of seen) {
      for (const answer of answerObjects(body)) {
        expect(ANSWER_KEYS[String(answer.type)], `${what}: ${JSON.stringify(answer)}`).toBeDefined();
        expect(
          Object.keys(answer).filter((k) => !ANSWER_KEYS[String(answer.type)]!.includes(k)),
          what,
        ).toEqual([]);
        for (const list of ['options', 'items', 'left', 'right']) {
          for (const entry of (answer[list] as object[] | undefined) ?? []) expect(Object.keys(entry).sort(), what).toEqual(['id', 'label']);
        }
      }
      for (const field of KEY_FIELDS) {
        // An attempt's result says `correct: true|false`; a key would be a list of ids.
        const carriers = objectsWithKey(body, field).filter((o) => !(field === 'correct' && typeof o.correct === 'boolean'));
        expect(carriers, `${what} carries "${field}"`).toEqual([]);
      }
      for (const clue of objectsWithKey(body, 'unlocked')) if (clue.unlocked === false) expect(clue, what).not.toHaveProperty('text');
    }
  });

  it('never sends an accepted text answer or a regex pattern', () => {
    for (const c of catalog) {
      for (const task of c.tasks) {
        const spec = task.answer;
        const keys = spec.type === 'text' ? spec.accept : [];
        for (const { what, body, raw } of seen) {
          for (const key of keys) {
            // Short or numeric keys ("307") would match timestamps: look for them in answer objects only.
            for (const answer of answerObjects(body))
              expect(
                privateStrings(answer).filter((s) => s.includes(key)),
                `${what}: ${key}`,
              ).toEqual([]);
            if (key.length >= 3 && !/^\d+$/.test(key)) {
              expect(
                privateStrings(body).filter((s) => s.includes(key)),
                `${c.id}/${task.id} key "${key}" in ${what}`,
              ).toEqual([]);
            }
          }
          if (spec.type === 'regex') {
            expect(
              [raw, ...allStrings(body)].some((h) => h.includes(spec.pattern) || h.includes(escaped(spec.pattern))),
              `${c.id}/${task.id} pattern in ${what}`,
            ).toBe(false);
          }
        }
      }
    }
  });

  it('never sends a choice key, the key order of an order task, or the pairs of a match', () => {
    for (const c of catalog) {
      for (const task of c.tasks) {
        const spec = task.answer;
        const needles: string[] = [];
        if (spec.type === 'choice') needles.push(JSON.stringify(spec.correct));
        if (spec.type === 'order') needles.push(JSON.stringify(spec.items.map((item) => item.id)));
        if (spec.type === 'match')
          needles.push(JSON.stringify(spec.pairs), ...Object.entries(spec.pairs).map(([l, r]) => `${JSON.stringify(l)}:${JSON.stringify(r)}`));
        for (const { what, raw, body } of seen) {
          // Also inside string values, where a serialised key would sit escaped in `raw`.
          const haystacks = [raw, ...allStrings(body)];
          for (const needle of needles)
            expect(
              haystacks.some((h) => h.includes(needle)),
              `${c.id}/${task.id}: ${needle} in ${what}`,
            ).toBe(false);
        }
      }
    }
  });

  it('shows order items in an order that differs from the key', () => {
    const details = seen.filter((s) => s.what.startsWith('GET /api/challenges/'));
    let checked = 0;
    for (const c of catalog) {
      for (const task of c.tasks.filter((x) => x.answer.type === 'order')) {
        const key = task.answer.type === 'order' ? task.answer.items.map((item) => item.id) : [];
        for (const detail of details.filter((d) => d.what === `GET /api/challenges/${c.id}`)) {
          const shown = (detail.body as { tasks: { id: string; answer: { items: { id: string }[] } }[] }).tasks.find((x) => x.id === task.id)!;
          expect(
            shown.answer.items.map((item) => item.id),
            `${c.id}/${task.id}`,
          ).not.toEqual(key);
          expect([...shown.answer.items.map((item) => item.id)].sort()).toEqual([...key].sort());
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('never sends the team lab flag', () => {
    const labTasks = catalog.flatMap((c) => c.tasks.filter((task) => task.answer.type === 'lab').map((task) => ({ c, task })));
    expect(labTasks.length).toBeGreaterThan(0);
    for (const { c, task } of labTasks) {
      for (const team of [teamId, teamId + 1]) {
        const flag = deriveLabFlag(t.ctx.secrets.labSecret, team, c.id, task.id);
        for (const { what, raw } of seen) expect(raw.includes(flag), `flag of ${c.id}/${task.id} in ${what}`).toBe(false);
      }
    }
    // Prompts describe the flag format (`JAM{ecr-…}`); no other field may hold a flag.
    for (const { what, body } of seen)
      expect(
        privateStrings(body).filter((s) => s.includes('JAM{')),
        what,
      ).toEqual([]);
  });

  it('never sends a locked clue text or a debrief before the solve, in either language', () => {
    const allowed = new Set<string>();
    for (const c of catalog)
      for (const task of c.tasks)
        for (const clue of task.clues) if (unlocked.has(`${c.id}/${task.id}/${clue.index}`)) for (const s of texts(clue.text)) allowed.add(s);
    // Each response's text once (not once per task): the check is secrets × responses.
    const pages = seen.map(({ what, raw, body }) => ({ what, raw, bodyPlain: allStrings(body).map(plain).join('\n') }));
    const leaks: string[] = [];
    let locked = 0;
    for (const c of catalog) {
      for (const task of c.tasks) {
        const secrets = [
          ...task.clues.filter((clue) => !unlocked.has(`${c.id}/${task.id}/${clue.index}`)).flatMap((clue) => texts(clue.text)),
          ...texts(task.debrief),
        ].filter((s) => s.length > 0 && !allowed.has(s));
        locked += secrets.length;
        for (const { what, raw, bodyPlain } of pages) {
          for (const secret of secrets) {
            if (raw.includes(escaped(secret)) || bodyPlain.includes(secret)) leaks.push(`${c.id}/${task.id} secret text in ${what}: ${secret.slice(0, 60)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(locked).toBeGreaterThan(100);
  });
});
