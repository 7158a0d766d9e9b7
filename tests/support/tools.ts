import fs from 'node:fs';

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
