import fs from 'node:fs';
import { describe } from 'vitest';
import { type Backend, describeBackends } from './backends.ts';

/**
 * Why a suite that drives a command-line client (Debian's AWS CLI, curl) cannot run here, or
 * '' when it can. Where `requireEnv` is set to 1 (CI sets it, after installing the package),
 * a missing client fails the run instead of skipping, as JAM_REQUIRE_PG does for PostgreSQL.
 */
export function missingTool(path: string, aptPackage: string, requireEnv: string): string {
  if (fs.existsSync(path)) return '';
  const reason = `${path} is missing (apt-get install -y ${aptPackage})`;
  if (process.env[requireEnv] === '1') throw new Error(`${requireEnv}=1 but ${reason}`);
  return reason;
}

/**
 * `describeBackends` for a suite that needs the client `missing` names (from `missingTool`):
 * skipped, saying why, where it is missing (CI installs it and fails instead).
 */
export function describeBackendsWithTool(missing: string): (title: string, suite: (backend: Backend) => void) => void {
  return missing ? (title) => describe.skip(`${title} (skipped: ${missing})`, () => {}) : describeBackends;
}
