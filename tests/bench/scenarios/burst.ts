import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BurstResult } from '../lib/burst-child.ts';
import type { BenchEvent } from '../lib/event.ts';
import { runChild } from '../lib/load.ts';
import { ms, percentile, rate, type Report } from '../lib/report.ts';
import { EVENT_CODE, tempDir } from '../lib/server.ts';
import type { BenchSettings } from './settings.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * (5) The start burst through the HTTP API, on an event with no teams yet: `burstPlayers`
 * players join and form teams of four, all at once, from a separate process.
 */
export async function measureBurst(event: BenchEvent, group: string, report: Report, settings: BenchSettings): Promise<void> {
  const teams = settings.burstPlayers / settings.teamSize;
  const dir = tempDir('jam-burst-');
  const resultFile = path.join(dir, 'result.json');
  try {
    const spec = { url: event.base, eventCode: EVENT_CODE, teams, teamSize: settings.teamSize, sockets: 128, resultFile };
    await runChild(path.join(here, '../lib/burst-child.ts'), [JSON.stringify(spec)], 180_000);
    const r = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as BurstResult;
    const failed = Object.entries(r.failures)
      .map(([k, v]) => `${v} × ${k}`)
      .join(', ');
    report.add({
      group,
      name: `${settings.burstPlayers} players join and form ${teams} teams`,
      value: `${r.seconds.toFixed(1)} s; ${r.playersJoined} joined, ${r.teamsFormed} full teams`,
      target: '≤ 60 s, everyone in a full team',
      pass: r.seconds <= 60 && r.playersJoined === settings.burstPlayers && r.teamsFormed === teams,
      note: failed || undefined,
    });
    for (const [kind, samples] of Object.entries(r.latencies)) {
      report.add({
        group,
        name: `POST ${kind === 'join' ? '/api/join' : kind === 'create team' ? '/api/teams' : '/api/teams/join'} during the burst`,
        value: `${samples.length} at ${rate(samples.length / r.seconds)} average, p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}`,
        target: 'none set in the issue',
        pass: null,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
