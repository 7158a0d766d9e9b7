import { describe, expect, it } from 'vitest';
import { LAB_REGION, readableKey, resourceLabels, type LabAccess, type LabTeam } from '../../../../server/features/labs/lab.ts';
import { LABS } from '../../../../server/features/labs/labs.registry.ts';

const TEAM: LabTeam = { teamId: 7, seed: Buffer.alloc(32, 7), accountId: '123456789012', flag: 'JAM{flag}' };
const ACCESS: LabAccess = {
  endpoint: 'http://localhost/labs/aws',
  region: LAB_REGION,
  token: 'token',
  accessKeyId: 'AKIAAAAAAAAAAAAAAAAA',
  secretAccessKey: 'secret',
};

describe('the lab panel’s resource labels', () => {
  it('label every resource of every lab in English and in Japanese, never as its key', () => {
    for (const lab of LABS) {
      for (const language of ['en', 'ja'] as const) {
        const connection = lab.connection(TEAM, ACCESS, language);
        const keys = Object.keys(connection.resources);
        for (const key of keys) {
          const label = connection.labels?.[key];
          expect(label?.en, `${lab.name}: ${key} (en)`).toBeTruthy();
          expect(label?.ja, `${lab.name}: ${key} (ja)`).toBeTruthy();
          expect(label?.ja, `${lab.name}: ${key} is translated`).not.toBe(label?.en);
        }
        const shown = resourceLabels(connection, language);
        expect(Object.keys(shown).sort(), lab.name).toEqual([...keys].sort());
        for (const key of keys) expect(shown[key], `${lab.name}: ${key}`).not.toBe(key);
      }
    }
  });

  it('make a key readable where a lab gives no label', () => {
    expect(readableKey('osakaRegion')).toBe('Osaka region');
    expect(readableKey('multiArchRepository')).toBe('Multi arch repository');
    expect(readableKey('log_group-name')).toBe('Log group name');
    expect(readableKey('database')).toBe('Database');
    expect(resourceLabels({ resources: { streamName: 's' }, labels: {} }, 'ja')).toEqual({ streamName: 'Stream name' });
    expect(resourceLabels({ resources: { streamName: 's' }, labels: { streamName: { en: 'Stream name', ja: 'ストリーム名' } } }, 'ja')).toEqual({
      streamName: 'ストリーム名',
    });
  });
});
