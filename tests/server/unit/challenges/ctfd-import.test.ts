import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChallengeDefinition } from '../../../../server/features/challenges/challenge.ts';
import { loadChallengeTree } from '../../../../server/features/challenges/challenge.loader.ts';
import { ConversionError, convertCtfdChallenge, slugify } from '../../../../server/features/challenges/ctfd-convert.ts';
import { importCtfd } from '../../../../server/features/challenges/ctfd-import.ts';

const SHAPES = 'tests/fixtures/ctfd/shapes';
const REFUSED = 'tests/fixtures/ctfd/refused';
let out: string;
beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'jam-ctfd-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** Imports the whole shapes folder once per test and loads what it wrote. */
async function importShapes() {
  const report = await importCtfd(SHAPES, out);
  const { challenges, problems } = await loadChallengeTree(out);
  expect(problems).toEqual([]);
  const byId = new Map(challenges.map((c) => [c.definition.id, c.definition]));
  return { report, get: (id: string): ChallengeDefinition => byId.get(id)! };
}

const note = (folder: string, text: string) => `${SHAPES}/${folder}/challenge.yml: ${text}`;

describe('importCtfd: the real-world shapes', () => {
  it('imports every ctfcli file of the folder with exit-worthy success and exactly these notes', async () => {
    const { report } = await importShapes();
    expect(report.errors).toEqual([]);
    expect(report.written).toHaveLength(21);
    expect(report.notes).toEqual([
      `${SHAPES}/already-jamboree/challenge.yaml: already a Jamboree challenge file; skipped`,
      `${SHAPES}/kctf-manifest/challenge.yaml: a kCTF manifest (Challenge), not a ctfcli challenge; skipped`,
      note('connection-info', 'connection_info: appended to the prompt'),
      note('duplicate-keys', 'duplicate key "value" (line 5): the last one is used, as ctfcli does'),
      note('dynamic', 'connection_info: appended to the prompt'),
      note('dynamic', 'dynamic scoring (initial 500, decay 100, minimum 50): fixed 500 used'),
      note('dynamic', 'topics: topics are not carried (docker registry)'),
      note('dynamic', 'files: attached files are not carried; put them beside challenge.yaml and link them in the prompt (dist/client.py, dist/README.txt)'),
      note('free-hint-after-paid', 'hints: ordered by cost, free first, since clues open in order: now hints[1] (0), hints[0] (25)'),
      note('hints', 'hints: ordered by cost, free first, since clues open in order: now hints[1] (0), hints[0] (20), hints[2] (50)'),
      note(
        'logic-all',
        'logic: all: one task per flag (2), the challenge solved when every one is; 300 points shared out; the hints are clues of the first task',
      ),
      note('many-hints', 'hints: 5 hints; the last 3 merged into the third clue (penalty 60, their total), as a task takes at most 3'),
      note('no-value', 'value: not set; 100 points used'),
      note(
        'python-braces',
        "flags[0]: Python regex BZHCTF{(.*)} written for JavaScript as BZHCTF\\{([^\\n]*)\\} (lone braces escaped; . written as [^\\n] (Python's dot stops only at a newline))",
      ),
      note(
        'python-escapes',
        'flags[0]: Python regex (?i)flag\\{[a-z0-9\\_\\-]+\\} written for JavaScript as flag\\{[a-z0-9_\\-]+\\} (the inline flags (?i) became the i flag; needless escapes such as \\_ written as the character itself)',
      ),
      note(
        'regex',
        'flags[0]: Python regex v(?P<major>[0-9]+)\\.[0-9]+ written for JavaScript as v(?<major>[0-9]+)\\.[0-9]+ (Python named groups (?P<...>) written as (?<...>))',
      ),
      note('requirements', 'requirements: "Not Imported Here" is not among the imported challenges; dropped, so this one does not wait for it'),
      'difficulty: not set in ctfcli; medium used',
    ]);
  });

  it('turns several flags into one any answer, each keeping its own case rule', async () => {
    const { get } = await importShapes();
    expect(get('several-flags').tasks[0]!.answer).toEqual({
      type: 'any',
      of: [
        { type: 'text', accept: ['flag{static_one}'], caseSensitive: true, exact: true },
        { type: 'text', accept: ['FLAG{Case_Free}'], caseSensitive: false, exact: true },
        { type: 'regex', pattern: 'flag\\{v[0-9]+\\}', flags: '', exact: true, firstMatch: true },
      ],
    });
  });

  it('makes a task of each flag under logic: all, the points shared out', async () => {
    const { get } = await importShapes();
    expect(get('both-halves').tasks.map((t) => ({ id: t.id, points: t.points, clues: t.clues.length }))).toEqual([
      { id: 'flag-1', points: 150, clues: 1 },
      { id: 'flag-2', points: 150, clues: 0 },
    ]);
  });

  it('reads flags given as a scalar and as flag:, and keeps numeric-looking flags and inner spaces as written', async () => {
    const { get } = await importShapes();
    expect(get('scalar-flag').tasks[0]!.answer).toMatchObject({ type: 'text', accept: ['flag{just_one}'] });
    expect(get('singular-flag').tasks[0]!.answer).toMatchObject({ type: 'text', accept: ['flag{singular}'] });
    expect(get('numbers').tasks[0]!.answer).toMatchObject({ type: 'text', accept: ['2.0', '1e3'], exact: true });
    expect(get('spaced').tasks[0]!.answer).toMatchObject({ type: 'text', accept: ['flag{two  spaces}'], exact: true });
  });

  it('keeps a hidden challenge hidden, and prerequisites imported together as an unlock rule', async () => {
    const { get } = await importShapes();
    expect(get('dynamic-doner-pull')).toMatchObject({ hidden: true, unlock: { after: ['registry-basics'] } });
    expect(get('dynamic-doner-pull').tasks[0]).toMatchObject({ points: 500, attempts: 5 });
    expect(get('after-basics').unlock).toEqual({ after: ['registry-basics'] });
  });

  it('keeps HTML in the prompt, with a plain-text summary, and appends the connection as a line to copy', async () => {
    const { get } = await importShapes();
    expect(get('look-closely').tasks[0]!.prompt.en).toContain('<img src="https://example.com/picture.png" alt="a suspicious picture">');
    expect(get('look-closely').summary).toEqual({ en: 'Look at the picture below. The flag is hidden in it. Use strings or exiftool.' });
    expect(get('remote-shell').tasks[0]!.prompt.en).toBe('Connect to the service and read the flag.\n\n**Connection**\n\n```\nnc pwn.example.com 31337\n```');
  });

  it('orders free hints first, merges hints beyond three, and uses defaults it names', async () => {
    const { get } = await importShapes();
    expect(get('free-hint-last').tasks[0]!.clues.map((c) => [c.text.en, c.penalty])).toEqual([
      ['A free hint.', 0],
      ['A paid hint.', 25],
    ]);
    expect(get('overhinted').tasks[0]!.clues.map((c) => [c.text.en, c.penalty])).toEqual([
      ['one', 0],
      ['two', 10],
      ['three\n\n---\n\nfour\n\n---\n\nfive', 60],
    ]);
    expect(get('no-value').tasks[0]!.points).toBe(100);
    expect(get('duplicate-keys').tasks[0]!.points).toBe(250);
  });

  it('writes a header naming the file relative to the imported folder, never its absolute path', async () => {
    const { report } = await importShapes();
    const written = await readFile(report.written.find((file) => file.includes('look-closely'))!, 'utf8');
    expect(written.split('\n')[0]).toBe('# Imported from shapes/html-description/challenge.yml by jam import-ctfd.');
    expect(written).not.toContain(path.resolve(SHAPES));
  });
});

describe('importCtfd: refusals', () => {
  it('refuses, naming the file, what cannot keep its meaning: Latin-1, a Jinja template, verbose regex, team logic', async () => {
    const report = await importCtfd(REFUSED, out);
    expect(report.written).toEqual([]);
    expect(report.errors).toEqual([
      `${REFUSED}/jinja/challenge.yml: a Jinja template ("{{ flag }}" on line 6); render it with its values before importing`,
      `${REFUSED}/latin1/challenge.yml: the file is not UTF-8 (Latin-1 or another encoding?); convert it to UTF-8 first, or its flags would not match what players type`,
      `${REFUSED}/team-logic/challenge.yml: logic: team (every member of a team submits a flag) has no counterpart here`,
      `${REFUSED}/verbose-regex/challenge.yml: flags[0]: the regex (?x) flag \\{ [a-z]+ \\} cannot be kept: verbose mode (?x) has no JavaScript counterpart; write the pattern without it`,
    ]);
  });

  it('says in one line that --out is a file', async () => {
    const file = path.join(out, 'a-file');
    await writeFile(file, 'x');
    expect(await importCtfd(SHAPES, file)).toEqual({ written: [], notes: [], errors: [`--out ${file} is a file; give a folder to write the challenges into`] });
  });

  it('does not overwrite an existing challenge unless forced', async () => {
    const file = `${SHAPES}/static/challenge.yml`;
    await importCtfd(file, out);
    const again = await importCtfd(file, out);
    expect(again.errors).toEqual([`${file}: ${path.join(out, 'registry-basics', 'challenge.yaml')} already exists; pass --force to replace it`]);
    expect((await importCtfd(file, out, { force: true })).errors).toEqual([]);
  });

  it('reports an input that does not exist', async () => {
    expect((await importCtfd(`${SHAPES}/missing`, out)).errors).toEqual([`${SHAPES}/missing: no such file or directory`]);
  });
});

describe('convertCtfdChallenge', () => {
  const base = { name: 'Mixed', category: 'Misc', description: 'D', value: '10' };
  const errorOf = (raw: unknown) => {
    try {
      convertCtfdChallenge(raw, 'fallback');
    } catch (error) {
      expect(error).toBeInstanceOf(ConversionError);
      return (error as Error).message;
    }
    throw new Error('expected a ConversionError');
  };

  it('refuses flags and types it cannot keep', () => {
    expect(errorOf({ ...base, flags: [{ type: 'custom', content: 'x' }] })).toMatch(/flag type "custom" is not supported/);
    expect(errorOf({ ...base, flags: [] })).toBe('flags: none given; a task needs an answer');
    expect(errorOf({ ...base, flags: [{ type: 'regex', content: 'a++' }] })).toBe(
      'flags[0]: the regex a++ cannot be kept: the possessive quantifier "++" has no JavaScript counterpart',
    );
    expect(errorOf({ ...base, type: 'multiple_choice', flags: ['x'] })).toBe('type: "multiple_choice" is not supported; expected standard or dynamic');
  });

  it('requires a name and a positive value', () => {
    expect(errorOf({ ...base, name: undefined, flags: ['x'] })).toBe('name: missing; ctfcli requires it');
    expect(errorOf({ ...base, value: '0', flags: ['x'] })).toBe('value: expected a positive whole number of points');
  });

  it('maps a case-insensitive regex flag to the i flag', () => {
    const { document } = convertCtfdChallenge({ ...base, flags: [{ type: 'regex', content: 'flag\\{x\\}', data: 'case_insensitive' }] }, 'x');
    expect((document.tasks as Array<{ answer: unknown }>)[0]!.answer).toEqual({
      type: 'regex',
      pattern: 'flag\\{x\\}',
      flags: 'i',
      exact: true,
      firstMatch: true,
    });
  });

  it('lowers hint costs above the points, from the last clue', () => {
    const { document, notes } = convertCtfdChallenge(
      {
        ...base,
        flags: ['x'],
        hints: [
          { content: 'a', cost: '6' },
          { content: 'b', cost: '8' },
        ],
      },
      'x',
    );
    expect((document.tasks as Array<{ clues: unknown }>)[0]!.clues).toEqual([
      { text: 'a', penalty: 6 },
      { text: 'b', penalty: 4 },
    ]);
    expect(notes).toContain('hints: costs add up to 14, more than the 10 points; penalties lowered to 6, 4');
  });
});

describe('slugify', () => {
  it('makes ids from names', () => {
    expect(slugify('Web 101: Intro!')).toBe('web-101-intro');
    expect(slugify('  Crème brûlée  ')).toBe('creme-brulee');
    expect(slugify('日本語')).toBe('');
  });
});
