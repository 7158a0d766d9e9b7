/**
 * Elastic Load Balancing v2 for the gray-failure lab: the payments ALB and its target group,
 * their attributes and target health. As on AWS, an Application Load Balancer keeps
 * cross-zone load balancing on at the load balancer level; it is turned off per target group.
 * Zonal shift must be enabled on the load balancer (`zonal_shift.config.enabled`) before ARC
 * manages it.
 */
import { createHash } from 'node:crypto';
import { AwsError, LAB_REGION, type AwsOperation, type AwsServiceDefinition, type LabCallContext } from '../lab.ts';
import { optionalInteger, optionalString, optionalStringList, requiredList, requiredString } from '../aws/input.ts';
import {
  type GrayState,
  LB_ATTRIBUTE_DEFAULTS,
  LOAD_BALANCER_NAME,
  lbAttribute,
  type Scenario,
  scenario,
  TARGET_GROUP_NAME,
  TG_ATTRIBUTE_DEFAULTS,
  tgAttribute,
} from './gray.model.ts';

/** The Route 53 hosted zone of Application Load Balancers in ap-northeast-1. */
const ALB_HOSTED_ZONE = 'Z14GRHDCWA56QT';
const HOSTS_PER_AZ = 4;
const KEY_PATTERN = /[a-zA-Z0-9._]+/;

const scenarioOf = (ctx: LabCallContext): Scenario => scenario(ctx.team.seed, ctx.team.accountId, LAB_REGION);

function lbNotFound(): AwsError {
  return new AwsError('LoadBalancerNotFoundException', 'One or more load balancers not found');
}

function tgNotFound(): AwsError {
  return new AwsError('TargetGroupNotFoundException', 'One or more target groups not found');
}

function invalidConfig(message: string): AwsError {
  return new AwsError('InvalidConfigurationRequestException', message);
}

function requireLoadBalancer(input: Record<string, unknown>, sc: Scenario): void {
  if (requiredString(input, 'LoadBalancerArn', { max: 1024 }) !== sc.lbArn) throw lbNotFound();
}

function requireTargetGroup(input: Record<string, unknown>, sc: Scenario): void {
  if (requiredString(input, 'TargetGroupArn', { max: 1024 }) !== sc.tgArn) throw tgNotFound();
}

function loadBalancer(sc: Scenario, state: GrayState) {
  return {
    LoadBalancerArn: sc.lbArn,
    DNSName: sc.dnsName,
    CanonicalHostedZoneId: ALB_HOSTED_ZONE,
    CreatedTime: new Date(state.createdAt - 90 * 86_400_000),
    LoadBalancerName: LOAD_BALANCER_NAME,
    Scheme: 'internet-facing',
    VpcId: sc.vpcId,
    State: { Code: 'active' },
    Type: 'application',
    AvailabilityZones: sc.zones.map((z, i) => ({ ZoneName: z.name, SubnetId: sc.subnets[i] })),
    SecurityGroups: [`sg-${sc.vpcId.slice(4, 21)}`],
    IpAddressType: 'ipv4',
  };
}

function targetGroup(sc: Scenario) {
  return {
    TargetGroupArn: sc.tgArn,
    TargetGroupName: TARGET_GROUP_NAME,
    Protocol: 'HTTP',
    Port: 8080,
    VpcId: sc.vpcId,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: '/healthz',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: [sc.lbArn],
    TargetType: 'ip',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}

function attributes(defaults: Readonly<Record<string, string>>, read: (key: string) => string | undefined) {
  return Object.keys(defaults).map((Key) => ({ Key, Value: read(Key) ?? '' }));
}

function readAttributes(input: Record<string, unknown>): { key: string; value: string }[] {
  return requiredList(input, 'Attributes', { min: 1, max: 20 }).map((a) => ({
    key: requiredString(a, 'Key', { max: 256, pattern: KEY_PATTERN }),
    value: requiredString(a, 'Value', { max: 1024 }),
  }));
}

const BOOLEAN = /^(true|false)$/;

function checkLbAttribute(key: string, value: string): void {
  if (!(key in LB_ATTRIBUTE_DEFAULTS)) throw new AwsError('ValidationException', `Load balancer attribute key '${key}' is not recognized`);
  if (key === 'idle_timeout.timeout_seconds') {
    if (!/^\d{1,4}$/.test(value) || Number(value) < 1 || Number(value) > 4000)
      throw invalidConfig(`Load balancer attribute value '${value}' is not valid for key '${key}'`);
    return;
  }
  if (!BOOLEAN.test(value)) throw invalidConfig(`Load balancer attribute value '${value}' is not valid for key '${key}'`);
  if (key === 'load_balancing.cross_zone.enabled' && value === 'false') {
    throw invalidConfig('Cross-zone load balancing cannot be turned off at the load balancer level for load balancers of type application');
  }
  if (key === 'access_logs.s3.enabled' && value === 'true') throw invalidConfig('The lab has no S3 bucket for access logs: access_logs.s3.bucket is missing');
}

function checkTgAttribute(state: GrayState, key: string, value: string, pending: Record<string, string>): void {
  if (!(key in TG_ATTRIBUTE_DEFAULTS)) throw new AwsError('ValidationException', `Target group attribute key '${key}' is not recognized`);
  const bad = () => invalidConfig(`Target group attribute value '${value}' is not valid for key '${key}'`);
  switch (key) {
    case 'load_balancing.cross_zone.enabled':
      if (!/^(true|false|use_load_balancer_configuration)$/.test(value)) throw bad();
      break;
    case 'load_balancing.algorithm.type':
      if (!/^(round_robin|least_outstanding_requests|weighted_random)$/.test(value)) throw bad();
      break;
    case 'stickiness.type':
      if (!/^(lb_cookie|app_cookie)$/.test(value)) throw bad();
      break;
    case 'stickiness.enabled':
      if (!BOOLEAN.test(value)) throw bad();
      break;
    default:
      if (!/^\d{1,4}$/.test(value) || Number(value) > 3600) throw bad();
  }
  const crossZone = pending['load_balancing.cross_zone.enabled'] ?? tgAttribute(state, 'load_balancing.cross_zone.enabled');
  const sticky = pending['stickiness.enabled'] ?? tgAttribute(state, 'stickiness.enabled');
  if (crossZone === 'false' && sticky === 'true') throw invalidConfig('Target group stickiness is not supported when cross-zone load balancing is off');
}

/** Targets: four per AZ, all passing their health checks (that is what makes the failure gray). */
function targets(sc: Scenario) {
  return sc.zones.flatMap((z, zi) =>
    Array.from({ length: HOSTS_PER_AZ }, (_, i) => {
      const octet =
        createHash('sha256')
          .update(sc.subnets[zi] ?? '')
          .digest()[i] ?? 10;
      return { Id: `10.0.${zi * 16 + 1}.${(octet % 200) + 10 + i}`, Port: 8080, AvailabilityZone: z.name };
    }),
  );
}

export const elbOperations: Record<string, AwsOperation<GrayState>> = {
  DescribeLoadBalancers: {
    readOnly: true,
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      const arns = optionalStringList(input, 'LoadBalancerArns', { max: 20 });
      const names = optionalStringList(input, 'Names', { max: 20 });
      optionalInteger(input, 'PageSize', { min: 1, max: 400 });
      optionalString(input, 'Marker', { max: 1024 });
      if (arns?.length && names?.length)
        throw new AwsError('ValidationException', 'Load balancer names and load balancer ARNs cannot be specified at the same time');
      if (arns?.some((a) => a !== sc.lbArn) || names?.some((n) => n !== LOAD_BALANCER_NAME)) throw lbNotFound();
      return { output: { LoadBalancers: [loadBalancer(sc, state)] } };
    },
  },
  DescribeTargetGroups: {
    readOnly: true,
    handle(_state, input, ctx) {
      const sc = scenarioOf(ctx);
      const lb = optionalString(input, 'LoadBalancerArn', { max: 1024 });
      const arns = optionalStringList(input, 'TargetGroupArns', { max: 20 });
      const names = optionalStringList(input, 'Names', { max: 20 });
      if (lb !== undefined && lb !== sc.lbArn) throw lbNotFound();
      if (arns?.some((a) => a !== sc.tgArn) || names?.some((n) => n !== TARGET_GROUP_NAME)) throw tgNotFound();
      return { output: { TargetGroups: [targetGroup(sc)] } };
    },
  },
  DescribeTargetHealth: {
    readOnly: true,
    handle(_state, input, ctx) {
      const sc = scenarioOf(ctx);
      requireTargetGroup(input, sc);
      return {
        output: {
          TargetHealthDescriptions: targets(sc).map((t) => ({ Target: t, HealthCheckPort: '8080', TargetHealth: { State: 'healthy' } })),
        },
      };
    },
  },
  DescribeLoadBalancerAttributes: {
    readOnly: true,
    handle(state, input, ctx) {
      requireLoadBalancer(input, scenarioOf(ctx));
      return { output: { Attributes: attributes(LB_ATTRIBUTE_DEFAULTS, (k) => lbAttribute(state, k)) } };
    },
  },
  ModifyLoadBalancerAttributes: {
    handle(state, input, ctx) {
      requireLoadBalancer(input, scenarioOf(ctx));
      const changes = readAttributes(input);
      for (const { key, value } of changes) checkLbAttribute(key, value);
      const next = { ...state, lbAttributes: { ...state.lbAttributes, ...Object.fromEntries(changes.map((c) => [c.key, c.value])) } };
      return { output: { Attributes: attributes(LB_ATTRIBUTE_DEFAULTS, (k) => lbAttribute(next, k)) }, state: next };
    },
  },
  DescribeTargetGroupAttributes: {
    readOnly: true,
    handle(state, input, ctx) {
      requireTargetGroup(input, scenarioOf(ctx));
      return { output: { Attributes: attributes(TG_ATTRIBUTE_DEFAULTS, (k) => tgAttribute(state, k)) } };
    },
  },
  ModifyTargetGroupAttributes: {
    handle(state, input, ctx) {
      requireTargetGroup(input, scenarioOf(ctx));
      const changes = readAttributes(input);
      const pending = Object.fromEntries(changes.map((c) => [c.key, c.value]));
      for (const { key, value } of changes) checkTgAttribute(state, key, value, pending);
      const next = { ...state, tgAttributes: { ...state.tgAttributes, ...pending } };
      return { output: { Attributes: attributes(TG_ATTRIBUTE_DEFAULTS, (k) => tgAttribute(next, k)) }, state: next };
    },
  },
};

export const elbService: AwsServiceDefinition<GrayState> = {
  signingName: 'elasticloadbalancing',
  protocols: ['query'],
  query: { version: '2015-12-01', xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/' },
  errors: {
    LoadBalancerNotFoundException: { query: 'LoadBalancerNotFound' },
    TargetGroupNotFoundException: { query: 'TargetGroupNotFound' },
    InvalidConfigurationRequestException: { query: 'InvalidConfigurationRequest' },
    ThrottlingException: { query: 'Throttling' },
  },
  throttling: { code: 'ThrottlingException', message: () => 'Rate exceeded' },
  operations: elbOperations,
};
