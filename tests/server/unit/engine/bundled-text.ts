/**
 * What a player can read of a challenge before solving one of its tasks, and the forms a key
 * takes in text, for the leak test over the bundled set.
 *
 * Tasks of a challenge are not gated: a team sees every task's title, prompt and answer
 * controls at once, may unlock any clue (a clue costs points only when its task is solved),
 * and may solve the tasks in any order. So before solving task T a team may have read the
 * challenge's title, summary, briefing and source; every task's title, prompt and clues; and
 * the answer labels and debriefs of every other task.
 */
import type { ChallengeDefinition, Labelled, LANGUAGES, LocalizedText, TaskDefinition } from '../../../../server/features/challenges/challenge.ts';
import { unitSpellings } from '../../../../server/features/play/number.ts';

export type Language = (typeof LANGUAGES)[number];

/** One readable passage and where it comes from, for failure messages. */
export interface Passage {
  where: string;
  text: string;
}

/** Lower-cased NFKC with Markdown emphasis and code marks removed and whitespace folded. */
export function plain(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[*`]/g, '').replace(/\s+/gu, ' ').trim();
}

function texts(value: LocalizedText | undefined, where: string): Passage[] {
  return Object.entries(value ?? {}).flatMap(([language, text]) => (text ? [{ where: `${where} (${language})`, text: plain(text) }] : []));
}

function labels(task: TaskDefinition): Array<{ where: string; label: LocalizedText }> {
  const answer = task.answer;
  const lists: Array<[string, readonly Labelled[]]> =
    answer.type === 'choice'
      ? [['options', answer.options]]
      : answer.type === 'order'
        ? [['items', answer.items]]
        : answer.type === 'match'
          ? [
              ['left', answer.left],
              ['right', answer.right],
            ]
          : [];
  return lists.flatMap(([list, items]) => items.map((item) => ({ where: `${task.id} ${list} "${item.id}"`, label: item.label })));
}

/** Everything a team may have read before solving `task`. */
export function readableBefore(challenge: ChallengeDefinition, task: TaskDefinition): Passage[] {
  const passages = [
    ...texts(challenge.title, 'challenge title'),
    ...texts(challenge.summary, 'summary'),
    ...texts(challenge.briefing, 'briefing'),
    { where: 'source', text: plain(challenge.source) },
  ];
  for (const other of challenge.tasks) {
    passages.push(...texts(other.title, `${other.id} title`), ...texts(other.prompt, `${other.id} prompt`));
    for (const clue of other.clues) passages.push(...texts(clue.text, `${other.id} clue ${clue.index}`));
    if (other === task) continue;
    passages.push(...texts(other.debrief, `${other.id} debrief`));
    for (const { where, label } of labels(other)) passages.push(...texts(label, where));
  }
  return passages;
}

/**
 * Whether `needle` (already plain) occurs in `haystack` as a whole term: a Latin letter or
 * digit at the needle's edge must not touch another one, so "arc" is not found in "search",
 * and a digit must not continue a longer number, so "40" is not found in "1,400" or "40.5".
 * Japanese has no spaces between words, so kana and kanji edges need no boundary.
 */
export function containsTerm(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const end = at + needle.length;
    const before = touches(haystack[at - 1], needle[0], haystack[at - 2]);
    const after = touches(haystack[end], needle[needle.length - 1], haystack[end + 1]);
    if (!before && !after) return true;
  }
  return false;
}

const LATIN = /[a-z0-9]/;

function touches(outside: string | undefined, edge: string | undefined, beyond: string | undefined): boolean {
  if (outside === undefined || edge === undefined) return false;
  if (/\d/.test(edge) && /[.,]/.test(outside) && beyond !== undefined && /\d/.test(beyond)) return true;
  return LATIN.test(edge) && LATIN.test(outside);
}

/** The ways a number key is written in text: with its unit, and bare when it is distinctive. */
export function numberForms(value: number, unit: LocalizedText | undefined): string[] {
  const numerals = new Set([String(value), value >= 1000 ? value.toLocaleString('en-US') : String(value)]);
  const forms = new Set<string>();
  for (const numeral of numerals) {
    // One-digit whole numbers are everywhere ("3 steps", "step 1"): only with the unit.
    if (Math.abs(value) >= 10 || !Number.isInteger(value)) forms.add(numeral);
    for (const spelling of [...unitSpellings(unit), ...(Number.isInteger(value) ? ['つ', '個'] : [])]) {
      forms.add(`${numeral}${spelling}`);
      forms.add(`${numeral} ${spelling}`);
    }
  }
  return [...forms].map(plain);
}
