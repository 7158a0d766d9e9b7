import { beforeAll, describe, expect, it } from 'vitest';
import { loadChallengeTree, type LoadResult } from '../../../../server/features/challenges/challenge.loader.ts';
import { ANSWER_TYPES } from '../../../../server/features/challenges/challenge.schema.ts';
import type { AnswerSpec, LocalizedText, TaskDefinition } from '../../../../server/features/challenges/challenge.ts';
import { checkAnswer, publicAnswer } from '../../../../server/features/play/answers.ts';
import { shuffleSeed } from '../../../../server/features/play/shuffle.ts';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';
import { BUNDLED_CHALLENGES } from '../../../support/app.ts';
import { REGEX_KNOWN_GOOD } from './bundled-keys.ts';

const SECRET = 'lab-secret-for-the-solvability-test-0123456789abcdef';
const TEAM_ID = 7;

let tree: LoadResult;
const allTasks = () => tree.challenges.flatMap((c) => c.definition.tasks.map((task) => ({ challengeId: c.definition.id, task })));

beforeAll(async () => {
  tree = await loadChallengeTree(BUNDLED_CHALLENGES, { requireLanguages: ['en', 'ja'] });
});

/** Full-width form of printable ASCII, and U+3000 for spaces: what a Japanese IME types. */
function fullWidth(value: string): string {
  return [...value].map((ch) => (ch === ' ' ? '\u3000' : ch >= '!' && ch <= '~' ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch)).join('');
}

function solves(spec: AnswerSpec, input: unknown, labFlag?: string, checkPassed?: boolean): boolean {
  return checkAnswer(spec, input, { labFlag, checkPassed }).correct;
}

/** Inputs that must pass: the key itself and the ways players type it. */
function correctInputs(challengeId: string, task: TaskDefinition): { inputs: unknown[]; labFlag?: string; checkPassed?: boolean } {
  const spec = task.answer;
  switch (spec.type) {
    case 'text':
      return {
        inputs: spec.accept.flatMap((value) => [
          value,
          fullWidth(value),
          `  ${value.replaceAll(' ', '   ')}\t`,
          ...(spec.caseSensitive ? [] : [value.toUpperCase(), value.toLowerCase()]),
        ]),
      };
    case 'regex': {
      const known = REGEX_KNOWN_GOOD[`${challengeId}/${task.id}`];
      expect(known, `write known-good inputs for the regex task ${challengeId}/${task.id} in REGEX_KNOWN_GOOD`).toBeDefined();
      return { inputs: known?.good ?? [] };
    }
    case 'number': {
      const value = String(spec.value);
      const inputs: unknown[] = [spec.value, value, fullWidth(value), spec.value + spec.tolerance, spec.value - spec.tolerance];
      // The unit as shown to each reader, typed after the number: "7 times", "7倍", "７倍".
      for (const unit of Object.values(spec.unit ?? {})) inputs.push(`${value} ${unit}`, `${value}${unit}`, `${fullWidth(value)}${unit}`);
      // Japanese counts anything with つ: "3つ".
      if (Number.isInteger(spec.value) && spec.value >= 0) inputs.push(`${value}つ`, `${fullWidth(value)}つ`);
      if (spec.value >= 1000) inputs.push(spec.value.toLocaleString('en-US'), fullWidth(spec.value.toLocaleString('en-US')));
      // An amount in dollars is written with its sign: "$597.43", "US$597.43".
      if (isDollars(spec.unit)) inputs.push(`$${value}`, `US$${value}`, `$ ${value}`, `＄${fullWidth(value)}`);
      return { inputs };
    }
    case 'choice':
      return { inputs: [spec.correct, [...spec.correct].reverse()] };
    case 'order':
      return { inputs: [spec.items.map((item) => item.id)] };
    case 'match':
      return { inputs: [spec.pairs, Object.fromEntries(Object.entries(spec.pairs).reverse())] };
    case 'lab': {
      const labFlag = deriveLabFlag(SECRET, TEAM_ID, challengeId, task.id);
      return { inputs: [labFlag, ` ${labFlag} `], labFlag };
    }
    case 'check':
      // The lab's validator decides (tested with the lab); whatever is sent along is ignored.
      return { inputs: [undefined, 'anything'], checkPassed: true };
    case 'any':
      return { inputs: spec.of.flatMap((answer) => (answer.type === 'text' ? answer.accept : (REGEX_KNOWN_GOOD[`${challengeId}/${task.id}`]?.good ?? []))) };
  }
}

/** Inputs that must fail: near misses of the key. */
function wrongInputs(challengeId: string, task: TaskDefinition): { inputs: unknown[]; labFlag?: string; checkPassed?: boolean } {
  const spec = task.answer;
  switch (spec.type) {
    case 'text':
      return { inputs: ['', 'definitely not the answer', `${spec.accept[0]} extra words`] };
    case 'regex':
      return { inputs: ['', ...(REGEX_KNOWN_GOOD[`${challengeId}/${task.id}`]?.bad ?? [])] };
    case 'number': {
      const beyond = spec.value + spec.tolerance + 1;
      const otherUnit = spec.unit?.ja === '秒' ? '倍' : '秒';
      const inputs: unknown[] = [beyond, spec.value - spec.tolerance - 1, String(beyond), `${spec.value} bananas`, `${spec.value}${otherUnit}`, 'many'];
      if (spec.unit?.ja) inputs.push(`${beyond}${spec.unit.ja}`, `${spec.unit.ja}${spec.value}`);
      // Another currency's sign, or a currency sign on a quantity that is not money.
      inputs.push(`¥${spec.value}`, `€${spec.value}`);
      if (spec.unit !== undefined && !isDollars(spec.unit)) inputs.push(`$${spec.value}`);
      if (isDollars(spec.unit)) inputs.push(`$${beyond}`);
      return { inputs };
    }
    case 'choice': {
      const others = spec.options.map((o) => o.id).filter((id) => !spec.correct.includes(id));
      const inputs: unknown[] = [[], spec.options.map((o) => o.id).filter((id) => id !== spec.correct[0] || spec.correct.length > 1)];
      if (spec.correct.length > 1) inputs.push(spec.correct.slice(1));
      if (others.length > 0) inputs.push([...spec.correct, others[0]], [others[0]]);
      return { inputs: inputs.filter((input) => !sameIds(input as string[], spec.correct)) };
    }
    case 'order': {
      const ids = spec.items.map((item) => item.id);
      const shown = publicAnswer(spec, 'en', shuffleSeed(TEAM_ID, challengeId, task.id));
      const shownIds = shown.type === 'order' ? shown.items.map((item) => item.id) : [];
      return { inputs: [[...ids].reverse(), ids.slice(1), shownIds] };
    }
    case 'match': {
      const entries = Object.entries(spec.pairs);
      const swapped = Object.fromEntries(entries.map(([left], i) => [left, entries[(i + 1) % entries.length]![1]]));
      return { inputs: [swapped, Object.fromEntries(entries.slice(1)), {}] };
    }
    case 'lab': {
      const labFlag = deriveLabFlag(SECRET, TEAM_ID, challengeId, task.id);
      return { inputs: [deriveLabFlag(SECRET, TEAM_ID + 1, challengeId, task.id), labFlag.toLowerCase(), 'JAM{}'], labFlag };
    }
    case 'check':
      return { inputs: [undefined, 'passed', true], checkPassed: false };
    case 'any':
      return { inputs: ['', 'definitely not the answer', ...(REGEX_KNOWN_GOOD[`${challengeId}/${task.id}`]?.bad ?? [])] };
  }
}

/** Whether a number task's unit is US dollars in either language. */
function isDollars(unit: LocalizedText | undefined): boolean {
  return unit !== undefined && Object.values(unit).some((name) => ['USD', 'dollars', 'ドル'].includes(name ?? ''));
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

describe('the bundled challenge set', () => {
  it('lints with no problems in English and Japanese', () => {
    expect(tree.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([]);
  });

  it('holds at least 12 challenges and 40 tasks using every answer type', () => {
    expect(tree.challenges.length).toBeGreaterThanOrEqual(12);
    expect(allTasks().length).toBeGreaterThanOrEqual(40);
    const used = new Set(allTasks().map(({ task }) => task.answer.type));
    // `any` carries CTFd's several flags into imported challenges; a Jam task has one key.
    expect([...used].sort()).toEqual(ANSWER_TYPES.filter((type) => type !== 'any').sort());
  });

  it('gives every task two clues whose penalties add up to less than its points', () => {
    for (const { challengeId, task } of allTasks()) {
      const where = `${challengeId}/${task.id}`;
      expect(
        task.clues.map((c) => c.index),
        where,
      ).toEqual([1, 2]);
      const total = task.clues.reduce((sum, c) => sum + c.penalty, 0);
      expect(total, where).toBeLessThan(task.points);
      for (const clue of task.clues) {
        expect(clue.text.en, where).toBeTruthy();
        expect(clue.text.ja, where).toBeTruthy();
      }
    }
  });

  it('accepts every task key in the forms players type it', () => {
    for (const { challengeId, task } of allTasks()) {
      const { inputs, labFlag, checkPassed } = correctInputs(challengeId, task);
      expect(inputs.length, `${challengeId}/${task.id}`).toBeGreaterThan(0);
      for (const input of inputs) {
        expect(solves(task.answer, input, labFlag, checkPassed), `${challengeId}/${task.id} should accept ${JSON.stringify(input)}`).toBe(true);
      }
    }
  });

  it('rejects near misses of every task key', () => {
    for (const { challengeId, task } of allTasks()) {
      const { inputs, labFlag, checkPassed } = wrongInputs(challengeId, task);
      expect(inputs.length, `${challengeId}/${task.id}`).toBeGreaterThan(0);
      for (const input of inputs) {
        expect(solves(task.answer, input, labFlag, checkPassed), `${challengeId}/${task.id} should reject ${JSON.stringify(input)}`).toBe(false);
      }
    }
  });

  it('gives the unit of every number task in Japanese too, unless it reads the same in both', () => {
    // Japanese writes milliseconds as ミリ秒 ("96ミリ秒"), so "ms" is not among them.
    const neutral = new Set(['%', 'GiB', 'GB', 'MB']);
    const missing = allTasks()
      .filter(({ task }) => task.answer.type === 'number' && task.answer.unit !== undefined)
      .filter(({ task }) => {
        const unit = task.answer.type === 'number' ? task.answer.unit : undefined;
        return !unit?.ja && !neutral.has(unit?.en ?? '');
      })
      .map(({ challengeId, task }) => `${challengeId}/${task.id}`);
    expect(missing).toEqual([]);
  });

  it('keeps each row of a Markdown table on its own line, which a folded YAML scalar (>-) would join', () => {
    const joined: string[] = [];
    for (const { definition } of tree.challenges) {
      const texts = [definition.briefing, ...definition.tasks.flatMap((t) => [t.prompt, t.debrief, ...t.clues.map((c) => c.text)])];
      for (const text of texts) {
        for (const [language, value] of Object.entries(text ?? {})) {
          // A row followed on the same line by the delimiter row: "| a | b | |---|---|".
          if (value && /\|[^\n]*\|[ \t]+\|[ \t]*:?-{3,}/.test(value)) joined.push(`${definition.id} (${language})`);
        }
      }
    }
    expect(joined).toEqual([]);
  });

  it('has a known-good input list only for regex tasks that exist', () => {
    const regexTasks = new Set(
      allTasks()
        .filter(({ task }) => task.answer.type === 'regex')
        .map(({ challengeId, task }) => `${challengeId}/${task.id}`),
    );
    expect(Object.keys(REGEX_KNOWN_GOOD).filter((key) => !regexTasks.has(key))).toEqual([]);
  });

  it('never accepts a lab answer without the team flag', () => {
    for (const { challengeId, task } of allTasks().filter(({ task }) => task.answer.type === 'lab')) {
      expect(solves(task.answer, deriveLabFlag(SECRET, TEAM_ID, challengeId, task.id)), `${challengeId}/${task.id}`).toBe(false);
    }
  });
});
