import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { missingTool } from '../../../support/tools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CHALLENGES, Client } from '../../../support/app.ts';
import { startServerProcess, type ServerProcess } from '../../../support/server-process.ts';

const run = promisify(execFile);
const AWS = '/usr/bin/aws';
const missing = missingTool(AWS, 'awscli', 'JAM_REQUIRE_AWSCLI');
const CHALLENGE = 'aurora-global-bluegreen';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    // Each probe starts the CLI (about a second of CPU): probe every few seconds.
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

describe.skipIf(Boolean(missing))(
  `the aurora-switchover lab played with Debian's AWS CLI (RDS query protocol)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: ServerProcess;
    let player: Client;
    let endpoint = '';
    let firstCommand = '';
    let env: NodeJS.ProcessEnv = {};
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-aws-home-'));

    /** Runs `aws ...` as a player would after pasting the panel's environment snippet. */
    async function aws(args: string[]): Promise<{ code: number; out: any; err: string }> {
      try {
        const { stdout, stderr } = await run(AWS, [...args, '--endpoint-url', endpoint, '--output', 'json'], { env });
        return { code: 0, out: stdout.trim() ? JSON.parse(stdout) : null, err: stderr };
      } catch (error) {
        const e = error as { code: number; stderr: string };
        return { code: e.code, out: null, err: e.stderr };
      }
    }

    const check = async (task: string) => (await player.request('POST', `/api/challenges/${CHALLENGE}/tasks/${task}/check`)).body;

    beforeAll(async () => {
      server = await startServerProcess({ challengesDir: BUNDLED_CHALLENGES });
      player = Client.over(server.url);
      expect((await player.request('POST', '/api/join', { eventCode: server.eventCode, displayName: 'Aki', language: 'en' })).status).toBe(201);
      expect((await player.request('POST', '/api/teams', { name: 'Kumo' })).status).toBe(201);
      const admin = Client.over(server.url);
      await admin.request('POST', '/api/admin/login', { token: server.adminToken });
      expect((await admin.request('POST', '/api/admin/event/start')).status).toBe(200);
      const detail = await player.request('GET', `/api/challenges/${CHALLENGE}`);
      const answer = detail.body.tasks.find((t: { id: string }) => t.id === 'move-the-primary').answer;
      endpoint = answer.aws.endpoint;
      firstCommand = answer.firstCommand;
      env = {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ACCESS_KEY_ID: answer.aws.accessKeyId,
        AWS_SECRET_ACCESS_KEY: answer.aws.secretAccessKey,
        AWS_DEFAULT_REGION: answer.aws.region,
        AWS_PAGER: '',
        AWS_MAX_ATTEMPTS: '1',
      };
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
      fs.rmSync(home, { recursive: true, force: true });
    });

    it('moves the primary to Osaka with the CLI 2.9’s failover-global-cluster (a switchover today) and upgrades jam-inventory with a blue/green deployment', async () => {
      expect(firstCommand).toBe(
        `aws rds describe-global-clusters --global-cluster-identifier jam-orders-global --endpoint-url ${endpoint} --region ap-northeast-1`,
      );
      const global = await aws(['rds', 'describe-global-clusters', '--global-cluster-identifier', 'jam-orders-global']);
      expect(global.code, global.err).toBe(0);
      const members = global.out.GlobalClusters[0].GlobalClusterMembers as { DBClusterArn: string; IsWriter: boolean }[];
      expect(members.map((m) => [m.DBClusterArn.split(':').at(-1), m.IsWriter])).toEqual([
        ['jam-orders-tokyo', true],
        ['jam-orders-osaka', false],
      ]);
      const osakaArn = members[1]?.DBClusterArn ?? '';
      const inOsaka = await aws(['rds', 'describe-global-clusters', '--filters', 'Name=region,Values=ap-northeast-3']);
      expect(inOsaka.code, inOsaka.err).toBe(0);
      expect(inOsaka.out.GlobalClusters.map((g: { GlobalClusterIdentifier: string }) => g.GlobalClusterIdentifier)).toEqual(['jam-orders-global']);

      // Debian's CLI predates AllowDataLoss (and the switchover command): it cannot even ask to lose data.
      const lossy = await aws([
        'rds',
        'failover-global-cluster',
        '--global-cluster-identifier',
        'jam-orders-global',
        '--target-db-cluster-identifier',
        osakaArn,
        '--allow-data-loss',
      ]);
      expect(lossy.code).not.toBe(0);
      expect(lossy.err).toContain('Unknown options: --allow-data-loss');
      const elsewhere = await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'jam-orders-osaka']);
      expect(elsewhere.err).toMatch(
        /An error occurred \(DBClusterNotFoundFault\) when calling the DescribeDBClusters operation( \(reached max retries: 0\))?: DBCluster jam-orders-osaka not found\./,
      );

      const end = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const lag = await aws([
        'cloudwatch',
        'get-metric-statistics',
        '--region',
        'ap-northeast-3',
        '--namespace',
        'AWS/RDS',
        '--metric-name',
        'AuroraGlobalDBReplicationLag',
        '--dimensions',
        'Name=DBClusterIdentifier,Value=jam-orders-osaka',
        '--start-time',
        new Date(end.getTime() - 30 * 60_000).toISOString(),
        '--end-time',
        end.toISOString(),
        '--period',
        '60',
        '--statistics',
        'Average',
        'Maximum',
      ]);
      expect(lag.code, lag.err).toBe(0);
      expect(lag.out.Datapoints).toHaveLength(30);
      expect(lag.out.Datapoints.every((d: { Average: number; Unit: string }) => d.Average > 200 && d.Unit === 'Milliseconds')).toBe(true);

      const moving = await aws([
        'rds',
        'failover-global-cluster',
        '--global-cluster-identifier',
        'jam-orders-global',
        '--target-db-cluster-identifier',
        osakaArn,
      ]);
      expect(moving.code, moving.err).toBe(0);
      expect(moving.out.GlobalCluster.FailoverState).toMatchObject({ Status: 'pending', ToDbClusterArn: osakaArn });

      // While the global database moves, stage the upgrade.
      const inventory = await aws(['rds', 'describe-db-clusters', '--db-cluster-identifier', 'jam-inventory']);
      const { DBClusterArn: source, Endpoint: endpointBefore } = inventory.out.DBClusters[0];
      const create = [
        'rds',
        'create-blue-green-deployment',
        '--blue-green-deployment-name',
        'inventory-pg16',
        '--source',
        source,
        '--target-engine-version',
        '16.6',
      ];
      const wrongGroup = await aws([...create, '--target-db-cluster-parameter-group-name', 'jam-inventory-pg15']);
      expect(wrongGroup.err).toMatch(/\(InvalidParameterCombination\) when calling the CreateBlueGreenDeployment operation/);
      const created = await aws([...create, '--target-db-cluster-parameter-group-name', 'jam-inventory-pg16']);
      expect(created.code, created.err).toBe(0);
      const id = created.out.BlueGreenDeployment.BlueGreenDeploymentIdentifier as string;
      expect(created.out.BlueGreenDeployment.Status).toBe('PROVISIONING');
      const early = await aws(['rds', 'switchover-blue-green-deployment', '--blue-green-deployment-identifier', id]);
      expect(early.err).toMatch(/\(InvalidBlueGreenDeploymentStateFault\) when calling the SwitchoverBlueGreenDeployment operation/);

      // Poll as a player would (checks are attempts, rate-limited): RDS says when the move is over.
      const after = await until(
        'the global switchover',
        async () => {
          const g = await aws(['rds', 'describe-global-clusters', '--region', 'ap-northeast-3']);
          return g.out?.GlobalClusters[0]?.Status === 'available' && !g.out.GlobalClusters[0].FailoverState ? g.out : undefined;
        },
        40_000,
      );
      expect(after.GlobalClusters[0].GlobalClusterMembers.find((m: { IsWriter: boolean }) => m.IsWriter).DBClusterArn).toBe(osakaArn);
      expect(await check('move-the-primary')).toMatchObject({ correct: true, awarded: 800 });

      await until(
        'the green environment',
        async () => {
          const d = await aws(['rds', 'describe-blue-green-deployments', '--filters', 'Name=blue-green-deployment-name,Values=inventory-pg16']);
          return d.out?.BlueGreenDeployments[0]?.Status === 'AVAILABLE' ? true : undefined;
        },
        40_000,
      );
      const switching = await aws(['rds', 'switchover-blue-green-deployment', '--blue-green-deployment-identifier', id, '--switchover-timeout', '120']);
      expect(switching.code, switching.err).toBe(0);
      expect(switching.out.BlueGreenDeployment.Status).toBe('SWITCHOVER_IN_PROGRESS');
      await until(
        'the blue/green switchover',
        async () => {
          const d = await aws(['rds', 'describe-blue-green-deployments', '--blue-green-deployment-identifier', id]);
          return d.out?.BlueGreenDeployments[0]?.Status === 'SWITCHOVER_COMPLETED' ? true : undefined;
        },
        30_000,
      );
      expect(await check('upgrade-jam-inventory')).toMatchObject({ correct: true, awarded: 1000 });
      const clusters = await aws(['rds', 'describe-db-clusters', '--filters', 'Name=engine,Values=aurora-postgresql']);
      const byName = new Map((clusters.out.DBClusters as { DBClusterIdentifier: string }[]).map((c) => [c.DBClusterIdentifier, c]));
      expect(byName.get('jam-inventory')).toMatchObject({ EngineVersion: '16.6', DBClusterParameterGroup: 'jam-inventory-pg16', Endpoint: endpointBefore });
      expect(byName.get('jam-inventory-old1')).toMatchObject({ EngineVersion: '15.10' });
    }, 150_000);
  },
);
