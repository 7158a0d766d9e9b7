import type { Report } from '../lib/report.ts';
import { PgCluster } from '../lib/pg.ts';
import { prepareEvent } from '../lib/event.ts';
import { measureAttempts } from './attempts.ts';
import { measureBurst } from './burst.ts';
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
