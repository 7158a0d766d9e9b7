/** What `jam lint tests/fixtures/challenges/broken` must print, line for line. */
export const BROKEN_TREE = 'tests/fixtures/challenges/broken';

const b = BROKEN_TREE;
export const BROKEN_TREE_LINES = [
  `${b}/bad-yaml/challenge.yaml:3:1 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }`,
  `${b}/dup-b/challenge.yaml:1:5 id: "dup-a" does not match its folder name "dup-b"`,
  `${b}/dup-b/challenge.yaml:1:5 id: duplicate challenge id "dup-a", already used by ${b}/dup-a/challenge.yaml:1`,
  `${b}/notes:1:1 no challenge.yaml in this folder (folders whose name starts with _ or . are skipped)`,
  `${b}/schema-errors/challenge.yaml:2:29 title.fr: unknown language "fr"; expected en or ja`,
  `${b}/schema-errors/challenge.yaml:4:13 difficulty: expected one of easy, medium, hard, expert, got string "impossible"`,
  `${b}/schema-errors/challenge.yaml:6:10 summary: text is empty`,
  `${b}/schema-errors/challenge.yaml:8:5 tasks[0]: missing required field "prompt"`,
  `${b}/schema-errors/challenge.yaml:8:9 tasks[0].id: ids may contain only a-z, 0-9 and -`,
  `${b}/schema-errors/challenge.yaml:10:13 tasks[0].points: points must be positive`,
  `${b}/schema-errors/challenge.yaml:11:42 tasks[0].answer: unknown field "caseSensitve"`,
  `${b}/schema-errors/challenge.yaml:16:21 tasks[1].answer.type: expected one of text, regex, number, choice, order, match, lab, check, any, got string "multiple"`,
  `${b}/schema-errors/challenge.yaml:17:5 tasks[1]: unknown field "hint"`,
  `${b}/semantic/briefing.fr.md:1:1 briefing for unknown language "fr"; expected briefing.en.md or briefing.ja.md`,
  `${b}/semantic/challenge.yaml:1:5 id: "semantic-checks" does not match its folder name "semantic"`,
  `${b}/semantic/challenge.yaml:14:7 tasks[0].clues: penalties add up to 60, more than the task's 50 points`,
  `${b}/semantic/challenge.yaml:17:9 tasks[0].clues[3]: a task has at most 3 clues; this one has 4`,
  `${b}/semantic/challenge.yaml:18:9 tasks[1].id: duplicate task id "repeated" (first used on line 8)`,
  `${b}/semantic/challenge.yaml:26:17 tasks[1].answer.options[1].id: duplicate option id "a" (first used on line 25)`,
  `${b}/semantic/challenge.yaml:27:20 tasks[1].answer.correct[1]: "z" is not an option id (expected one of a)`,
  `${b}/semantic/challenge.yaml:36:14 tasks[2].answer.pairs: no pair for left item "l2"`,
  `${b}/semantic/challenge.yaml:36:20 tasks[2].answer.pairs.l1: "r9" is not a right item id (expected one of r1)`,
  `${b}/semantic/challenge.yaml:36:24 tasks[2].answer.pairs.l3: "l3" is not a left item id (expected one of l1, l2)`,
  `${b}/semantic/challenge.yaml:41:35 tasks[3].answer.items: an order needs at least two items; found 1`,
  `${b}/semantic/challenge.yaml:46:37 tasks[4].answer.pattern: regex does not compile with flags "u": Invalid regular expression: /ab(c/u: Unterminated group`,
  `${b}/semantic/challenge.yaml:51:37 tasks[5].answer.pattern: regex is prone to catastrophic backtracking: a failing input such as '0' + '0'.repeat(31) + '\\x00' takes exponential time (a repeated part can match the same text in several ways); make the alternatives or repetitions unambiguous`,
  `${b}/semantic/challenge.yaml:56:50 tasks[6].answer.tolerance: cannot be negative (-1)`,
];

/** Warnings of the same tree: printed among the problems, they do not change the exit code. */
export const BROKEN_TREE_WARNINGS = [
  `${b}/semantic/challenge.yaml:18:5 warning: tasks[1]: this choice has 3 possible answers and neither attempts nor wrongPenalty: it can be won by guessing`,
  `${b}/semantic/challenge.yaml:28:5 warning: tasks[2]: this match has 1 possible answer and neither attempts nor wrongPenalty: it can be won by guessing`,
  `${b}/semantic/challenge.yaml:37:5 warning: tasks[3]: this order has 1 possible answer and neither attempts nor wrongPenalty: it can be won by guessing`,
];
