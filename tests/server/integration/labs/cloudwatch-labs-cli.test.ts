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
const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

interface Lab {
  endpoint: string;
  env: NodeJS.ProcessEnv;
  firstCommand: string;
}

describe.skipIf(Boolean(missing))(
  `the CloudWatch labs played with Debian's AWS CLI (query, EC2 query, REST-JSON, JSON 1.0)${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    let server: ServerProcess;
    let player: Client;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jam-aws-home-'));

    async function lab(challenge: string, task: string): Promise<Lab> {
      const detail = await player.request('GET', `/api/challenges/${challenge}`);
      const answer = detail.body.tasks.find((t: { id: string }) => t.id === task).answer;
      return {
        endpoint: answer.aws.endpoint,
        firstCommand: answer.firstCommand,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ACCESS_KEY_ID: answer.aws.accessKeyId,
          AWS_SECRET_ACCESS_KEY: answer.aws.secretAccessKey,
          AWS_DEFAULT_REGION: answer.aws.region,
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      };
    }

    /** Runs `aws ...` as a player would after pasting the panel's environment snippet. */
    async function aws(l: Lab, args: string[]): Promise<{ code: number; out: any; err: string }> {
      try {
        const { stdout, stderr } = await run(AWS, [...args, '--endpoint-url', l.endpoint, '--output', 'json'], { env: l.env });
        return { code: 0, out: stdout.trim() ? JSON.parse(stdout) : null, err: stderr };
      } catch (error) {
        const e = error as { code: number; stderr: string };
        return { code: e.code, out: null, err: e.stderr };
      }
    }

    beforeAll(async () => {
      server = await startServerProcess({ challengesDir: BUNDLED_CHALLENGES });
      player = Client.over(server.url);
      expect((await player.request('POST', '/api/join', { eventCode: server.eventCode, displayName: 'Aki', language: 'en' })).status).toBe(201);
      expect((await player.request('POST', '/api/teams', { name: 'Kumo' })).status).toBe(201);
      const admin = Client.over(server.url);
      await admin.request('POST', '/api/admin/login', { token: server.adminToken });
      expect((await admin.request('POST', '/api/admin/event/start')).status).toBe(200);
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
      fs.rmSync(home, { recursive: true, force: true });
    });

    it('gray-failure-az: reads the metrics, contains the AZs, shifts the sick AZ ID away and passes both checks', async () => {
      const l = await lab('gray-failure', 'cut-off-the-sick-az');
      expect(l.firstCommand).toBe(
        `aws cloudwatch list-metrics --namespace AWS/ApplicationELB --metric-name HTTPCode_Target_5XX_Count --endpoint-url ${l.endpoint} --region ap-northeast-1`,
      );
      const listed = await aws(l, ['cloudwatch', 'list-metrics', '--namespace', 'AWS/ApplicationELB', '--metric-name', 'HTTPCode_Target_5XX_Count']);
      expect(listed.code).toBe(0);
      expect(listed.out.Metrics).toHaveLength(4);
      const lbDimension = listed.out.Metrics[0].Dimensions.find((d: { Name: string }) => d.Name === 'LoadBalancer').Value;

      const end = new Date();
      const start = new Date(end.getTime() - 20 * 60_000);
      const queries = ZONES.flatMap((zone, i) =>
        ['HTTPCode_Target_5XX_Count', 'RequestCount'].map((name, j) => ({
          Id: `m${i}_${j}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: name,
              Dimensions: [
                { Name: 'LoadBalancer', Value: lbDimension },
                { Name: 'AvailabilityZone', Value: zone },
              ],
            },
            Period: 60,
            Stat: 'Sum',
          },
        })),
      );
      const data = await aws(l, [
        'cloudwatch',
        'get-metric-data',
        '--start-time',
        start.toISOString(),
        '--end-time',
        end.toISOString(),
        '--metric-data-queries',
        JSON.stringify(queries),
      ]);
      expect(data.code, data.err).toBe(0);
      const total = (id: string) => (data.out.MetricDataResults.find((r: { Id: string }) => r.Id === id).Values as number[]).reduce((x, y) => x + y, 0);
      const rates = ZONES.map((_, i) => total(`m${i}_0`) / total(`m${i}_1`));
      expect(data.out.MetricDataResults.every((r: { StatusCode: string }) => r.StatusCode === 'Complete')).toBe(true);
      const sick = ZONES[rates.indexOf(Math.max(...rates))] ?? '';
      const badPeriod = await aws(l, [
        'cloudwatch',
        'get-metric-statistics',
        '--namespace',
        'AWS/ApplicationELB',
        '--metric-name',
        'RequestCount',
        '--start-time',
        start.toISOString(),
        '--end-time',
        end.toISOString(),
        '--period',
        '45',
        '--statistics',
        'Sum',
      ]);
      expect(badPeriod.err).toMatch(/An error occurred \(InvalidParameterValue\) when calling the GetMetricStatistics operation/);

      const lbs = await aws(l, ['elbv2', 'describe-load-balancers', '--names', 'jam-payments']);
      expect(lbs.code, lbs.err).toBe(0);
      const lbArn = lbs.out.LoadBalancers[0].LoadBalancerArn as string;
      const refused = await aws(l, [
        'elbv2',
        'modify-load-balancer-attributes',
        '--load-balancer-arn',
        lbArn,
        '--attributes',
        'Key=load_balancing.cross_zone.enabled,Value=false',
      ]);
      expect(refused.err).toMatch(/An error occurred \(InvalidConfigurationRequest\) when calling the ModifyLoadBalancerAttributes operation/);
      const missingLb = await aws(l, ['elbv2', 'describe-load-balancers', '--names', 'orders']);
      expect(missingLb.err).toMatch(/\(LoadBalancerNotFound\).*One or more load balancers not found/);
      const tgArn = (await aws(l, ['elbv2', 'describe-target-groups', '--load-balancer-arn', lbArn])).out.TargetGroups[0].TargetGroupArn;
      const modified = await aws(l, [
        'elbv2',
        'modify-target-group-attributes',
        '--target-group-arn',
        tgArn,
        '--attributes',
        'Key=load_balancing.cross_zone.enabled,Value=false',
      ]);
      expect(modified.out.Attributes).toContainEqual({ Key: 'load_balancing.cross_zone.enabled', Value: 'false' });
      expect((await player.request('POST', '/api/challenges/gray-failure/tasks/keep-requests-in-their-az/check')).body).toMatchObject({
        correct: true,
        awarded: 600,
      });

      const zones = await aws(l, ['ec2', 'describe-availability-zones', '--filters', `Name=zone-name,Values=${sick}`]);
      expect(zones.code, zones.err).toBe(0);
      const sickId = zones.out.AvailabilityZones[0].ZoneId as string;
      expect(sickId).toMatch(/^apne1-az[124]$/);

      const shift = ['arc-zonal-shift', 'start-zonal-shift', '--resource-identifier', lbArn, '--expires-in', '2h', '--comment', 'gray failure', '--away-from'];
      expect((await aws(l, [...shift, sickId])).err).toMatch(/\(ResourceNotFoundException\) when calling the StartZonalShift operation/);
      await aws(l, ['elbv2', 'modify-load-balancer-attributes', '--load-balancer-arn', lbArn, '--attributes', 'Key=zonal_shift.config.enabled,Value=true']);
      expect((await aws(l, [...shift, sick])).err).toMatch(
        /\(ValidationException\) when calling the StartZonalShift operation( \(reached max retries: 0\))?: .*not a valid Availability Zone ID/,
      );
      const started = await aws(l, [...shift, sickId]);
      expect(started.code, started.err).toBe(0);
      expect(started.out).toMatchObject({ awayFrom: sickId, status: 'ACTIVE', resourceIdentifier: lbArn });
      const shifts = await aws(l, ['arc-zonal-shift', 'list-zonal-shifts', '--status', 'ACTIVE']);
      expect(shifts.out.items.map((s: { awayFrom: string }) => s.awayFrom)).toEqual([sickId]);
      const managed = await aws(l, ['arc-zonal-shift', 'get-managed-resource', '--resource-identifier', lbArn]);
      expect(managed.code, managed.err).toBe(0);
      expect(managed.out.appliedWeights[sickId]).toBe(0);

      const after = await player.request('POST', '/api/challenges/gray-failure/tasks/cut-off-the-sick-az/check');
      expect(after.body).toMatchObject({ correct: true, awarded: 1000 });
    }, 120_000);

    it('dynamodb-right-size: reads 14 days of consumed capacity and switches the table to right-sized provisioned capacity', async () => {
      const l = await lab('dynamodb-cost', 'right-size-the-table');
      const described = await aws(l, ['dynamodb', 'describe-table', '--table-name', 'jam-orders']);
      expect(described.code, described.err).toBe(0);
      expect(described.out.Table.BillingModeSummary.BillingMode).toBe('PAY_PER_REQUEST');
      const end = new Date();
      const sums: number[][] = [];
      for (const metric of ['ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits']) {
        const r = await aws(l, [
          'cloudwatch',
          'get-metric-statistics',
          '--namespace',
          'AWS/DynamoDB',
          '--metric-name',
          metric,
          '--dimensions',
          'Name=TableName,Value=jam-orders',
          '--start-time',
          new Date(end.getTime() - 15 * 86_400_000).toISOString(),
          '--end-time',
          end.toISOString(),
          '--period',
          '3600',
          '--statistics',
          'Sum',
        ]);
        expect(r.code, r.err).toBe(0);
        sums.push((r.out.Datapoints as { Sum: number }[]).map((d) => d.Sum));
      }
      const [reads = [], writes = []] = sums;
      expect(reads).toHaveLength(336);
      const onDemand = ((writes.reduce((s, v) => s + v, 0) * 0.625 + reads.reduce((s, v) => s + v, 0) * 0.125) * (720 / 336)) / 1e6;
      expect((await player.request('POST', '/api/challenges/dynamodb-cost/tasks/price-on-demand/attempts', { answer: onDemand.toFixed(2) })).body.correct).toBe(
        true,
      );
      const rcu = Math.ceil((Math.max(...reads) / 3600) * 1.5);
      const wcu = Math.ceil((Math.max(...writes) / 3600) * 1.5);
      const provisioned = (rcu * 0.00013 + wcu * 0.00065) * 720;
      expect(
        (await player.request('POST', '/api/challenges/dynamodb-cost/tasks/price-provisioned/attempts', { answer: provisioned.toFixed(2) })).body.correct,
      ).toBe(true);

      const noThroughput = await aws(l, ['dynamodb', 'update-table', '--table-name', 'jam-orders', '--billing-mode', 'PROVISIONED']);
      expect(noThroughput.err).toMatch(
        /\(ValidationException\) when calling the UpdateTable operation( \(reached max retries: 0\))?: .*ProvisionedThroughput must be specified/,
      );
      const updated = await aws(l, [
        'dynamodb',
        'update-table',
        '--table-name',
        'jam-orders',
        '--billing-mode',
        'PROVISIONED',
        '--provisioned-throughput',
        `ReadCapacityUnits=${rcu},WriteCapacityUnits=${wcu}`,
      ]);
      expect(updated.code, updated.err).toBe(0);
      expect(updated.out.TableDescription).toMatchObject({
        TableStatus: 'UPDATING',
        ProvisionedThroughput: { ReadCapacityUnits: rcu, WriteCapacityUnits: wcu },
      });
      await new Promise((r) => setTimeout(r, 5_200));
      const after = await player.request('POST', '/api/challenges/dynamodb-cost/tasks/right-size-the-table/check');
      expect(after.body).toMatchObject({ correct: true, awarded: 1000 });
    }, 120_000);
  },
);
