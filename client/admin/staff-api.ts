/**
 * The admin console's calls for running the room: staff accounts, the signed-in person,
 * support assignment, needs attention, team formation and the rehearsal reset. Types come
 * from the server with `import type`, so its DTOs stay the one source of truth.
 */
import { api, call, type RequestOptions } from '../api.ts';
import type { Ok } from '../api-types.ts';
import { toQuery } from './admin-api.ts';

const admin = api.admin;

export type StaffMember = Ok<(typeof admin.staff)['$get']>['staff'][number];
export type StaffRole = StaffMember['role'];
export type SignedInStaff = NonNullable<Ok<(typeof admin.session)['$get']>['staff']>;
export type Attention = Ok<(typeof admin.attention)['$get']>;
export type AttentionTeam = Attention['teams'][number];
export type AttentionChallenge = Attention['challenges'][number];
export type Assignment = Ok<(typeof admin.teams.assign)['$post']>['assignment'];
export type Archive = Ok<(typeof admin.archives)['$get']>['archives'][number];
export type ThreadState = Ok<(typeof admin.support)[':teamId']['claim']['$post']>['thread'];
export type AuditEntry = Ok<(typeof admin.audit)['$get']>['entries'][number];

/** owner ⊃ facilitator ⊃ support, as the server checks it. */
const RANK: Record<StaffRole, number> = { support: 0, facilitator: 1, owner: 2 };
export const atLeast = (role: StaffRole | null | undefined, needed: StaffRole): boolean => role != null && RANK[role] >= RANK[needed];

// ---- Who is signed in ----
export const getSession = (o?: RequestOptions) => call((init) => admin.session.$get({}, init), o);

// ---- Staff accounts (the owner) ----
export const getStaff = (o?: RequestOptions) => call((init) => admin.staff.$get({}, init), o);
export const createStaff = (name: string, role: StaffRole) => call((init) => admin.staff.$post({ json: { name, role } }, init));
export const revokeStaff = (id: number) => call((init) => admin.staff[':id'].$delete({ param: { id: String(id) } }, init));
/** The audit log, newest first; `before` pages back from an entry id. */
export const getAudit = (limit: number, before?: number) => call((init) => admin.audit.$get({ query: toQuery({ limit, before: before || undefined }) }, init));

// ---- Support assignment ----
const thread = admin.support[':teamId'];
export const claimThread = (teamId: number) => call((init) => thread.claim.$post({ param: { teamId: String(teamId) } }, init));
export const releaseThread = (teamId: number) => call((init) => thread.release.$post({ param: { teamId: String(teamId) } }, init));
export const handOverThread = (teamId: number, staffId: number, note: string) =>
  call((init) => thread.handover.$post({ param: { teamId: String(teamId) }, json: note ? { staffId, note } : { staffId } }, init));
/** A team's own chat, while it asks for help (the read is audited). */
export const readTeamChat = (teamId: number, o?: RequestOptions) =>
  call((init) => admin.teams[':id'].chat.$get({ param: { id: String(teamId) }, query: {} }, init), o);

// ---- Needs attention ----
export const getAttention = (o?: RequestOptions) => call((init) => admin.attention.$get({}, init), o);

// ---- Team formation ----
export const previewAssignment = (mode: Assignment['mode']) => call((init) => admin.teams.assign.$post({ json: { mode, preview: true } }, init));
export const assignPlayers = (mode: Assignment['mode']) => call((init) => admin.teams.assign.$post({ json: { mode } }, init));
export const movePlayer = (playerId: number, teamId: number) =>
  call((init) => admin.players[':id'].move.$post({ param: { id: String(playerId) }, json: { teamId } }, init));
export const lockTeamName = (teamId: number, locked: boolean) =>
  call((init) => admin.teams[':id']['name-lock'].$post({ param: { id: String(teamId) }, json: { locked } }, init));

// ---- Rehearsal reset and archives (the owner) ----
export const resetEvent = (confirm: string, newEventCode: boolean) => call((init) => admin.event.reset.$post({ json: { confirm, newEventCode } }, init));
export const getArchives = (o?: RequestOptions) => call((init) => admin.archives.$get({}, init), o);
