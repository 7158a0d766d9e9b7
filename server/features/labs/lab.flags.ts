/**
 * Per-team lab flags. A flag is an HMAC of (team, challenge, task) under the server's lab
 * secret, so it is stable across restarts and instances, differs for every team, and cannot be
 * guessed from another team's flag. Pure: no I/O.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const FLAG_CONTEXT = 'jamboree/lab-flag/v1';
/** 24 hex digits = 96 bits: far beyond guessing within an event's attempt limits. */
const FLAG_HEX_DIGITS = 24;

/** Readable part of a flag, taken from the challenge id (`ecr-pull-flow` → `ecr`). */
export function labFlagPrefix(challengeId: string): string {
  const head = challengeId.split('-')[0] ?? '';
  return /^[a-z0-9]+$/.test(head) ? head : 'lab';
}

export function deriveLabFlag(secret: string, teamId: number, challengeId: string, taskId: string): string {
  assertSecret(secret);
  if (!Number.isSafeInteger(teamId)) throw new RangeError(`team id must be an integer, got ${teamId}`);
  // JSON keeps the canonical string unambiguous whatever the ids contain.
  const canonical = JSON.stringify([FLAG_CONTEXT, teamId, challengeId, taskId]);
  const mac = createHmac('sha256', secret).update(canonical).digest('hex').slice(0, FLAG_HEX_DIGITS);
  return `JAM{${labFlagPrefix(challengeId)}-${mac}}`;
}

/** Whether `value` is this team's flag. Surrounding whitespace (a pasted newline) is ignored. */
export function verifyLabFlag(secret: string, teamId: number, challengeId: string, taskId: string, value: string): boolean {
  return constantTimeEqual(deriveLabFlag(secret, teamId, challengeId, taskId), value.trim());
}

/**
 * The team among `teamIds` whose flag `value` is, if any: a submission matching another team's
 * flag is how flag sharing shows up. Every candidate is compared, so the time taken does not
 * depend on where a match sits.
 */
export function findFlagOwner(secret: string, teamIds: readonly number[], challengeId: string, taskId: string, value: string): number | undefined {
  const submitted = value.trim();
  let owner: number | undefined;
  for (const teamId of teamIds) {
    const matches = constantTimeEqual(deriveLabFlag(secret, teamId, challengeId, taskId), submitted);
    if (matches && owner === undefined) owner = teamId;
  }
  return owner;
}

/** Compares digests rather than the strings so neither content nor length leaks through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/**
 * A key for one purpose derived from the lab secret, so that a value exposed for one purpose
 * (a presigned URL signature, a team's storage prefix) says nothing about another (flags).
 */
export function labSubkey(secret: string, purpose: string): Buffer {
  assertSecret(secret);
  return createHmac('sha256', secret).update(`jamboree/lab-subkey/${purpose}`).digest();
}

function assertSecret(secret: string): void {
  if (secret.length === 0) throw new Error('the lab secret must not be empty');
}
