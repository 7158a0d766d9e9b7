/**
 * The admin console's calls for running the room: staff accounts, the signed-in person,
 * support assignment, needs attention, team formation and the rehearsal reset. Types come
 * from the server with `import type`, so its DTOs stay the one source of truth.
 */
import type { AuditEntryDto } from '../../server/features/admin/admin.schema.ts';
import type { AttentionDto } from '../../server/features/admin/attention.service.ts';
import type { ChatPage } from '../../server/features/chat/chat.service.ts';
import type { SupportThreadStateDto } from '../../server/features/chat/support.service.ts';
import type { ArchiveDto } from '../../server/features/event/reset.service.ts';
import type { StaffDto, StaffSessionDto } from '../../server/features/staff/staff.schema.ts';
import type { AssignmentPreviewDto, TeamDto } from '../../server/features/teams/teams.schema.ts';
import { request, type RequestOptions } from '../api.ts';

export type StaffRole = StaffDto['role'];
export type StaffMember = StaffDto;
export type SignedInStaff = StaffSessionDto;
export type Attention = AttentionDto;
export type AttentionTeam = AttentionDto['teams'][number];
export type AttentionChallenge = AttentionDto['challenges'][number];
export type Assignment = AssignmentPreviewDto;
export type Archive = ArchiveDto;
export type ThreadState = SupportThreadStateDto;
export type AuditEntry = AuditEntryDto;

/** owner ⊃ facilitator ⊃ support, as the server checks it. */
const RANK: Record<StaffRole, number> = { support: 0, facilitator: 1, owner: 2 };
export const atLeast = (role: StaffRole | null | undefined, needed: StaffRole): boolean => role != null && RANK[role] >= RANK[needed];

const get = <T>(path: string, o?: RequestOptions) => request<T>('GET', path, undefined, o);
const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);

// ---- Who is signed in ----
export const getSession = (o?: RequestOptions) => get<{ admin: boolean; staff: SignedInStaff | null }>('/api/admin/session', o);

// ---- Staff accounts (the owner) ----
export const getStaff = (o?: RequestOptions) => get<{ staff: StaffMember[] }>('/api/admin/staff', o);
export const createStaff = (name: string, role: StaffRole) => post<{ staff: StaffMember; token: string }>('/api/admin/staff', { name, role });
export const revokeStaff = (id: number) => request<{ staff: StaffMember }>('DELETE', `/api/admin/staff/${id}`);
/** The audit log, newest first; `before` pages back from an entry id. */
export const getAudit = (limit: number, before?: number) =>
  get<{ entries: AuditEntry[]; nextBefore: number | null }>(`/api/admin/audit?limit=${limit}${before ? `&before=${before}` : ''}`);

// ---- Support assignment ----
export const claimThread = (teamId: number) => post<{ thread: ThreadState }>(`/api/admin/support/${teamId}/claim`);
export const releaseThread = (teamId: number) => post<{ thread: ThreadState }>(`/api/admin/support/${teamId}/release`);
export const handOverThread = (teamId: number, staffId: number, note: string) =>
  post<{ thread: ThreadState }>(`/api/admin/support/${teamId}/handover`, note ? { staffId, note } : { staffId });
/** A team's own chat, while it asks for help (the read is audited). */
export const readTeamChat = (teamId: number, o?: RequestOptions) =>
  get<ChatPage & { team: { id: number; name: string } }>(`/api/admin/teams/${teamId}/chat`, o);

// ---- Needs attention ----
export const getAttention = (o?: RequestOptions) => get<Attention>('/api/admin/attention', o);

// ---- Team formation ----
export const previewAssignment = (mode: Assignment['mode']) =>
  post<{ preview: true; assignment: Assignment }>('/api/admin/teams/assign', { mode, preview: true });
export const assignPlayers = (mode: Assignment['mode']) => post<{ preview: false; assignment: Assignment }>('/api/admin/teams/assign', { mode });
export const movePlayer = (playerId: number, teamId: number) => post<{ team: TeamDto }>(`/api/admin/players/${playerId}/move`, { teamId });
export const lockTeamName = (teamId: number, locked: boolean) => post<{ team: TeamDto }>(`/api/admin/teams/${teamId}/name-lock`, { locked });

// ---- Rehearsal reset and archives (the owner) ----
export const resetEvent = (confirm: string, newEventCode: boolean) =>
  post<{ archive: Archive; eventCode: string | null }>('/api/admin/event/reset', { confirm, newEventCode });
export const getArchives = (o?: RequestOptions) => get<{ archives: Archive[] }>('/api/admin/archives', o);
