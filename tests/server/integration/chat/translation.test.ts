import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { joinPlayer, playerWithTeam, type Client, type TestApp } from '../../../support/app.ts';
import { LibreTranslateTranslator } from '../../../../server/features/chat/translation/libretranslate.translator.ts';
import { AwsTranslator } from '../../../../server/features/chat/translation/aws.translator.ts';
import type { Translator } from '../../../../server/features/chat/translation/translator.ts';
import { startFakeTranslateServer, type FakeMode, type FakeTranslateServer } from '../../unit/chat/fake-translate-server.ts';
import { createCommsApp, openStream } from '../realtime/helpers.ts';

const PROVIDERS: Array<{ name: string; outage: FakeMode; make: (url: string) => Translator }> = [
  { name: 'libretranslate', outage: 'down', make: (url) => new LibreTranslateTranslator({ url, timeoutMs: 2000 }) },
  {
    name: 'aws',
    outage: 'hang',
    make: (url) =>
      new AwsTranslator({ region: 'ap-northeast-1', endpoint: url, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }, timeoutMs: 2000 }),
  },
];

describeBackends('chat translation', (backend) => {
  describe.each(PROVIDERS)('with $name', ({ outage, make }) => {
    let fake: FakeTranslateServer;
    let t: TestApp;
    let aiko: Client;
    let mia: Client;
    let max: Client;
    let bob: Client;
    let teamB: { joinCode: string };

    beforeAll(async () => {
      fake = await startFakeTranslateServer();
      // The periodic pass is pushed out of the way: the test runs retry passes itself.
      t = await createCommsApp(backend, { services: { translator: make(fake.url), translation: { retryEveryMs: 3_600_000 } } });
      const a = await playerWithTeam(t, 'Aiko', 'Team A', 'ja');
      aiko = a.client;
      mia = await joinPlayer(t, 'Mia', 'en');
      max = await joinPlayer(t, 'Max', 'en');
      for (const member of [mia, max]) await member.post('/api/teams/join', { joinCode: a.team.joinCode });
      const b = await playerWithTeam(t, 'Bob', 'Team B', 'en');
      bob = b.client;
      teamB = b.team;
    });
    afterAll(async () => {
      await t.close();
      await fake.close();
    });
    beforeEach(() => {
      fake.mode = 'up';
      fake.calls.length = 0;
    });

    it('delivers the original at once and the translation when it lands, translating once per language', async () => {
      const stream = await openStream(t, mia);
      const sent = await aiko.post('/api/team/chat', { text: 'ログを確認して' });
      expect(sent.body.message).toMatchObject({ text: 'ログを確認して', language: 'ja', translations: {}, pendingTranslations: ['en'] });
      const id = sent.body.message.id;
      await stream.waitForEvent('chat', (d) => d.id === id && d.text === 'ログを確認して');
      const landed = await stream.waitForEvent('translation', (d) => d.messageId === id);
      expect(JSON.parse(landed.data)).toMatchObject({ language: 'en', text: '[en] ログを確認して', channel: 'team' });
      expect(fake.calls).toHaveLength(1);

      for (const reader of [mia, max]) {
        const history = await reader.get('/api/team/chat');
        expect(history.body.messages.find((m: { id: number }) => m.id === id)).toMatchObject({
          text: 'ログを確認して',
          translations: { en: '[en] ログを確認して' },
          pendingTranslations: [],
        });
      }
      await t.services.translations.idle();
      expect(fake.calls).toHaveLength(1);
      await stream.close();
    });

    it('keeps the original when the provider is out and fills in the translation once it is back', async () => {
      const stream = await openStream(t, mia);
      fake.mode = outage;
      const sent = await aiko.post('/api/team/chat', { text: '再起動しました' });
      expect(sent.status).toBe(201);
      const id = sent.body.message.id;
      await stream.waitForEvent('chat', (d) => d.id === id && d.text === '再起動しました');
      await t.services.translations.idle();
      const during = await mia.get('/api/team/chat');
      expect(during.body.messages.find((m: { id: number }) => m.id === id)).toMatchObject({
        text: '再起動しました',
        translations: {},
        pendingTranslations: ['en'],
      });

      fake.mode = 'up';
      expect(await t.services.translations.retryDue()).toBe(0);
      t.clock.advance(60_000);
      expect(await t.services.translations.retryDue()).toBe(1);
      await stream.waitForEvent('translation', (d) => d.messageId === id && d.text === '[en] 再起動しました');
      const after = await mia.get('/api/team/chat');
      expect(after.body.messages.find((m: { id: number }) => m.id === id).translations).toEqual({ en: '[en] 再起動しました' });
      expect(stream.named('chat').filter((e) => JSON.parse(e.data).id === id)).toHaveLength(1);
      await stream.close();
    });

    it('asks nothing of the provider in a one-language team until a reader of another language turns up', async () => {
      const sent = await bob.post('/api/team/chat', { text: 'old news' });
      expect(sent.body.message.pendingTranslations).toEqual([]);
      await t.services.translations.idle();
      expect(fake.calls).toHaveLength(0);

      const kenji = await joinPlayer(t, 'Kenji', 'ja');
      await kenji.post('/api/teams/join', { joinCode: teamB.joinCode });
      const first = await kenji.get('/api/team/chat');
      expect(first.body.messages.find((m: { text: string }) => m.text === 'old news').pendingTranslations).toEqual(['ja']);
      await t.services.translations.idle();
      const second = await kenji.get('/api/team/chat');
      expect(second.body.messages.find((m: { text: string }) => m.text === 'old news').translations).toEqual({ ja: '[ja] old news' });
      expect(fake.calls).toHaveLength(1);
    });
  });
});

describeBackends('chat translation retry loop', (backend) => {
  let fake: FakeTranslateServer;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeTranslateServer();
    t = await createCommsApp(backend, {
      services: {
        translator: new LibreTranslateTranslator({ url: fake.url, timeoutMs: 300 }),
        translation: { retryEveryMs: 50, backoffBaseMs: 20, backoffMaxMs: 100 },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  it('retries failed translations on its own once the provider is back', async () => {
    const { client, team } = await playerWithTeam(t, 'Aiko', 'Team A', 'ja');
    const mia = await joinPlayer(t, 'Mia', 'en');
    await mia.post('/api/teams/join', { joinCode: team.joinCode });
    const stream = await openStream(t, mia);
    fake.mode = 'down';
    const sent = await client.post('/api/team/chat', { text: 'まだ?' });
    await stream.waitForEvent('chat', (d) => d.id === sent.body.message.id);
    // Wait until the provider refused at least twice, then bring it back.
    for (let i = 0; i < 200 && fake.calls.length < 2; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls.length).toBeGreaterThanOrEqual(2);
    fake.mode = 'up';
    await stream.waitForEvent('translation', (d) => d.messageId === sent.body.message.id && d.text === '[en] まだ?');
    await stream.close();
  });
});
