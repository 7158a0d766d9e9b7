/**
 * Checks a `regex` answer: does it compile, and could it hang the server? JavaScript's regex
 * engine backtracks, so a pattern such as `(a+)+$` or `(\w|\d)+$` takes exponential time on a
 * crafted input (ReDoS), and answers come from players.
 *
 * The analysis is recheck's (automata theory, with fuzzing where automata cannot model the
 * pattern, e.g. back-references). It reports the complexity's degree, which matters here:
 * player input is capped (MAX_REGEX_INPUT_LENGTH in play/answers.ts), so a quadratic pattern
 * such as `flag\{.*_.*\}` costs at most a few hundred thousand steps and is accepted, while a
 * cubic or worse one, or an exponential one, is refused.
 */
import { createRequire } from 'node:module';
import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Diagnostics } from 'recheck';

/** Highest polynomial degree accepted; see the module comment. */
export const MAX_POLYNOMIAL_DEGREE = 2;

/** The flags the pattern is compiled with: the author's, plus `u` for strict syntax. */
export function effectiveFlags(flags: string): string {
  return flags.includes('u') || flags.includes('v') ? flags : `${flags}u`;
}

/** A problem with the pattern, in words, or `undefined` when it is fine. */
export function checkRegex(pattern: string, flags: string): string | undefined {
  const compiled = effectiveFlags(flags);
  try {
    new RegExp(pattern, compiled);
    // The checker anchors the pattern; a stray `)` can compile on its own and not anchored.
    new RegExp(`^(?:${pattern})$`, compiled);
  } catch (error) {
    return `regex does not compile with flags "${compiled}": ${(error as Error).message}`;
  }
  if (!repeats(pattern, compiled)) return undefined;
  const risk = backtrackingRisk(`^(?:${pattern})$`, compiled.replace(/[gyd]/g, ''));
  return risk && `regex is prone to catastrophic backtracking: ${risk}`;
}

/**
 * Whether anything in the pattern repeats (a quantifier allowing more than one match). Without
 * repetition the ways to match are fixed by the pattern, not the input, so the time is linear
 * and recheck (seconds on a busy machine) is not asked: most answer patterns are alternatives
 * and optional words, such as `(?:amazon )?s3`.
 */
function repeats(pattern: string, flags: string): boolean {
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, {
    unicode: flags.includes('u'),
    unicodeSets: flags.includes('v'),
  });
  let found = false;
  visitRegExpAST(ast, {
    onQuantifierEnter(node) {
      if (node.max > 1) found = true;
    },
  });
  return found;
}

const verdicts = new Map<string, string | undefined>();

/** recheck's verdict on a compiled pattern, in words; memoised, as reloads repeat patterns. */
function backtrackingRisk(source: string, flags: string): string | undefined {
  const key = `${flags}/${source}`;
  if (verdicts.has(key)) return verdicts.get(key);
  const verdict = describe(recheck().checkSync(source, flags, { timeout: 5_000, randomSeed: 1 }));
  if (verdicts.size > 2_000) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

function describe(result: Diagnostics): string | undefined {
  if (result.status === 'safe') return undefined;
  if (result.status === 'unknown') {
    const reason = result.error.kind === 'timeout' ? 'the analysis ran out of time' : result.error.kind;
    return `its running time could not be bounded (${reason}); simplify the pattern`;
  }
  const { complexity } = result;
  if (complexity.type === 'polynomial' && complexity.degree <= MAX_POLYNOMIAL_DEGREE) return undefined;
  const attack = result.attack.pattern;
  return complexity.type === 'exponential'
    ? `a failing input such as ${attack} takes exponential time (a repeated part can match the same text in several ways); make the alternatives or repetitions unambiguous`
    : `a failing input such as ${attack} takes ${complexity.summary} time (several repetitions can share the same text); make them unambiguous`;
}

type Recheck = typeof import('recheck');
let loaded: Recheck | undefined;

/**
 * recheck, loaded on first use (it is large, and only authoring needs it). Its synchronous
 * check runs in this process ("pure" backend) rather than through a worker driving a native
 * binary: the same result on every machine, nothing spawned by a reload.
 */
function recheck(): Recheck {
  if (!loaded) {
    process.env.RECHECK_SYNC_BACKEND ??= 'pure';
    loaded = createRequire(import.meta.url)('recheck') as Recheck;
  }
  return loaded;
}
