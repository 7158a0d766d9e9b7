import { execFile } from 'node:child_process';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `jam` as `npm run jam` does, in a child process, from the repository root. */
export function jam(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // The caller's own settings must not leak into what the test observes.
    const { ADMIN_TOKEN: _token, CHALLENGES_DIR: _dir, ...inherited } = process.env;
    const childEnv = { ...inherited, ...env };
    execFile(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { env: childEnv }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}
