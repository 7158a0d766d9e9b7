import { Hono } from 'hono';
import { deriveLabFlag } from '../../../../server/features/labs/lab.flags.ts';
import { createLabsRoutes, type LabRequestLogEntry, type LabsDeps } from '../../../../server/features/labs/labs.routes.ts';

export const SECRET = 'test-lab-secret';
export const TOKENS: Record<string, number> = { 'token-team-1': 1, 'token-team-2': 2 };
export const ENDPOINT = '/labs/ecr';

export function flagFor(teamId: number): string {
  return deriveLabFlag(SECRET, teamId, 'ecr-pull-flow', 'pull-the-flag');
}

/** An app with the labs mounted at /labs, a settable clock and a captured request log. */
export function labsApp(overrides: Partial<LabsDeps> = {}) {
  const clock = { now: new Date('2026-03-01T09:00:00Z') };
  const log: LabRequestLogEntry[] = [];
  const labs = createLabsRoutes({
    secret: SECRET,
    findTeamByLabToken: async (token) => {
      const teamId = TOKENS[token];
      return teamId === undefined ? undefined : { teamId };
    },
    logRequest: (entry) => {
      log.push(entry);
    },
    now: () => clock.now,
    flagFor,
    ...overrides,
  });
  const app = new Hono().route('/labs', labs);
  return {
    app,
    log,
    advance(seconds: number) {
      clock.now = new Date(clock.now.getTime() + seconds * 1000);
    },
  };
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export function basicAws(token: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`AWS:${token}`).toString('base64')}` };
}

export interface ManifestJson {
  schemaVersion: number;
  mediaType: string;
  config: { mediaType: string; digest: string; size: number };
  layers: { mediaType: string; digest: string; size: number }[];
}
