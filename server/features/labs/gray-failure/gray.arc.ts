/**
 * Amazon Application Recovery Controller zonal shift (REST-JSON) and EC2's
 * DescribeAvailabilityZones (EC2 query) for the gray-failure lab. A zonal shift names the AZ
 * by its **ID** (`apne1-az2`), which is the same in every account, while AZ names
 * (`ap-northeast-1c`) map to IDs differently per account: EC2 tells the team its own map.
 */
import { createHash } from 'node:crypto';
import { AwsError, LAB_REGION, type AwsOperation, type AwsServiceDefinition, type LabCallContext } from '../lab.ts';
import { optionalBoolean, optionalInteger, optionalList, optionalString, optionalStringList, requiredString } from '../aws/input.ts';
import {
  type GrayState,
  LOAD_BALANCER_NAME,
  MAX_SHIFT_MS,
  MAX_SHIFTS,
  type Scenario,
  scenario,
  shiftStatus,
  type ZonalShiftState,
  zonalShiftEnabled,
} from './gray.model.ts';

const scenarioOf = (ctx: LabCallContext): Scenario => scenario(ctx.team.seed, ctx.team.accountId, LAB_REGION);

function validation(message: string, reason: string): AwsError {
  return new AwsError('ValidationException', message, 400, { reason });
}

function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 404);
}

function readExpiresIn(input: Record<string, unknown>): number {
  const text = requiredString(input, 'expiresIn', { min: 2, max: 5 });
  const m = /^([1-9][0-9]*)(m|h)$/.exec(text);
  const ms = m ? Number(m[1]) * (m[2] === 'h' ? 3_600_000 : 60_000) : Number.NaN;
  if (!(ms <= MAX_SHIFT_MS)) throw validation(`expiresIn ${text} is not valid: give minutes or hours, such as 30m or 2h, up to 72h.`, 'InvalidExpiresIn');
  return ms;
}

/** The managed resource a request names: the team's load balancer, once zonal shift is enabled on it. */
function requireResource(state: GrayState, sc: Scenario, identifier: string): void {
  if (identifier !== sc.lbArn || !zonalShiftEnabled(state)) throw notFound(`Resource ${identifier} was not found.`);
}

function shiftId(ctx: LabCallContext, n: number): string {
  const h = createHash('sha256').update(ctx.team.seed).update(`shift-${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function view(shift: ZonalShiftState, sc: Scenario, now: number) {
  return {
    zonalShiftId: shift.id,
    resourceIdentifier: sc.lbArn,
    awayFrom: shift.awayFrom,
    comment: shift.comment,
    startTime: new Date(shift.startedAt),
    expiryTime: new Date(shift.canceledAt ?? shift.expiresAt),
    status: shiftStatus(shift, now),
  };
}

function findShift(state: GrayState, id: string): ZonalShiftState {
  const shift = state.shifts.find((s) => s.id === id);
  if (!shift) throw notFound(`Zonal shift ${id} was not found.`);
  return shift;
}

function requireActive(shift: ZonalShiftState, now: number): void {
  if (shiftStatus(shift, now) !== 'ACTIVE') {
    throw new AwsError('ConflictException', `Zonal shift ${shift.id} is not active.`, 409, { reason: 'ZonalShiftStatusNotActive', zonalShiftId: shift.id });
  }
}

function managedResource(state: GrayState, sc: Scenario, now: number) {
  const active = state.shifts.filter((s) => shiftStatus(s, now) === 'ACTIVE');
  return {
    arn: sc.lbArn,
    name: LOAD_BALANCER_NAME,
    availabilityZones: sc.zones.map((z) => z.id),
    appliedWeights: Object.fromEntries(sc.zones.map((z) => [z.id, active.some((s) => s.awayFrom === z.id) ? 0 : 1])),
    zonalShifts: active.map((s) => {
      const { status, ...shift } = view(s, sc, now);
      return { ...shift, appliedStatus: status === 'ACTIVE' ? 'APPLIED' : 'NOT_APPLIED' };
    }),
  };
}

export const arcOperations: Record<string, AwsOperation<GrayState>> = {
  StartZonalShift: {
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      const now = ctx.now.getTime();
      const resource = requiredString(input, 'resourceIdentifier', { min: 8, max: 1024 });
      const awayFrom = requiredString(input, 'awayFrom', { max: 20 });
      const comment = requiredString(input, 'comment', { max: 128 });
      const ms = readExpiresIn(input);
      requireResource(state, sc, resource);
      if (!sc.zones.some((z) => z.id === awayFrom)) {
        const byName = sc.zones.some((z) => z.name === awayFrom);
        throw validation(
          byName
            ? `${awayFrom} is not a valid Availability Zone ID. Specify the AZ ID, not the AZ name.`
            : `${awayFrom} is not an Availability Zone ID where the resource is deployed.`,
          byName ? 'InvalidAz' : 'UnsupportedAz',
        );
      }
      const active = state.shifts.find((s) => shiftStatus(s, now) === 'ACTIVE');
      if (active) {
        throw new AwsError('ConflictException', `A zonal shift (${active.id}) is already active for resource ${resource}.`, 409, {
          reason: 'ZonalShiftAlreadyExists',
          zonalShiftId: active.id,
        });
      }
      const shift: ZonalShiftState = { id: shiftId(ctx, state.nextShift), awayFrom, comment, startedAt: now, expiresAt: now + ms, canceledAt: null };
      const shifts = [...state.shifts, shift].slice(-MAX_SHIFTS);
      return { output: view(shift, sc, now), state: { ...state, shifts, nextShift: state.nextShift + 1 } };
    },
  },
  ListZonalShifts: {
    readOnly: true,
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      const now = ctx.now.getTime();
      const status = optionalString(input, 'status', { oneOf: ['ACTIVE', 'EXPIRED', 'CANCELED'] });
      optionalInteger(input, 'maxResults', { min: 1, max: 100 });
      optionalString(input, 'nextToken', { max: 1024 });
      const resource = optionalString(input, 'resourceIdentifier', { min: 8, max: 1024 });
      const items = state.shifts
        .map((s) => ({ ...view(s, sc, now), shiftType: 'ZONAL_SHIFT' }))
        .filter((s) => (status === undefined || s.status === status) && (resource === undefined || resource === sc.lbArn));
      return { output: { items } };
    },
  },
  UpdateZonalShift: {
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      const now = ctx.now.getTime();
      const shift = findShift(state, requiredString(input, 'zonalShiftId', { min: 6, max: 36 }));
      const comment = optionalString(input, 'comment', { max: 128 });
      const ms = input.expiresIn === undefined ? undefined : readExpiresIn(input);
      requireActive(shift, now);
      const updated = { ...shift, ...(comment !== undefined ? { comment } : {}), ...(ms !== undefined ? { expiresAt: now + ms } : {}) };
      return { output: view(updated, sc, now), state: { ...state, shifts: state.shifts.map((s) => (s.id === shift.id ? updated : s)) } };
    },
  },
  CancelZonalShift: {
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      const now = ctx.now.getTime();
      const shift = findShift(state, requiredString(input, 'zonalShiftId', { min: 6, max: 36 }));
      requireActive(shift, now);
      const canceled = { ...shift, canceledAt: now };
      return { output: view(canceled, sc, now), state: { ...state, shifts: state.shifts.map((s) => (s.id === shift.id ? canceled : s)) } };
    },
  },
  GetManagedResource: {
    readOnly: true,
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      requireResource(state, sc, requiredString(input, 'resourceIdentifier', { min: 8, max: 1024 }));
      return { output: managedResource(state, sc, ctx.now.getTime()) };
    },
  },
  ListManagedResources: {
    readOnly: true,
    handle(state, input, ctx) {
      const sc = scenarioOf(ctx);
      optionalInteger(input, 'maxResults', { min: 1, max: 100 });
      const items = zonalShiftEnabled(state) ? [managedResource(state, sc, ctx.now.getTime())] : [];
      return { output: { items } };
    },
  },
};

export const arcService: AwsServiceDefinition<GrayState> = {
  signingName: 'arc-zonal-shift',
  protocols: ['rest-json'],
  routes: [
    { method: 'POST', path: '/zonalshifts', operation: 'StartZonalShift', status: 201 },
    { method: 'GET', path: '/zonalshifts', operation: 'ListZonalShifts' },
    { method: 'PATCH', path: '/zonalshifts/{zonalShiftId}', operation: 'UpdateZonalShift' },
    { method: 'DELETE', path: '/zonalshifts/{zonalShiftId}', operation: 'CancelZonalShift' },
    { method: 'GET', path: '/managedresources', operation: 'ListManagedResources' },
    { method: 'GET', path: '/managedresources/{resourceIdentifier}', operation: 'GetManagedResource' },
  ],
  throttling: { code: 'ThrottlingException', message: () => 'Rate exceeded', status: 429 },
  operations: arcOperations,
};

/** `DescribeAvailabilityZones`: the team's own map of AZ names to AZ IDs. */
export const ec2Service: AwsServiceDefinition<GrayState> = {
  signingName: 'ec2',
  protocols: ['ec2'],
  query: { version: '2016-11-15', xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  errors: { ThrottlingException: { query: 'RequestLimitExceeded', status: 503 } },
  throttling: { code: 'ThrottlingException', message: () => 'Request limit exceeded.' },
  operations: {
    DescribeAvailabilityZones: {
      readOnly: true,
      handle(_state, input, ctx) {
        const sc = scenarioOf(ctx);
        const names = optionalStringList(input, 'ZoneName', { max: 100 });
        const ids = optionalStringList(input, 'ZoneId', { max: 100 });
        optionalBoolean(input, 'AllAvailabilityZones');
        optionalBoolean(input, 'DryRun');
        const filters = (optionalList(input, 'Filter', { min: 0, max: 50 }) ?? []).map((f) => ({
          name: requiredString(f, 'Name', { max: 255 }),
          values: optionalStringList(f, 'Value', { max: 200 }) ?? [],
        }));
        const fields = (z: { name: string; id: string }): Record<string, string> => ({
          'zone-name': z.name,
          'zone-id': z.id,
          'region-name': ctx.region,
          state: 'available',
          'zone-type': 'availability-zone',
          'group-name': ctx.region,
        });
        for (const f of filters) {
          if (!(f.name in fields({ name: '', id: '' }))) throw new AwsError('InvalidParameterValue', `The filter '${f.name.slice(0, 60)}' is invalid`);
        }
        const zones = sc.zones
          .filter((z) => (!names?.length || names.includes(z.name)) && (!ids?.length || ids.includes(z.id)))
          .filter((z) => filters.every((f) => f.values.includes(fields(z)[f.name] ?? '')));
        if (names?.some((n) => !sc.zones.some((z) => z.name === n)))
          throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${names.join(', ')}]`);
        return {
          output: {
            availabilityZoneInfo: zones.map((z) => ({
              zoneState: 'available',
              optInStatus: 'opt-in-not-required',
              regionName: ctx.region,
              zoneName: z.name,
              zoneId: z.id,
              groupName: ctx.region,
              networkBorderGroup: ctx.region,
              zoneType: 'availability-zone',
            })),
          },
        };
      },
    },
  },
};
