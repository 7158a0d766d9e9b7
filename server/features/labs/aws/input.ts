/**
 * Reading operation input the way AWS services validate it: a violated constraint answers
 * `ValidationException` with AWS's own wording ("1 validation error detected: Value ... at
 * 'shardId' failed to satisfy constraint: ..."), so the CLI prints what it would print
 * against AWS.
 */
import { AwsError } from '../lab.ts';

type Input = Record<string, unknown>;

/**
 * Objects decoded from a query string or form (query protocol, REST path and query bindings):
 * every scalar arrived as text, so the readers below parse numbers and booleans from it, while
 * a JSON body must carry them typed.
 */
const textInputs = new WeakSet<object>();

export function markTextInput<T extends object>(value: T): T {
  textInputs.add(value);
  return value;
}

function fromText(input: Input): boolean {
  return textInputs.has(input);
}

function fieldName(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function violation(name: string, value: unknown, constraint: string): AwsError {
  const shown = value === undefined || value === null ? 'null' : `'${String(value).slice(0, 256)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${fieldName(name)}' failed to satisfy constraint: ${constraint}`);
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
}

export function optionalString(input: Input, name: string, rule: StringRule = {}): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsError('SerializationException', `${name} must be a string`);
  if (rule.min !== undefined && value.length < rule.min) throw violation(name, value, `Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max) throw violation(name, value, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !new RegExp(`^(?:${rule.pattern.source})$`).test(value)) {
    throw violation(name, value, `Member must satisfy regular expression pattern: ${rule.pattern.source}`);
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) throw violation(name, value, `Member must satisfy enum value set: [${rule.oneOf.join(', ')}]`);
  return value;
}

export function requiredString(input: Input, name: string, rule: StringRule = {}): string {
  const value = optionalString(input, name, rule);
  if (value === undefined) throw violation(name, undefined, 'Member must not be null');
  return value;
}

export function optionalInteger(input: Input, name: string, rule: { min?: number; max?: number } = {}): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && fromText(input) && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw new AwsError('SerializationException', `${name} must be an integer`);
  return checkRange(name, number, rule);
}

function checkRange(name: string, value: number, rule: { min?: number; max?: number }): number {
  if (rule.min !== undefined && value < rule.min) throw violation(name, value, `Member must have value greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value > rule.max) throw violation(name, value, `Member must have value less than or equal to ${rule.max}`);
  return value;
}

export function optionalNumber(input: Input, name: string, rule: { min?: number; max?: number } = {}): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && fromText(input) && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new AwsError('SerializationException', `${name} must be a number`);
  return checkRange(name, number, rule);
}

export function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (fromText(input) && (value === 'true' || value === 'false')) return value === 'true';
  throw new AwsError('SerializationException', `${name} must be a boolean`);
}

export function requiredInteger(input: Input, name: string, rule: { min?: number; max?: number } = {}): number {
  const value = optionalInteger(input, name, rule);
  if (value === undefined) throw violation(name, undefined, 'Member must not be null');
  return value;
}

/** JSON timestamps arrive as epoch seconds; ISO strings are accepted too. Returns epoch milliseconds. */
export function optionalTimestamp(input: Input, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw new AwsError('SerializationException', `${name} must be a timestamp`);
  return Math.floor(ms);
}

/** A base64 blob, decoded; `max` is in bytes after decoding. */
export function requiredBlob(input: Input, name: string, max: number): Buffer {
  const value = input[name];
  if (value === undefined || value === null) throw violation(name, undefined, 'Member must not be null');
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new AwsError('SerializationException', `${name} must be base64-encoded`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > max) throw violation(name, '[binary]', `Member must have length less than or equal to ${max}`);
  return bytes;
}

export function optionalObject(input: Input, name: string): Input | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new AwsError('SerializationException', `${name} must be an object`);
  return value as Input;
}

/** A list of structures; absent is `undefined`. The query protocol sends an empty list as an empty value. */
export function optionalList(input: Input, name: string, rule: { min: number; max: number }): Input[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  return requiredList(input, name, rule);
}

/** A list of strings (`Names`, `Values`); absent is `undefined`. */
export function optionalStringList(input: Input, name: string, rule: { max: number }): string[] | undefined {
  const raw = input[name];
  if (raw === undefined || raw === null) return undefined;
  const value = raw === '' && fromText(input) ? [] : raw;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new AwsError('SerializationException', `${name} must be a list of strings`);
  if (value.length > rule.max) throw violation(name, `[${value.length} items]`, `Member must have length less than or equal to ${rule.max}`);
  return value as string[];
}

export function requiredList(input: Input, name: string, rule: { min: number; max: number }): Input[] {
  const raw = input[name];
  if (raw === undefined || raw === null) throw violation(name, undefined, 'Member must not be null');
  const value = raw === '' && fromText(input) ? [] : raw;
  if (!Array.isArray(value)) throw new AwsError('SerializationException', `${name} must be a list`);
  if (value.length < rule.min) throw violation(name, `[${value.length} items]`, `Member must have length greater than or equal to ${rule.min}`);
  if (value.length > rule.max) throw violation(name, `[${value.length} items]`, `Member must have length less than or equal to ${rule.max}`);
  for (const item of value)
    if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new AwsError('SerializationException', `${name} must be a list of objects`);
  return value as Input[];
}
