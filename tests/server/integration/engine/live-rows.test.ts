import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveRows } from '../../../../server/features/scoreboard/live-rows.ts';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, type TestApp } from '../../../support/app.ts';

/**
 * The live board's rows between rebuilds: a rebuild re-reads the teams a `scores` event
 * named, and all of them after a change that named none.
 */
describeBackends('LiveRows', (backend) => {
  let t: TestApp;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestApp(backend);
    ids = [];
    for (const name of ['Alpha', 'Bravo', 'Charlie']) ids.push((await playerWithTeam(t, `${name} captain`, name)).team.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const setScore = (id: number, score: number) => sql`update team set score = ${score} where id = ${id}`.execute(t.ctx.db);
  const scores = (rows: { id: number; score: number }[]) => Object.fromEntries(rows.map((r) => [r.id, r.score]));

  it('re-reads the named teams only, everything after a change naming none, and drops a named team that is gone', async () => {
    const [a, b, c] = ids as [number, number, number];
    const rows = new LiveRows();
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 0, [b]: 0, [c]: 0 });

    await setScore(a, 100);
    await setScore(b, 50);
    rows.changed([a]);
    // Only what was announced is read: b's change reaches the board with its own event.
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 100, [b]: 0, [c]: 0 });
    rows.changed([b]);
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 100, [b]: 50, [c]: 0 });

    await setScore(c, 70);
    rows.changed([]);
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 100, [b]: 50, [c]: 70 });

    await setScore(a, 10);
    rows.everything();
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 10, [b]: 50, [c]: 70 });

    await sql`update player set team_id = null where team_id = ${c}`.execute(t.ctx.db);
    await sql`delete from team where id = ${c}`.execute(t.ctx.db);
    rows.changed([c]);
    expect(scores(await rows.read(t.ctx.db))).toEqual({ [a]: 10, [b]: 50 });
  });
});
