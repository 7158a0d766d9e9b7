/**
 * Per-team, per-lab AWS credentials and the lab's randomness, all derived from the server's
 * lab secret: nothing to store, the same on every instance and after a restart. The team's
 * lab token takes part in the key and secret, so rotating the token (the panel's "rotate"
 * button) replaces every credential of the team at once; the seed does not depend on it, so
 * a rotation never changes the team's scenario. Pure: no I/O.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual, labSubkey } from './lab.flags.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Seven base32 digits hold a team id below 2^35. */
const TEAM_DIGITS = 7;
const MAC_DIGITS = 9;

export interface LabCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * `AKIA` + the team id (7 base32 digits) + 9 digits of a MAC: 20 characters like a real
 * access key id. The team id in clear lets the endpoint find the team with one primary-key
 * read; the MAC (which covers the lab token) is what must match.
 */
export function labCredentials(secret: string, teamId: number, lab: string, labToken: string): LabCredentials {
  const canonical = JSON.stringify([teamId, lab, labToken]);
  const mac = createHmac('sha256', labSubkey(secret, 'aws-access-key-id')).update(canonical).digest();
  const accessKeyId = `AKIA${encodeTeamId(teamId)}${base32(mac).slice(0, MAC_DIGITS)}`;
  // 30 bytes are 40 base64 characters: the length of a real secret access key.
  const secretAccessKey = createHmac('sha256', labSubkey(secret, 'aws-secret-access-key')).update(canonical).digest().subarray(0, 30).toString('base64');
  return { accessKeyId, secretAccessKey };
}

/** The team an access key id names, if it has the shape of ours; the MAC is checked by `matchesAccessKeyId`. */
export function teamIdFromAccessKeyId(accessKeyId: string): number | undefined {
  if (!/^AKIA[A-Z2-7]{16}$/.test(accessKeyId)) return undefined;
  let id = 0;
  for (const ch of accessKeyId.slice(4, 4 + TEAM_DIGITS)) id = id * 32 + BASE32.indexOf(ch);
  // Team ids are PostgreSQL integers: anything larger is not one of ours.
  return id > 0 && id <= 2_147_483_647 ? id : undefined;
}

export function matchesAccessKeyId(credentials: LabCredentials, accessKeyId: string): boolean {
  return constantTimeEqual(credentials.accessKeyId, accessKeyId);
}

/** The lab's deterministic randomness for one team (the hot shard, the flag's place...). */
export function labSeed(secret: string, teamId: number, lab: string): Buffer {
  return createHmac('sha256', labSubkey(secret, 'lab-seed'))
    .update(JSON.stringify([teamId, lab]))
    .digest();
}

/** A 12-digit account id for ARNs, stable per team and lab. */
export function labAccountId(seed: Buffer): string {
  return String(seed.readUIntBE(0, 6) % 1_000_000_000_000).padStart(12, '0');
}

function encodeTeamId(teamId: number): string {
  if (!Number.isSafeInteger(teamId) || teamId < 1 || teamId >= 32 ** TEAM_DIGITS) throw new RangeError(`team id out of range: ${teamId}`);
  let out = '';
  let rest = teamId;
  for (let i = 0; i < TEAM_DIGITS; i++) {
    out = BASE32[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}
