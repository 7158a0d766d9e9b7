import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, type Client, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';
import { announce, createCommsApp, openStream } from './helpers.ts';

/** Long enough for the bus to give a hole up (one second) and poll again, short of a stall. */
const PROMPT_MS = 3000;

/**
 * Event ids that jump (a reset that deleted rows, a sequence that moved on, a restore) must
 * not stall the bus: only transactions running when the hole was seen can still fill it,
 * and watching for them must not cost a query parameter per missing id.
 */
describeBackends('the event bus after ids jump', (backend) => {
  let t: TestApp;
  let admin: Client;

  beforeAll(async () => {
    t = await createCommsApp(backend);
    admin = await adminClient(t);
  });
  afterAll(() => t.close());

  it('relays the events after a jump of 100,000 ids within seconds, and keeps relaying at once', async () => {
    const screen = await openStream(t, null);
    await announce(admin, 'before the jump');
    await screen.waitForEvent('announcement', (d) => d.text === 'before the jump');

    const { rows } = await sql<{ max: number }>`select max(id)::int as max from event_log`.execute(t.ctx.db);
    await sql.raw(`alter table event_log alter column id restart with ${Number(rows[0]?.max ?? 0) + 100_000}`).execute(t.ctx.db);

    let sent = Date.now();
    await announce(admin, 'after the jump');
    await screen.waitForEvent('announcement', (d) => d.text === 'after the jump', PROMPT_MS);
    expect(Date.now() - sent).toBeLessThan(PROMPT_MS);

    for (let i = 0; i < 5; i++) {
      sent = Date.now();
      await announce(admin, `later ${i}`);
      await screen.waitForEvent('announcement', (d) => d.text === `later ${i}`, PROMPT_MS);
      // The hole is skipped once; later events no longer wait for it.
      expect(Date.now() - sent).toBeLessThan(900);
    }
    await screen.close();
  });
});
