import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { adminClient, createTestApp, joinPlayer, playerWithTeam, type Client, type TestApp } from '../../../support/app.ts';
import { expectError } from './engine-support.ts';

/**
 * Team names are unique case-insensitively as PostgreSQL's lower() folds them (the unique
 * index). A rename checked with JavaScript's toLowerCase() instead let "İI" past the check
 * when "ii" existed, and the index then refused the update: a 500.
 */
describeBackends('team names that differ only in case', (backend) => {
  let t: TestApp;
  let admin: Client;
  let owner: Client;
  let teamId: number;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await adminClient(t);
    const mine = await playerWithTeam(t, 'Owner', 'Mine');
    owner = mine.client;
    teamId = mine.team.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function otherTeam(name: string): Promise<void> {
    await playerWithTeam(t, `Other ${n++}`, name);
  }

  describe('renameTeam', () => {
    it('refuses a name taken in another case, whatever the letters, for the owner and for admins', async () => {
      for (const [existing, wanted] of [
        ['ii', 'İI'],
        ['σασ', 'ΣΑΣ'],
        ['Äb', 'äB'],
        ['kumo', 'KUMO'],
      ] as const) {
        await otherTeam(existing);
        const res = await owner.patch('/api/team', { name: wanted });
        expectError(res, 409, 'name_taken');
        expect(res.body.error.message).toContain('name');
        expectError(await admin.patch(`/api/admin/teams/${teamId}`, { name: wanted }), 409, 'name_taken');
        expectError(await (await joinPlayer(t, `Late ${n++}`)).post('/api/teams', { name: wanted }), 409, 'name_taken');
      }
      const mine = await t.ctx.db.selectFrom('team').select('name').where('id', '=', teamId).executeTakeFirstOrThrow();
      expect(mine.name).toBe('Mine');
    });

    it('never fails with a 5xx on a rename to any case variant of a taken name', async () => {
      // Letters whose case folding differs between languages and libraries, mixed with any others.
      const tricky = fc.array(fc.constantFrom('İ', 'i', 'I', 'ı', 'Σ', 'σ', 'ς', 'ß', 'ẞ', 'ǅ', 'ǆ', 'Ǆ', 'ﬀ', 'k', '\u212a', 'å', '\u212b', 'Ω', '\u2126'), {
        minLength: 1,
        maxLength: 6,
      });
      const name = fc
        .oneof(
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }),
          tricky.map((letters) => letters.join('')),
        )
        .filter((s) => s.length <= 12 && /\S/.test(s) && !/[\u0000-\u001f\u007f]/.test(s));
      // As the server stores a name (teams.schema.ts).
      const stored = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
      await fc.assert(
        fc.asyncProperty(name, fc.constantFrom('upper', 'lower', 'swap'), async (existing, variant) => {
          const unique = `${existing} ${n}`;
          await otherTeam(unique);
          const wanted =
            variant === 'upper'
              ? unique.toUpperCase()
              : variant === 'lower'
                ? unique.toLowerCase()
                : [...unique].map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase())).join('');
          const res = await owner.patch('/api/team', { name: wanted });
          expect(res.status, `${unique} → ${wanted}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
          const { rows } = await sql<{ same: boolean }>`select lower(${stored(unique)}) = lower(${stored(wanted)}) as same`.execute(t.ctx.db);
          if (rows[0]?.same && res.status !== 400) expect(res.status, `${unique} → ${wanted}`).toBe(409);
          if (res.status === 200) expect((await owner.patch('/api/team', { name: 'Mine' })).status).toBe(200);
        }),
        { numRuns: 40 },
      );
    });
  });
});
