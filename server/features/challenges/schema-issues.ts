/**
 * Turns zod issues into author-facing messages with the YAML path they are about. A missing
 * field is reported on the map that should hold it; an unknown field on its key.
 */
import type { z } from 'zod';
import { describeValue } from './challenge.schema.ts';
import { formatPath } from './challenge.lint.ts';
import type { PathKey, PositionTarget } from './yaml-source.ts';

export interface LocatedMessage {
  path: PathKey[];
  target: PositionTarget;
  message: string;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a map',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

export function describeIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): LocatedMessage[] {
  return issues.flatMap((issue) => describeIssue(issue, raw));
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): LocatedMessage[] {
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: [...path, key],
      target: 'key' as const,
      message: withPrefix(path, `unknown field "${key}"`),
    }));
  }
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  const parent = valueAt(raw, parentPath);
  const isMissing = key !== undefined && typeof parent === 'object' && parent !== null && !Array.isArray(parent) && !(String(key) in parent);
  const options = 'options' in issue && Array.isArray(issue.options) ? issue.options.join(', ') : undefined;
  if (isMissing) {
    const hint = options ? ` (one of ${options})` : '';
    return [{ path: parentPath, target: 'value', message: withPrefix(parentPath, `missing required field "${key}"${hint}`) }];
  }

  const value = valueAt(raw, path);
  let message: string;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.message.startsWith('Invalid input') ? `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}` : issue.message;
      message = `${expected}, got ${describeValue(value)}`;
      break;
    }
    case 'invalid_union':
      message = options ? `expected one of ${options}, got ${describeValue(value)}` : `${issue.message}, got ${describeValue(value)}`;
      break;
    case 'invalid_value':
      message = `${issue.message}, got ${describeValue(value)}`;
      break;
    default:
      message = issue.message;
  }
  const target = issue.code === 'custom' && issue.params?.target === 'key' ? 'key' : 'value';
  return [{ path, target, message: withPrefix(path, message) }];
}

function withPrefix(path: readonly PathKey[], message: string): string {
  return path.length === 0 ? message : `${formatPath(path)}: ${message}`;
}

function valueAt(raw: unknown, path: readonly PathKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PathKey, unknown>)[key];
  }
  return value;
}
