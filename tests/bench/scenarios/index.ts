import type { LoadResult } from '../lib/load.ts';
import type { Report } from '../lib/report.ts';
import { PgCluster } from '../lib/pg.ts';
import { prepareEvent } from '../lib/event.ts';
import { measureAttempts } from './attempts.ts';
import { measureBurst } from './burst.ts';
import { measureStress } from './stress.ts';
import { measureFanout } from './fanout.ts';
import { measureKill9 } from './kill9.ts';
import { measurePgDown } from './pgdown.ts';
import { measureBoard, measureChallengeList } from './reads.ts';
import type { BenchSettings } from './settings.ts';

export interface Scenario {
  name: string;
  title: string;
  /** Left out of a full run (a subset of another scenario, for quick iterations): only with `--only`. */
  onlyWhenNamed?: boolean;
  run(report: Report, settings: BenchSettings): Promise<void>;
}

/** The list, in order; `--only=NAME,...` picks some. */
export const SCENARIOS: Scenario[] = [
  {
    name: 'core',
    title: '(1)-(3) PostgreSQL, one instance: scoreboard, attempts, challenge list',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
      const group = 'PostgreSQL ×1';
      await measureBoard(event, group, report, settings);
      await measureAttempts(event, group, report, settings);
      await measureChallengeList(event, group, report, settings);
      await event.stop();
    },
  },
  {
    name: 'board',
    title: '(1) PostgreSQL, one instance: the scoreboard only (part of core)',
    onlyWhenNamed: true,
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
      await measureBoard(event, 'PostgreSQL ×1', report, settings);
      await event.stop();
    },
  },
  {
    name: 'fanout',
    title: '(4) fan-out to SSE clients, PostgreSQL',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
      await measureFanout(event, 'fan-out', report, settings);
      await event.stop();
    },
  },
  {
    name: 'burst',
    title: '(5) the start burst through the API, PostgreSQL',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: 0, profileDir: settings.profileDir });
      await measureBurst(event, 'start burst', report, settings);
      await event.stop();
    },
  },
  {
    name: 'pglite',
    title: '(6) the core figures on embedded PGlite',
    async run(report, settings) {
      const event = await prepareEvent({ teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
      const group = 'PGlite';
      await measureBoard(event, group, report, settings);
      await measureAttempts(event, group, report, settings);
      await measureChallengeList(event, group, report, settings);
      await event.stop();
    },
  },
  {
    name: 'two',
    title: '(6) the core figures with two instances sharing one PostgreSQL',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, instances: 2, teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
      const group = 'PostgreSQL ×2';
      await measureBoard(event, group, report, settings);
      await measureAttempts(event, group, report, settings);
      await measureChallengeList(event, group, report, settings);
      await event.stop();
    },
  },
  {
    name: 'stress',
    title: 'burst stress: players without pauses on two instances of one PostgreSQL (issue 11)',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, instances: 2, teams: 400, teamSize: settings.teamSize, profileDir: settings.profileDir });
      await measureStress(event, cluster, 'burst stress', report, settings, settings.stressPlayers);
      await event.stop();
    },
  },
  {
    name: 'many',
    title: 'many instances: two, then four, on one PostgreSQL (issue 11)',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const results = new Map<number, { first: LoadResult; wrong: LoadResult }>();
      for (const instances of [2, 4]) {
        const event = await prepareEvent({ cluster, instances, teams: settings.teams, teamSize: settings.teamSize, profileDir: settings.profileDir });
        results.set(instances, await measureAttempts(event, `PostgreSQL ×${instances}`, report, settings));
        if (instances === 4) await measureStress(event, cluster, 'PostgreSQL ×4', report, settings, settings.stressPlayers);
        await event.stop();
      }
      const [two, four] = [results.get(2)!, results.get(4)!];
      for (const kind of ['first', 'wrong'] as const) {
        const ratio = four[kind].rps / two[kind].rps;
        report.add({
          group: 'many instances',
          name: `${kind === 'first' ? 'first correct' : 'wrong'} answers, 4 instances against 2`,
          value: `${ratio.toFixed(2)} × (${Math.round(four[kind].rps)}/s against ${Math.round(two[kind].rps)}/s)`,
          target: '≥ 0.90 × (no collapse; two cores cannot show a gain)',
          pass: ratio >= 0.9,
        });
      }
    },
  },
  {
    name: 'kill9',
    title: 'resilience: kill -9 the server under a load of correct attempts',
    async run(report, settings) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: settings.teams, teamSize: settings.teamSize });
      await measureKill9(event, 'kill -9', report);
      await event.stop();
    },
  },
  {
    name: 'pgdown',
    title: 'resilience: PostgreSQL stops mid-event and comes back',
    async run(report) {
      const cluster = await PgCluster.create({ durable: true });
      const event = await prepareEvent({ cluster, teams: 200 });
      await measurePgDown(event, cluster, 'database outage', report);
      await event.stop();
    },
  },
];
