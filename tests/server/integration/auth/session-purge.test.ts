import { afterAll, beforeAll, expect, it } from 'vitest';
import * as authRepository from '../../../../server/features/auth/auth.repository.ts';
import { SessionPurger } from '../../../../server/features/auth/session-purger.ts';
import { createTestApp, joinPlayer, type TestApp } from '../../../support/app.ts';
import { describeBackends } from '../../../support/backends.ts';

describeBackends('purging expired sessions', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('deletes the sessions that expired and keeps the live ones, which still sign their players in', async () => {
    const player = await joinPlayer(t, 'Sora');
    const me = await player.get('/api/me');
    expect(me.status).toBe(200);
    const now = t.ctx.now();
    for (let i = 0; i < 3; i++) {
      await authRepository.insertSession(t.ctx.db, {
        idHash: `expired-${i}`,
        playerId: me.body.player.id,
        expiresAt: new Date(now.getTime() - 1000 * (i + 1)),
      });
    }
    const count = async () => (await t.ctx.db.selectFrom('auth_session').select('id_hash').execute()).length;
    const before = await count();

    expect(await new SessionPurger(t.ctx).purge()).toBe(3);
    expect(await count()).toBe(before - 3);
    expect(await new SessionPurger(t.ctx).purge()).toBe(0);
    expect((await player.get('/api/me')).status).toBe(200);
  });
});
