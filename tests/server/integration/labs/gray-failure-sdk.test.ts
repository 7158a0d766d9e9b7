import { GetMetricDataCommand, type GetMetricDataCommandOutput, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyLoadBalancerAttributesCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { arc, cloudWatch, ec2, elb } from './aws-support.ts';
import { LAB_FIXTURES, labAccess, listen, type LabAwsAccess } from './kinesis-support.ts';

const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

/** Sums of a per-AZ ALB metric and the canaries' success, minute by minute, newest first. */
async function perAz(a: LabAwsAccess, lbDimension: string, start: Date, end: Date) {
  const cw = cloudWatch(a);
  const queries = ZONES.flatMap((zone, i) => [
    {
      Id: `e${i}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'HTTPCode_Target_5XX_Count',
          Dimensions: [
            { Name: 'LoadBalancer', Value: lbDimension },
            { Name: 'AvailabilityZone', Value: zone },
          ],
        },
        Period: 60,
        Stat: 'Sum',
      },
    },
    {
      Id: `r${i}`,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCount',
          Dimensions: [
            { Name: 'LoadBalancer', Value: lbDimension },
            { Name: 'AvailabilityZone', Value: zone },
          ],
        },
        Period: 60,
        Stat: 'Sum',
      },
    },
  ]);
  const out: GetMetricDataCommandOutput = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: start, EndTime: end }));
  const byId = new Map((out.MetricDataResults ?? []).map((r) => [r.Id, r]));
  return ZONES.map((zone, i) => ({
    zone,
    errors: byId.get(`e${i}`)?.Values ?? [],
    requests: byId.get(`r${i}`)?.Values ?? [],
    at: byId.get(`r${i}`)?.Timestamps ?? [],
  }));
}

describeBackends('the gray-failure-az lab driven with the AWS SDK for JavaScript v3', (backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number } };
  let aws: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    aws = await labAccess(a.client, server.url, 'outage', 'isolate');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('shows the load balancer, the target group and a first command on the panel', async () => {
    const detail = await a.client.get('/api/challenges/outage');
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'isolate').answer;
    expect(answer.resources).toEqual({ loadBalancerName: 'jam-payments', targetGroupName: 'jam-payments-api', region: 'ap-northeast-1' });
    expect(answer.firstCommand).toBe(
      'aws cloudwatch list-metrics --namespace AWS/ApplicationELB --metric-name HTTPCode_Target_5XX_Count --endpoint-url http://localhost/labs/aws --region ap-northeast-1',
    );
  });

  it('finds the sick AZ among the decoys, turns cross-zone off, shifts its AZ ID away and passes the check', async () => {
    const { LoadBalancers = [] } = await elb(aws).send(new DescribeLoadBalancersCommand({ Names: ['jam-payments'] }));
    const lb = LoadBalancers[0];
    expect(lb?.Type).toBe('application');
    expect(lb?.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(ZONES);
    const lbArn = lb?.LoadBalancerArn ?? '';
    const lbDimension = lbArn.split(':loadbalancer/')[1] ?? '';

    const listed = await cloudWatch(aws).send(new ListMetricsCommand({ Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' }));
    expect(listed.Metrics?.length).toBe(4);
    const canaries = await cloudWatch(aws).send(new ListMetricsCommand({ Namespace: 'CloudWatchSynthetics', MetricName: 'SuccessPercent' }));
    const canaryNames = (canaries.Metrics ?? []).map((m) => m.Dimensions?.[0]?.Value ?? '');
    expect(canaryNames.every((n) => /^payments-db-probe-apne1-az[124]$/.test(n))).toBe(true);

    // The last 20 minutes: one AZ fails steadily; over three hours, every AZ had a bad moment.
    const now = t.clock.now();
    const recent = await perAz(aws, lbDimension, new Date(now.getTime() - 20 * 60_000), now);
    const rates = recent.map((z) => z.errors.reduce((x, y) => x + y, 0) / z.requests.reduce((x, y) => x + y, 0));
    const sick = recent[rates.indexOf(Math.max(...rates))]?.zone ?? '';
    expect(Math.max(...rates)).toBeGreaterThan(0.04);
    expect(rates.filter((r) => r < 0.01)).toHaveLength(2);
    const history = await perAz(aws, lbDimension, new Date(now.getTime() - 3 * 3_600_000), now);
    for (const z of history) expect(Math.max(...z.errors.map((e, i) => e / (z.requests[i] ?? 1)))).toBeGreaterThan(0.03);

    // Health checks pass everywhere: that is what makes it gray.
    const { TargetGroups = [] } = await elb(aws).send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lbArn }));
    const tgArn = TargetGroups[0]?.TargetGroupArn ?? '';
    const health = await elb(aws).send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    expect(health.TargetHealthDescriptions?.every((d) => d.TargetHealth?.State === 'healthy')).toBe(true);

    const { AvailabilityZones = [] } = await ec2(aws).send(new DescribeAvailabilityZonesCommand({}));
    const sickId = AvailabilityZones.find((z) => z.ZoneName === sick)?.ZoneId ?? '';
    expect(sickId).toMatch(/^apne1-az[124]$/);
    expect(canaryNames).toContain(`payments-db-probe-${sickId}`);

    const before = await a.client.post('/api/challenges/outage/tasks/isolate/check');
    expect(before.body).toMatchObject({ correct: false, awarded: 0 });
    expect(before.body.progress.map((p: { done: boolean }) => p.done)).toEqual([false, false, false]);

    // An ALB keeps cross-zone on at the load balancer level: the target group turns it off.
    await expect(
      elb(aws).send(
        new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidConfigurationRequestException', $metadata: { httpStatusCode: 400 } });
    await elb(aws).send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'load_balancing.cross_zone.enabled', Value: 'false' }] }),
    );
    const tgAttributes = await elb(aws).send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tgArn }));
    expect(tgAttributes.Attributes).toContainEqual({ Key: 'load_balancing.cross_zone.enabled', Value: 'false' });
    const contained = await a.client.post('/api/challenges/outage/tasks/contain/check');
    expect(contained.body).toMatchObject({ correct: true, awarded: 300 });

    // ARC manages the load balancer only once zonal shift is enabled on it, and takes AZ IDs.
    const shift = { resourceIdentifier: lbArn, awayFrom: sickId, expiresIn: '2h', comment: 'gray failure' };
    expect(await arc(aws, 'POST', '/zonalshifts', shift)).toMatchObject({ status: 404, errorType: 'ResourceNotFoundException' });
    await elb(aws).send(
      new ModifyLoadBalancerAttributesCommand({ LoadBalancerArn: lbArn, Attributes: [{ Key: 'zonal_shift.config.enabled', Value: 'true' }] }),
    );
    expect(await arc(aws, 'POST', '/zonalshifts', { ...shift, awayFrom: sick })).toMatchObject({
      status: 400,
      errorType: 'ValidationException',
      body: { reason: 'InvalidAz' },
    });
    const started = await arc(aws, 'POST', '/zonalshifts', shift);
    expect(started).toMatchObject({ status: 201, body: { awayFrom: sickId, status: 'ACTIVE', resourceIdentifier: lbArn } });
    expect(await arc(aws, 'POST', '/zonalshifts', shift)).toMatchObject({ status: 409, body: { reason: 'ZonalShiftAlreadyExists' } });
    const listedShifts = await arc(aws, 'GET', '/zonalshifts', undefined, { status: 'ACTIVE' });
    expect(listedShifts.body.items).toHaveLength(1);
    const managed = await arc(aws, 'GET', `/managedresources/${encodeURIComponent(lbArn)}`);
    expect(managed.body.appliedWeights[sickId]).toBe(0);

    const after = await a.client.post('/api/challenges/outage/tasks/isolate/check');
    expect(after.body).toMatchObject({ correct: true, awarded: 500, alreadySolved: false });

    // Two minutes on, the sick AZ takes no requests and the others carry its share.
    t.clock.advance(120_000);
    const later = t.clock.now();
    const shifted = await perAz(aws, lbDimension, new Date(later.getTime() - 3 * 60_000), later);
    for (const z of shifted) {
      if (z.zone === sick) expect(z.requests[0], z.zone).toBe(0);
      else expect(z.requests[0], z.zone).toBeGreaterThan(1_600);
    }
  });

  it('answers the CloudWatch errors the SDK knows, with their query codes', async () => {
    const query = { Id: 'a', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' }, Period: 30, Stat: 'Sum' } };
    const now = t.clock.now();
    await expect(
      cloudWatch(aws).send(new GetMetricDataCommand({ MetricDataQueries: [query], StartTime: new Date(now.getTime() - 3_600_000), EndTime: now })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValueException', Code: 'InvalidParameterValue', $metadata: { httpStatusCode: 400 } });
    await expect(cloudWatch({ ...aws, secretAccessKey: 'x'.repeat(40) }).send(new ListMetricsCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });
});
