import { describe, expect, it } from 'vitest';
import type { AnswerSpec, Labelled } from '../../../../server/features/challenges/challenge.ts';
import { publicAnswer } from '../../../../server/features/play/answers.ts';
import { shuffleSeed } from '../../../../server/features/play/shuffle.ts';

const item = (id: string, en: string, ja?: string): Labelled => ({ id, label: ja ? { en, ja } : { en } });
const seed = shuffleSeed(7, 'ecr-pull-flow', 'order-the-pull');

describe('publicAnswer', () => {
  it('shows nothing of a text key', () => {
    const spec: AnswerSpec = { type: 'text', accept: ['TopSecretAnswer', '秘密の答え'], caseSensitive: false };
    const shown = JSON.stringify(publicAnswer(spec, 'ja', seed));
    expect(JSON.parse(shown)).toEqual({ type: 'text' });
    for (const key of spec.accept) expect(shown).not.toContain(key);
  });

  it('shows nothing of a regex pattern or its flags', () => {
    const spec: AnswerSpec = { type: 'regex', pattern: 'sha256:[0-9a-f]{64}', flags: 'i' };
    const shown = JSON.stringify(publicAnswer(spec, 'en', seed));
    expect(JSON.parse(shown)).toEqual({ type: 'regex' });
    expect(shown).not.toContain('sha256');
  });

  it('shows the unit of a number answer, and every spelling the server reads, but neither the value nor the tolerance', () => {
    const spec: AnswerSpec = { type: 'number', value: 86400, tolerance: 3600, unit: { en: 'seconds', ja: '秒' } };
    const shown = publicAnswer(spec, 'en', seed);
    const unitSpellings = ['seconds', 'second', '秒'];
    expect(shown).toEqual({ type: 'number', unit: 'seconds', unitSpellings });
    expect(publicAnswer(spec, 'ja', seed)).toEqual({ type: 'number', unit: '秒', unitSpellings });
    expect(publicAnswer({ type: 'number', value: 40, tolerance: 0, unit: { en: '%' } }, 'ja', seed)).toEqual({
      type: 'number',
      unit: '%',
      unitSpellings: ['%', 'percent', 'パーセント'],
    });
    expect(JSON.stringify(shown)).not.toMatch(/86400|3600/);
    expect(publicAnswer({ type: 'number', value: 5, tolerance: 0 }, 'en', seed)).toEqual({ type: 'number' });
  });

  it('shows choice options with labels in the reader language, but not which are correct', () => {
    const spec: AnswerSpec = {
      type: 'choice',
      options: [item('a', 'Pull', 'プル'), item('b', 'Push', 'プッシュ'), item('c', 'Scan')],
      correct: ['a', 'c'],
    };
    const shown = publicAnswer(spec, 'ja', seed);
    expect(shown).toEqual({
      type: 'choice',
      options: [
        { id: 'a', label: 'プル' },
        { id: 'b', label: 'プッシュ' },
        { id: 'c', label: 'Scan' },
      ],
      multiple: true,
    });
    expect(JSON.stringify(shown)).not.toContain('correct');
    expect(publicAnswer({ ...spec, correct: ['b'] }, 'en', seed)).toMatchObject({ multiple: false });
  });

  it('shows order items shuffled, never in the correct order, the same way for the same team', () => {
    const items = ['auth', 'manifest', 'config', 'layers', 'run'].map((id) => item(id, id.toUpperCase()));
    const spec: AnswerSpec = { type: 'order', items };
    const shown = publicAnswer(spec, 'en', seed);
    if (shown.type !== 'order') throw new Error('expected an order answer');
    expect(shown.items.map((i) => i.id)).not.toEqual(items.map((i) => i.id));
    expect([...shown.items.map((i) => i.id)].sort()).toEqual(items.map((i) => i.id).sort());
    expect(shown.items.find((i) => i.id === 'auth')?.label).toBe('AUTH');
    expect(publicAnswer(spec, 'en', seed)).toEqual(shown);
  });

  it('never shows a two-item order in its correct order, whatever the team', () => {
    const spec: AnswerSpec = { type: 'order', items: [item('first', '1'), item('second', '2')] };
    for (let team = 1; team <= 50; team++) {
      const shown = publicAnswer(spec, 'en', shuffleSeed(team, 'c', 't'));
      if (shown.type !== 'order') throw new Error('expected an order answer');
      expect(shown.items.map((i) => i.id)).toEqual(['second', 'first']);
    }
  });

  it('shows both match columns, the right one shuffled, and no pairs', () => {
    const left = [item('l1', 'ECR'), item('l2', 'ECS'), item('l3', 'EKS')];
    const right = [item('r1', 'registry'), item('r2', 'orchestrator'), item('r3', 'kubernetes')];
    const spec: AnswerSpec = { type: 'match', left, right, pairs: { l1: 'r1', l2: 'r2', l3: 'r3' } };
    const shown = publicAnswer(spec, 'en', seed);
    if (shown.type !== 'match') throw new Error('expected a match answer');
    expect(shown.left.map((i) => i.id)).toEqual(['l1', 'l2', 'l3']);
    expect(shown.right.map((i) => i.id)).not.toEqual(['r1', 'r2', 'r3']);
    expect([...shown.right.map((i) => i.id)].sort()).toEqual(['r1', 'r2', 'r3']);
    expect(JSON.stringify(shown)).not.toContain('pairs');
  });

  it('shows the lab name of a lab answer', () => {
    expect(publicAnswer({ type: 'lab', lab: 'ecr-registry' }, 'en', seed)).toEqual({ type: 'lab', lab: 'ecr-registry' });
  });
});
