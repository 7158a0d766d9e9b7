import { describe, expect, it } from 'vitest';
import { queryError } from '../../../../server/features/labs/aws/error-codes.ts';
import { optionalBoolean, optionalInteger, optionalStringList, requiredList } from '../../../../server/features/labs/aws/input.ts';
import { detectProtocol } from '../../../../server/features/labs/aws/protocols.ts';
import { toXml, unflatten } from '../../../../server/features/labs/aws/query-protocol.ts';
import { restPathOf } from '../../../../server/features/labs/aws/rest-json-protocol.ts';
import { AwsError, type AwsServiceDefinition } from '../../../../server/features/labs/lab.ts';

const request = (headers: Record<string, string>, query: [string, string][] = []) => ({
  method: 'POST',
  path: '/labs/aws',
  query,
  headers,
  body: new Uint8Array(),
});

describe('the query protocols', () => {
  it('rebuild lists from member.N (query) and Name.N (EC2), in index order, with holes dropped', () => {
    const input = unflatten(
      [
        ['Action', 'ModifyTargetGroupAttributes'],
        ['Attributes.member.2.Key', 'stickiness.enabled'],
        ['Attributes.member.2.Value', 'false'],
        ['Attributes.member.1.Key', 'load_balancing.cross_zone.enabled'],
        ['Attributes.member.1.Value', 'false'],
        ['PageSize', '20'],
      ],
      'member',
    );
    expect(input).toEqual({
      Attributes: [
        { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
        { Key: 'stickiness.enabled', Value: 'false' },
      ],
      PageSize: '20',
    });
    expect(optionalInteger(input, 'PageSize')).toBe(20);
    const attribute = requiredList(input, 'Attributes', { min: 1, max: 20 })[0] ?? {};
    expect(optionalBoolean(attribute, 'Value')).toBe(false);
    const ec2 = unflatten(
      [
        ['ZoneName.1', 'ap-northeast-1a'],
        ['ZoneName.3', 'ap-northeast-1d'],
        ['Filter.1.Name', 'state'],
        ['Filter.1.Value.1', 'available'],
      ],
      null,
    );
    expect(optionalStringList(ec2, 'ZoneName', { max: 10 })).toEqual(['ap-northeast-1a', 'ap-northeast-1d']);
    expect(ec2.Filter).toEqual([{ Name: 'state', Value: ['available'] }]);
  });

  it('read an empty value as an empty list, and refuse text numbers in a JSON body', () => {
    expect(optionalStringList(unflatten([['Names', '']], 'member'), 'Names', { max: 5 })).toEqual([]);
    expect(() => optionalInteger({ Period: '60' }, 'Period')).toThrow(AwsError);
    expect(() =>
      unflatten(
        [
          ['Attributes.member.1', 'x'],
          ['Attributes.Key', 'y'],
        ],
        'member',
      ),
    ).toThrow(/does not fit the shape/);
  });

  it('write XML with lists as the given element, timestamps in ISO 8601 and text escaped', () => {
    expect(toXml('Result', { Names: ['a<b', 'c&d'], At: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), N: 1.5, Ok: true }, 'member')).toBe(
      '<Result><Names><member>a&lt;b</member><member>c&amp;d</member></Names><At>2026-01-02T03:04:05.000Z</At><N>1.5</N><Ok>true</Ok></Result>',
    );
  });

  it('use the list item names a model gives (RDS), in requests and answers', () => {
    const input = unflatten(
      [
        ['Filters.Filter.1.Name', 'db-cluster-id'],
        ['Filters.Filter.1.Values.Value.2', 'jam-orders-osaka'],
        ['Filters.Filter.1.Values.Value.1', 'jam-orders-tokyo'],
        ['Tags.Tag.1.Key', 'team'],
        ['Tags.Tag.1.Value', 'orders'],
      ],
      'member',
      ['Filter', 'Value', 'Tag'],
    );
    expect(input).toEqual({
      Filters: [{ Name: 'db-cluster-id', Values: ['jam-orders-tokyo', 'jam-orders-osaka'] }],
      Tags: [{ Key: 'team', Value: 'orders' }],
    });
    const items = { DBClusters: 'DBCluster', DBClusterMembers: 'DBClusterMember' };
    expect(toXml('R', { DBClusters: [{ DBClusterMembers: [{ IsClusterWriter: true }], AvailabilityZones: ['a'] }] }, 'member', items)).toBe(
      '<R><DBClusters><DBCluster><DBClusterMembers><DBClusterMember><IsClusterWriter>true</IsClusterWriter></DBClusterMember></DBClusterMembers><AvailabilityZones><member>a</member></AvailabilityZones></DBCluster></DBClusters></R>',
    );
  });
});

describe('error codes per protocol', () => {
  const service = { errors: { LoadBalancerNotFoundException: { query: 'LoadBalancerNotFound' } } } as unknown as AwsServiceDefinition<unknown>;

  it('name the platform’s errors as query and EC2 services do, and a service’s by its awsQueryError code', () => {
    const bad = new AwsError('InvalidSignatureException', 'x');
    expect(queryError(bad, undefined, 'query')).toEqual({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(queryError(bad, undefined, 'ec2')).toEqual({ code: 'AuthFailure', status: 401 });
    expect(queryError(new AwsError('UnrecognizedClientException', 'x'), undefined, 'query')).toEqual({ code: 'InvalidClientTokenId', status: 403 });
    expect(queryError(new AwsError('LoadBalancerNotFoundException', 'x'), service, 'query')).toEqual({ code: 'LoadBalancerNotFound', status: 400 });
  });
});

describe('protocol detection', () => {
  it('tells REST paths, JSON and query apart before the service is known', () => {
    expect(detectProtocol(request({ 'content-type': 'application/x-amz-json-1.0' }), '')).toBe('json-1.0');
    expect(detectProtocol(request({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }), '')).toBe('query');
    expect(detectProtocol(request({}, [['Action', 'ListMetrics']]), '')).toBe('query');
    expect(detectProtocol(request({ 'content-type': 'application/json' }), '/zonalshifts')).toBe('rest-json');
    expect(restPathOf('/labs/aws/zonalshifts/abc')).toBe('/zonalshifts/abc');
    expect(restPathOf('/labs/aws/')).toBe('/');
    expect(restPathOf('/labs/aws')).toBe('');
  });
});
