/**
 * Amazon RDS Blue/Green Deployments for Aurora: `CreateBlueGreenDeployment` stages a green copy
 * of a Regional cluster (replicated from blue, upgraded if asked), `SwitchoverBlueGreenDeployment`
 * makes it production once it is AVAILABLE (green takes blue's names, so its endpoints; blue
 * keeps running as `-old1`), `DeleteBlueGreenDeployment` removes the deployment (and, before a
 * switchover, the green cluster if asked). A global database member is refused: the lab
 * stages Regional clusters only.
 */
import { AwsError, type AwsOperation, type LabCallContext } from '../lab.ts';
import { optionalBoolean, optionalInteger, optionalList, optionalString, optionalStringList, requiredString } from '../aws/input.ts';
import { clusterArn, clusterNotFound, instanceArn, resolveCluster } from './aurora.clusters.ts';
import { type AuroraState, type DeploymentState, findCluster, GLOBAL_ID, hex, isGlobalMember, MAX_CLUSTERS, MAX_DEPLOYMENTS, settle } from './aurora.model.ts';
import { clusterStatus, deploymentStatus, deploymentTasks, stagingDeploymentOf } from './aurora.timeline.ts';

/** Aurora PostgreSQL versions the lab knows, oldest first; a deployment may stay or move up. */
export const VERSIONS = ['15.10', '15.12', '16.6', '16.8', '17.4'] as const;
/** Cluster parameter groups in the account, by name: their family's major version. */
const CLUSTER_GROUPS: Readonly<Record<string, string>> = {
  'default.aurora-postgresql15': '15',
  'default.aurora-postgresql16': '16',
  'default.aurora-postgresql17': '17',
  'jam-inventory-pg15': '15',
  'jam-inventory-pg16': '16',
  'jam-orders-pg16': '16',
};
const NAME = /[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*/;
const major = (version: string): string => version.split('.')[0] ?? '';

function notFound(id: string): AwsError {
  return new AwsError(
    'BlueGreenDeploymentNotFoundFault',
    `BlueGreenDeploymentIdentifier ${id.slice(0, 255)} doesn't refer to an existing blue/green deployment.`,
    404,
  );
}

function badState(message: string): AwsError {
  return new AwsError('InvalidBlueGreenDeploymentStateFault', message);
}

export function deploymentView(state: AuroraState, d: DeploymentState, ctx: LabCallContext) {
  const now = ctx.now.getTime();
  const blue = findCluster(state, d.blue);
  const green = findCluster(state, d.green);
  const status = deploymentStatus(state, d, now);
  const memberStatus = status === 'PROVISIONING' ? 'PROVISIONING' : status;
  const pairs: [string, string][] = blue && green ? [[clusterArn(ctx, blue), clusterArn(ctx, green)]] : [];
  for (const [i, name] of (blue?.instances ?? []).entries()) {
    const target = green?.instances[i];
    if (blue && target) pairs.push([instanceArn(ctx, blue.region, name), instanceArn(ctx, blue.region, target)]);
  }
  return {
    BlueGreenDeploymentIdentifier: d.id,
    BlueGreenDeploymentName: d.name,
    Source: blue ? clusterArn(ctx, blue) : '',
    Target: green ? clusterArn(ctx, green) : '',
    SwitchoverDetails: pairs.map(([SourceMember, TargetMember]) => ({ SourceMember, TargetMember, Status: memberStatus })),
    Tasks: deploymentTasks(state, d, now),
    Status: status,
    CreateTime: new Date(d.createdAt),
    TagList: d.tags,
  };
}

function regionOf(state: AuroraState, d: DeploymentState): string | undefined {
  return findCluster(state, d.blue)?.region;
}

function findDeployment(state: AuroraState, ctx: LabCallContext, id: string): DeploymentState {
  const d = state.deployments.find((x) => x.id === id.toLowerCase() && regionOf(state, x) === ctx.region);
  if (!d) throw notFound(id);
  return d;
}

function readTargetGroup(input: Record<string, unknown>, blueGroup: string, blueVersion: string, version: string): string {
  const name = optionalString(input, 'TargetDBClusterParameterGroupName', { min: 1, max: 255 });
  if (name === undefined) return major(version) === major(blueVersion) ? blueGroup : `default.aurora-postgresql${major(version)}`;
  const family = CLUSTER_GROUPS[name];
  if (family === undefined) throw new AwsError('DBClusterParameterGroupNotFoundFault', `DBClusterParameterGroup not found: ${name}`, 404);
  if (family !== major(version))
    throw new AwsError(
      'InvalidParameterCombination',
      `The parameter group ${name} with DBParameterGroupFamily aurora-postgresql${family} can't be used for this instance. Use a parameter group with DBParameterGroupFamily aurora-postgresql${major(version)}.`,
    );
  return name;
}

function create(stored: AuroraState, input: Record<string, unknown>, ctx: LabCallContext) {
  const now = ctx.now.getTime();
  const state = settle(stored, now);
  const name = requiredString(input, 'BlueGreenDeploymentName', { min: 1, max: 60, pattern: NAME });
  const source = requiredString(input, 'Source', { min: 1, max: 2048 });
  if (!source.startsWith('arn:'))
    throw new AwsError('InvalidParameterValue', `The parameter Source must be the ARN of a DB cluster or a DB instance, not ${source.slice(0, 64)}.`);
  if (/:db:/.test(source))
    throw new AwsError('SourceDatabaseNotSupportedFault', 'The source is an Aurora DB instance: give the ARN of its DB cluster to stage the whole cluster.');
  const blue = resolveCluster(state, ctx, source);
  if (!blue || blue.region !== ctx.region) throw clusterNotFound(source);
  if (isGlobalMember(blue.key))
    throw new AwsError('SourceClusterNotSupportedFault', `The lab stages Regional clusters only; ${blue.name} belongs to the global database ${GLOBAL_ID}.`);
  const busy = state.deployments.some((d) => (d.blue === blue.key || d.green === blue.key) && !d.switchedOver);
  if (busy || clusterStatus(state, blue.key, now) !== 'available')
    throw new AwsError('InvalidDBClusterStateFault', `DB cluster ${blue.name} is already part of a blue/green deployment that has not switched over.`);
  if (state.deployments.some((d) => d.name.toLowerCase() === name.toLowerCase()))
    throw new AwsError('BlueGreenDeploymentAlreadyExistsFault', `A blue/green deployment with the name ${name} already exists.`);
  const version = optionalString(input, 'TargetEngineVersion', { min: 1, max: 64, pattern: /[0-9A-Za-z-_.]+/ }) ?? blue.version;
  const from = VERSIONS.indexOf(blue.version as (typeof VERSIONS)[number]);
  const to = VERSIONS.indexOf(version as (typeof VERSIONS)[number]);
  if (to < from || to === -1)
    throw new AwsError('InvalidParameterCombination', `Cannot find upgrade target from ${blue.version} with requested version ${version}.`);
  const group = readTargetGroup(input, blue.parameterGroup, blue.version, version);
  const instanceGroup = optionalString(input, 'TargetDBParameterGroupName', { min: 1, max: 255 });
  if (instanceGroup !== undefined && instanceGroup !== `default.aurora-postgresql${major(version)}`)
    throw new AwsError('DBParameterGroupNotFoundFault', `DBParameterGroup not found: ${instanceGroup}`, 404);
  const tags = (optionalList(input, 'Tags', { min: 0, max: 10 }) ?? []).map((t) => ({
    Key: requiredString(t, 'Key', { min: 1, max: 128 }),
    Value: optionalString(t, 'Value', { max: 256 }) ?? '',
  }));
  if (state.deployments.length >= MAX_DEPLOYMENTS || state.clusters.length >= MAX_CLUSTERS)
    throw new AwsError('DBClusterQuotaExceededFault', 'The lab keeps a few blue/green deployments at a time: delete one, or restart the lab.', 403);
  const n = state.nextDeployment;
  const suffix = BigInt(`0x${hex(ctx.team.seed, `green-${n}`, 12)}`)
    .toString(36)
    .slice(-6);
  const green = {
    key: `green-${n}`,
    name: `${blue.name}-green-${suffix}`,
    region: blue.region,
    version,
    parameterGroup: group,
    instances: blue.instances.map((i) => `${i}-green-${suffix}`),
    createdAt: now,
  };
  const id = deploymentId(ctx.team.seed, n);
  const d: DeploymentState = {
    id,
    name,
    blue: blue.key,
    green: green.key,
    targetVersion: version,
    createdAt: now,
    tags,
    switchover: null,
    switchedOver: false,
  };
  const next: AuroraState = { ...state, clusters: [...state.clusters, green], deployments: [...state.deployments, d], nextDeployment: n + 1 };
  return { output: { BlueGreenDeployment: deploymentView(next, d, ctx) }, state: next };
}

const FILTERS: Readonly<Record<string, (v: ReturnType<typeof deploymentView>) => string>> = {
  'blue-green-deployment-identifier': (v) => v.BlueGreenDeploymentIdentifier,
  'blue-green-deployment-name': (v) => v.BlueGreenDeploymentName,
  source: (v) => v.Source,
  target: (v) => v.Target,
};

export const blueGreenOperations: Record<string, AwsOperation<AuroraState>> = {
  CreateBlueGreenDeployment: { handle: create },
  DescribeBlueGreenDeployments: {
    readOnly: true,
    handle(stored, input, ctx) {
      const state = settle(stored, ctx.now.getTime());
      const id = optionalString(input, 'BlueGreenDeploymentIdentifier', { min: 1, max: 255 });
      optionalInteger(input, 'MaxRecords', { min: 20, max: 100 });
      optionalString(input, 'Marker', { max: 1024 });
      const filters = (optionalList(input, 'Filters', { min: 0, max: 10 }) ?? []).map((f) => {
        const name = requiredString(f, 'Name', { min: 1, max: 255 });
        const read = FILTERS[name];
        if (!read) throw new AwsError('InvalidParameterValue', `Unrecognized filter name: ${name.slice(0, 64)}.`);
        const values = optionalStringList(f, 'Values', { max: 100 }) ?? [];
        return (v: ReturnType<typeof deploymentView>) => values.includes(read(v));
      });
      const chosen = id === undefined ? state.deployments.filter((d) => regionOf(state, d) === ctx.region) : [findDeployment(state, ctx, id)];
      const views = chosen.map((d) => deploymentView(state, d, ctx)).filter((v) => filters.every((keep) => keep(v)));
      return { output: { BlueGreenDeployments: views } };
    },
  },
  SwitchoverBlueGreenDeployment: {
    handle(stored, input, ctx) {
      const now = ctx.now.getTime();
      const state = settle(stored, now);
      const d = findDeployment(state, ctx, requiredString(input, 'BlueGreenDeploymentIdentifier', { min: 1, max: 255 }));
      const timeout = optionalInteger(input, 'SwitchoverTimeout', { min: 30, max: 3_600 }) ?? 300;
      const status = deploymentStatus(state, d, now);
      if (status !== 'AVAILABLE') throw badState(`The blue/green deployment ${d.id} can't be switched over while its status is ${status}.`);
      const switched = { ...d, switchover: { at: now, timeout } };
      const next: AuroraState = { ...state, deployments: state.deployments.map((x) => (x.id === d.id ? switched : x)) };
      return { output: { BlueGreenDeployment: deploymentView(next, switched, ctx) }, state: next };
    },
  },
  DeleteBlueGreenDeployment: {
    handle(stored, input, ctx) {
      const now = ctx.now.getTime();
      const state = settle(stored, now);
      const d = findDeployment(state, ctx, requiredString(input, 'BlueGreenDeploymentIdentifier', { min: 1, max: 255 }));
      const deleteTarget = optionalBoolean(input, 'DeleteTarget') === true;
      const status = deploymentStatus(state, d, now);
      if (status === 'SWITCHOVER_IN_PROGRESS') throw badState(`The blue/green deployment ${d.id} can't be deleted during its switchover.`);
      if (status === 'SWITCHOVER_COMPLETED' && deleteTarget)
        throw badState(`DeleteTarget can't be specified: the blue/green deployment ${d.id} has switched over, and its green environment is production now.`);
      const view = { ...deploymentView(state, d, ctx), Status: 'DELETING', DeleteTime: new Date(now) };
      const dropGreen = deleteTarget && stagingDeploymentOf(state, d.green) !== undefined;
      const next: AuroraState = {
        ...state,
        deployments: state.deployments.filter((x) => x.id !== d.id),
        clusters: dropGreen ? state.clusters.filter((c) => c.key !== d.green) : state.clusters,
      };
      return { output: { BlueGreenDeployment: view }, state: next };
    },
  },
};

/**
 * `bgd-` and 16 base-36 characters, as RDS names a blue/green deployment. 80 bits can be
 * fewer than 16 base-36 digits (about one seed in five), so the digits are padded.
 */
export function deploymentId(seed: Buffer, n: number): string {
  return `bgd-${BigInt(`0x${hex(seed, `bgd-${n}`, 20)}`)
    .toString(36)
    .padStart(16, '0')
    .slice(-16)}`;
}
