import { GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateBlueGreenDeploymentCommand,
  DeleteBlueGreenDeploymentCommand,
  DBClusterParameterGroupNotFoundFault,
  DBParameterGroupNotFoundFault,
  DescribeBlueGreenDeploymentsCommand,
  DescribeDBClustersCommand,
  DescribeGlobalClustersCommand,
  FailoverGlobalClusterCommand,
  SwitchoverBlueGreenDeploymentCommand,
  SwitchoverGlobalClusterCommand,
} from '@aws-sdk/client-rds';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends } from '../../../support/backends.ts';
import { createTestApp, playerWithTeam, startEvent, type Client, type TestApp } from '../../../support/app.ts';
import { cloudWatchIn, rds } from './aws-support.ts';
import { LAB_FIXTURES, labAccess, listen, type LabAwsAccess } from './kinesis-support.ts';

const TOKYO = 'ap-northeast-1';
const OSAKA = 'ap-northeast-3';
const done = (body: { progress: { done: boolean }[] }) => body.progress.map((p) => p.done);

async function lagOf(aws: LabAwsAccess, region: string, cluster: string, minutes: number, now: Date) {
  const end = Math.floor(now.getTime() / 60_000) * 60_000;
  const out = await cloudWatchIn(aws, region).send(
    new GetMetricDataCommand({
      MetricDataQueries: [
        {
          Id: 'lag',
          MetricStat: {
            Metric: { Namespace: 'AWS/RDS', MetricName: 'AuroraGlobalDBReplicationLag', Dimensions: [{ Name: 'DBClusterIdentifier', Value: cluster }] },
            Period: 60,
            Stat: 'Average',
          },
        },
      ],
      StartTime: new Date(end - minutes * 60_000),
      EndTime: new Date(end),
    }),
  );
  return out.MetricDataResults?.[0]?.Values ?? [];
}

describeBackends('the aurora-switchover lab driven with the AWS SDK for JavaScript v3', (backend) => {
  let t: TestApp;
  let server: { url: string; close(): Promise<void> };
  let a: { client: Client; team: { id: number } };
  let aws: LabAwsAccess;

  beforeAll(async () => {
    t = await createTestApp(backend, { challengesDir: LAB_FIXTURES });
    server = await listen(t);
    a = await playerWithTeam(t, 'Aki', 'Kumo');
    await startEvent(t);
    aws = await labAccess(a.client, server.url, 'releases', 'move');
  });
  afterAll(async () => {
    await server?.close();
    await t?.close();
  });

  it('shows the global database, the clusters and a first command on the panel', async () => {
    const detail = await a.client.get('/api/challenges/releases');
    const answer = detail.body.tasks.find((task: { id: string }) => task.id === 'move').answer;
    expect(answer.resources).toEqual({
      globalClusterIdentifier: 'jam-orders-global',
      tokyoCluster: 'jam-orders-tokyo',
      osakaCluster: 'jam-orders-osaka',
      osakaRegion: 'ap-northeast-3',
      inventoryCluster: 'jam-inventory',
    });
    expect(answer.firstCommand).toBe(
      'aws rds describe-global-clusters --global-cluster-identifier jam-orders-global --endpoint-url http://localhost/labs/aws --region ap-northeast-1',
    );
    expect(answer.sdk).toEqual({ package: '@aws-sdk/client-rds', client: 'RDSClient' });
  });

  it('filters global databases by the Regions their members are in, the one filter today’s API supports', async () => {
    const byRegion = async (...regions: string[]) =>
      (await rds(aws).send(new DescribeGlobalClustersCommand({ Filters: [{ Name: 'region', Values: regions }] }))).GlobalClusters?.map(
        (g) => g.GlobalClusterIdentifier,
      );
    expect(await byRegion('ap-northeast-3')).toEqual(['jam-orders-global']);
    expect(await byRegion('us-east-1', 'ap-northeast-1')).toEqual(['jam-orders-global']);
    expect(await byRegion('us-east-1')).toEqual([]);
    await expect(rds(aws).send(new DescribeGlobalClustersCommand({ Filters: [{ Name: 'engine', Values: ['aurora-postgresql'] }] }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Unrecognized filter name: engine.',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('loses the commits the lag held when a team fails over with data loss, and the check says so', async () => {
    const b = await playerWithTeam(t, 'Ben', 'Sora', 'ja');
    const bAws = await labAccess(b.client, server.url, 'releases', 'move');
    const { GlobalClusters = [] } = await rds(bAws).send(new DescribeGlobalClustersCommand({ GlobalClusterIdentifier: 'jam-orders-global' }));
    const osakaArn = GlobalClusters[0]?.GlobalClusterMembers?.find((m) => !m.IsWriter)?.DBClusterArn ?? '';
    expect(osakaArn).toMatch(/^arn:aws:rds:ap-northeast-3:\d{12}:cluster:jam-orders-osaka$/);
    await expect(
      rds(bAws).send(
        new FailoverGlobalClusterCommand({
          GlobalClusterIdentifier: 'jam-orders-global',
          TargetDbClusterIdentifier: osakaArn,
          AllowDataLoss: true,
          Switchover: true,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination', $metadata: { httpStatusCode: 400 } });
    const failing = await rds(bAws).send(
      new FailoverGlobalClusterCommand({ GlobalClusterIdentifier: 'jam-orders-global', TargetDbClusterIdentifier: osakaArn, AllowDataLoss: true }),
    );
    expect(failing.GlobalCluster).toMatchObject({
      Status: 'failing-over',
      FailoverState: { Status: 'pending', ToDbClusterArn: osakaArn, IsDataLossAllowed: true },
    });

    t.clock.advance(13_000);
    const after = await rds(bAws).send(new DescribeGlobalClustersCommand({}));
    const members = after.GlobalClusters?.[0]?.GlobalClusterMembers ?? [];
    expect(members.map((m) => [m.DBClusterArn?.split(':').at(-1), m.IsWriter, m.SynchronizationStatus])).toEqual([
      ['jam-orders-tokyo', false, 'pending-resync'],
      ['jam-orders-osaka', true, 'connected'],
    ]);
    const resyncing = await b.client.post('/api/challenges/releases/tasks/move/check');
    expect(resyncing.body.correct).toBe(false);
    expect(done(resyncing.body)).toEqual([true, false, false]);
    expect(resyncing.body.progress[2].label).toMatch(/^移行の途中でコミット済みのトランザクションを 1 件も失っていない（実際には約 \d+ 件が失われた）$/);

    t.clock.advance(61_000);
    const synced = await b.client.post('/api/challenges/releases/tasks/move/check');
    expect(done(synced.body)).toEqual([true, true, false]);
    const reset = await b.client.post('/api/challenges/releases/tasks/move/lab/reset');
    expect(reset.status).toBe(200);
    const fresh = await b.client.post('/api/challenges/releases/tasks/move/check');
    expect(done(fresh.body)).toEqual([false, true, true]);
  });

  it('reads the lag in the secondary’s Region, switches over by ARN with nothing lost and passes the check', async () => {
    const now = t.clock.now();
    expect((await cloudWatchIn(aws, TOKYO).send(new ListMetricsCommand({ Namespace: 'AWS/RDS' }))).Metrics).toEqual([]);
    const listed = await cloudWatchIn(aws, OSAKA).send(new ListMetricsCommand({ Namespace: 'AWS/RDS', MetricName: 'AuroraGlobalDBReplicationLag' }));
    expect(listed.Metrics?.map((m) => m.Dimensions)).toEqual([[{ Name: 'DBClusterIdentifier', Value: 'jam-orders-osaka' }]]);
    const lag = await lagOf(aws, OSAKA, 'jam-orders-osaka', 60, now);
    expect(lag).toHaveLength(60);
    expect(Math.min(...lag)).toBeGreaterThan(200);

    // RDS is Regional: the Osaka cluster is not in Tokyo's list, and a bare name is looked up in the caller's Region.
    const tokyo = await rds(aws).send(new DescribeDBClustersCommand({}));
    expect(tokyo.DBClusters?.map((c) => c.DBClusterIdentifier)).toEqual(['jam-orders-tokyo', 'jam-inventory']);
    await expect(rds(aws).send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'jam-orders-osaka' }))).rejects.toMatchObject({
      name: 'DBClusterNotFoundFault',
      message: 'DBCluster jam-orders-osaka not found.',
      $metadata: { httpStatusCode: 404 },
    });
    const osaka = await rds(aws, OSAKA).send(new DescribeDBClustersCommand({ Filters: [{ Name: 'db-cluster-id', Values: ['jam-orders-osaka'] }] }));
    const osakaArn = osaka.DBClusters?.[0]?.DBClusterArn ?? '';
    expect(osaka.DBClusters?.[0]).toMatchObject({ GlobalClusterIdentifier: 'jam-orders-global', EngineVersion: '16.6', Status: 'available' });
    const switchover = { GlobalClusterIdentifier: 'jam-orders-global', TargetDbClusterIdentifier: 'jam-orders-osaka' };
    await expect(rds(aws).send(new SwitchoverGlobalClusterCommand(switchover))).rejects.toMatchObject({ name: 'DBClusterNotFoundFault' });

    const started = await rds(aws).send(new SwitchoverGlobalClusterCommand({ ...switchover, TargetDbClusterIdentifier: osakaArn }));
    expect(started.GlobalCluster?.FailoverState).toMatchObject({ Status: 'pending', IsDataLossAllowed: false, ToDbClusterArn: osakaArn });
    t.clock.advance(5_000);
    await expect(rds(aws).send(new SwitchoverGlobalClusterCommand({ ...switchover, TargetDbClusterIdentifier: osakaArn }))).rejects.toMatchObject({
      name: 'InvalidGlobalClusterStateFault',
    });
    const midway = await a.client.post('/api/challenges/releases/tasks/move/check');
    expect(done(midway.body)).toEqual([false, false, true]);

    t.clock.advance(16_000);
    const global = await rds(aws, OSAKA).send(new DescribeGlobalClustersCommand({}));
    expect(global.GlobalClusters?.[0]).toMatchObject({ Status: 'available' });
    expect(global.GlobalClusters?.[0]?.FailoverState).toBeUndefined();
    expect(global.GlobalClusters?.[0]?.GlobalClusterMembers?.find((m) => m.IsWriter)?.DBClusterArn).toBe(osakaArn);
    const solved = await a.client.post('/api/challenges/releases/tasks/move/check');
    expect(solved.body).toMatchObject({ correct: true, awarded: 400 });
    // Tokyo is the secondary now: its lag is published in Tokyo.
    const tokyoLag = await cloudWatchIn(aws, TOKYO).send(new ListMetricsCommand({ Namespace: 'AWS/RDS', MetricName: 'AuroraGlobalDBReplicationLag' }));
    expect(tokyoLag.Metrics?.[0]?.Dimensions).toEqual([{ Name: 'DBClusterIdentifier', Value: 'jam-orders-tokyo' }]);
  });

  it('upgrades jam-inventory through a blue/green deployment: staged, switched over, renamed, and checked', async () => {
    const db = rds(aws);
    const [inventory] = (await db.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'jam-inventory' }))).DBClusters ?? [];
    const source = inventory?.DBClusterArn ?? '';
    const endpoint = inventory?.Endpoint;
    expect(inventory).toMatchObject({ EngineVersion: '15.10', DBClusterParameterGroup: 'jam-inventory-pg15' });
    const create = { BlueGreenDeploymentName: 'inventory-pg16', Source: source, TargetEngineVersion: '16.6' };
    await expect(db.send(new CreateBlueGreenDeploymentCommand({ ...create, Source: 'jam-inventory' }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    const tokyoOrders = source.replace('jam-inventory', 'jam-orders-tokyo');
    await expect(db.send(new CreateBlueGreenDeploymentCommand({ ...create, Source: tokyoOrders }))).rejects.toMatchObject({
      name: 'SourceClusterNotSupportedFault',
    });
    await expect(db.send(new CreateBlueGreenDeploymentCommand({ ...create, TargetDBClusterParameterGroupName: 'jam-inventory-pg15' }))).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
      message: expect.stringContaining('Use a parameter group with DBParameterGroupFamily aurora-postgresql16'),
    });
    // RDS sends these two under their query-protocol codes (no "Fault"); the SDK maps them to its classes.
    const missingGroup = db.send(new CreateBlueGreenDeploymentCommand({ ...create, TargetDBClusterParameterGroupName: 'inventory-16' }));
    await expect(missingGroup).rejects.toBeInstanceOf(DBClusterParameterGroupNotFoundFault);
    await expect(missingGroup).rejects.toMatchObject({ Code: 'DBClusterParameterGroupNotFound', $metadata: { httpStatusCode: 404 } });
    const missingInstanceGroup = db.send(
      new CreateBlueGreenDeploymentCommand({ ...create, TargetDBClusterParameterGroupName: 'jam-inventory-pg16', TargetDBParameterGroupName: 'pg16' }),
    );
    await expect(missingInstanceGroup).rejects.toBeInstanceOf(DBParameterGroupNotFoundFault);
    await expect(missingInstanceGroup).rejects.toMatchObject({ Code: 'DBParameterGroupNotFound', $metadata: { httpStatusCode: 404 } });

    const created = await db.send(new CreateBlueGreenDeploymentCommand({ ...create, TargetDBClusterParameterGroupName: 'jam-inventory-pg16' }));
    const id = created.BlueGreenDeployment?.BlueGreenDeploymentIdentifier ?? '';
    expect(id).toMatch(/^bgd-[a-z0-9]{16}$/);
    expect(created.BlueGreenDeployment).toMatchObject({
      Status: 'PROVISIONING',
      Source: source,
      Target: expect.stringMatching(/:cluster:jam-inventory-green-[a-z0-9]{6}$/),
    });
    expect(created.BlueGreenDeployment?.Tasks?.map((task) => task.Name)).toEqual([
      'CREATING_READ_REPLICA_OF_SOURCE',
      'DB_ENGINE_VERSION_UPGRADE',
      'CREATING_TOPOLOGY_OF_SOURCE',
      'CONFIGURE_BACKUPS',
    ]);
    await expect(db.send(new CreateBlueGreenDeploymentCommand({ ...create, BlueGreenDeploymentName: 'again' }))).rejects.toMatchObject({
      name: 'InvalidDBClusterStateFault',
    });
    await expect(db.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }))).rejects.toMatchObject({
      name: 'InvalidBlueGreenDeploymentStateFault',
    });
    t.clock.advance(15_000);
    const green = (await db.send(new DescribeDBClustersCommand({ Filters: [{ Name: 'engine', Values: ['aurora-postgresql'] }] }))).DBClusters?.at(-1);
    expect(green).toMatchObject({ Status: 'upgrading', EngineVersion: '16.6', DBClusterParameterGroup: 'jam-inventory-pg16' });

    t.clock.advance(21_000);
    const [ready] =
      (await db.send(new DescribeBlueGreenDeploymentsCommand({ Filters: [{ Name: 'blue-green-deployment-name', Values: ['inventory-pg16'] }] })))
        .BlueGreenDeployments ?? [];
    expect(ready?.Status).toBe('AVAILABLE');
    expect(ready?.SwitchoverDetails?.map((d) => d.Status)).toEqual(['AVAILABLE', 'AVAILABLE', 'AVAILABLE']);
    await expect(db.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 10 }))).rejects.toMatchObject({
      name: 'ValidationError',
    });
    const switching = await db.send(new SwitchoverBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, SwitchoverTimeout: 120 }));
    expect(switching.BlueGreenDeployment?.Status).toBe('SWITCHOVER_IN_PROGRESS');
    expect((await a.client.post('/api/challenges/releases/tasks/upgrade/check')).body.correct).toBe(false);

    t.clock.advance(11_000);
    const clusters = (await db.send(new DescribeDBClustersCommand({}))).DBClusters ?? [];
    const production = clusters.find((c) => c.DBClusterIdentifier === 'jam-inventory');
    expect(production).toMatchObject({ EngineVersion: '16.6', Endpoint: endpoint, Status: 'available' });
    expect(production?.DBClusterMembers?.map((m) => m.DBInstanceIdentifier)).toEqual(['jam-inventory-1', 'jam-inventory-2']);
    expect(clusters.find((c) => c.DBClusterIdentifier === 'jam-inventory-old1')).toMatchObject({ EngineVersion: '15.10' });
    const solved = await a.client.post('/api/challenges/releases/tasks/upgrade/check');
    expect(solved.body).toMatchObject({ correct: true, awarded: 500 });

    await expect(db.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id, DeleteTarget: true }))).rejects.toMatchObject({
      name: 'InvalidBlueGreenDeploymentStateFault',
    });
    const deleted = await db.send(new DeleteBlueGreenDeploymentCommand({ BlueGreenDeploymentIdentifier: id }));
    expect(deleted.BlueGreenDeployment?.Status).toBe('DELETING');
    await expect(db.send(new DescribeBlueGreenDeploymentsCommand({ BlueGreenDeploymentIdentifier: id }))).rejects.toMatchObject({
      name: 'BlueGreenDeploymentNotFoundFault',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
