import type { AppContext } from '../../context.ts';
import { DomainError } from '../../domain/errors.ts';
import { publish } from '../../realtime/outbox.ts';
import * as authRepository from '../auth/auth.repository.ts';
import { hashToken, newSessionToken, secretEquals } from '../auth/tokens.ts';
import { insertAudit } from '../audit/audit.repository.ts';
import { hashStaffToken, newStaffToken, staffTokenId, staffTokenMatches, type StaffActor } from './staff.ts';
import * as staffRepository from './staff.repository.ts';
import type { StaffCreate, StaffDto, StaffSessionDto } from './staff.schema.ts';

const SESSION_MS = 24 * 3600 * 1000;

type StaffRow = Awaited<ReturnType<typeof staffRepository.listStaff>>[number];

function staffRowToDto(row: StaffRow): StaffDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    builtin: row.builtin,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastSeenAt: row.last_seen_at?.toISOString() ?? null,
    sessions: Number(row.sessions ?? 0),
  };
}

/**
 * Staff accounts: personal tokens shown once, sign-in, and revocation. Admin sessions are
 * read from the database on every request (never cached), so deleting a person's sessions
 * ends them on every instance at once; their open streams close on the `staff` event.
 */
export class StaffService {
  constructor(private readonly ctx: AppContext) {}

  async list(): Promise<StaffDto[]> {
    return (await staffRepository.listStaff(this.ctx.db, this.ctx.now())).map(staffRowToDto);
  }

  async create(actor: StaffActor, input: StaffCreate): Promise<{ staff: StaffDto; token: string }> {
    const at = this.ctx.now();
    const taken = () => new DomainError('name_taken', `name: a staff member named "${input.name}" already exists`, { field: 'name' });
    const { id, token } = await this.ctx.database
      .transaction(async (trx) => {
        if (await staffRepository.isActiveNameTaken(trx, input.name)) throw taken();
        const id = await staffRepository.nextStaffId(trx);
        const token = newStaffToken(id);
        await staffRepository.insertStaff(trx, { id, name: input.name, role: input.role, tokenHash: hashStaffToken(token), createdBy: actor.id, at });
        await insertAudit(trx, actor, { action: 'staff.create', target: `staff:${id}`, details: { name: input.name, role: input.role }, at });
        await publish(trx, { type: 'staff', scope: 'admin', payload: { staffId: id, reason: 'created' } });
        return { id, token };
      })
      .catch((error: { code?: unknown; constraint?: unknown; message?: unknown }) => {
        // Two owners adding the same name at once: the partial unique index decides.
        if (error?.code === '23505' && String(error.constraint ?? error.message).includes('staff_active_name_unique')) throw taken();
        throw error;
      });
    const staff = (await this.list()).find((s) => s.id === id);
    if (!staff) throw new Error(`staff ${id} vanished after its insert`);
    return { staff, token };
  }

  /** Revokes the token and ends every session of that person; their threads go back to the queue. */
  async revoke(actor: StaffActor, id: number): Promise<StaffDto> {
    const at = this.ctx.now();
    await this.ctx.database.transaction(async (trx) => {
      const existing = await staffRepository.findStaff(trx, id);
      if (!existing) throw new DomainError('not_found', `no staff member ${id}`);
      if (existing.builtin) throw new DomainError('conflict', 'the owner account of ADMIN_TOKEN cannot be revoked; change ADMIN_TOKEN instead');
      const revoked = await staffRepository.revoke(trx, id, at);
      if (!revoked) throw new DomainError('conflict', `${existing.name} was already revoked`);
      const sessions = await staffRepository.deleteSessions(trx, id);
      const released = await staffRepository.releaseThreads(trx, id);
      for (const thread of released) {
        await publish(trx, {
          type: 'support',
          scope: 'admin',
          teamId: thread.team_id,
          payload: { teamId: thread.team_id, unread: thread.unread_admin, handled: thread.handled },
        });
      }
      await insertAudit(trx, actor, { action: 'staff.revoke', target: `staff:${id}`, details: { name: existing.name, role: existing.role, sessions }, at });
      await publish(trx, { type: 'staff', scope: 'admin', payload: { staffId: id, reason: 'revoked' } });
    });
    const staff = (await this.list()).find((s) => s.id === id);
    if (!staff) throw new Error(`staff ${id} vanished after revoking`);
    return staff;
  }

  /**
   * Checks a token: a personal one against its holder's stored hash, otherwise ADMIN_TOKEN
   * (the built-in owner). Undefined when neither matches or the holder was revoked.
   */
  async verify(token: string): Promise<StaffActor | undefined> {
    const id = staffTokenId(token);
    if (id !== undefined) {
      const row = await staffRepository.findStaff(this.ctx.db, id);
      const matches = staffTokenMatches(token, row?.token_hash ?? null);
      if (!row || !matches || row.revoked_at !== null) return undefined;
      return { id: row.id, name: row.name, role: row.role, builtin: row.builtin };
    }
    if (!secretEquals(token, this.ctx.secrets.adminToken)) return undefined;
    const owner = await staffRepository.findBuiltinOwner(this.ctx.db);
    return { id: owner.id, name: owner.name, role: owner.role, builtin: true };
  }

  /** Opens an admin session for a verified staff member; returns the cookie's token. */
  async openSession(staff: StaffActor): Promise<string> {
    const token = newSessionToken();
    const at = this.ctx.now();
    await this.ctx.database.transaction(async (trx) => {
      await authRepository.insertSession(trx, { idHash: hashToken(token), playerId: null, staffId: staff.id, expiresAt: new Date(at.getTime() + SESSION_MS) });
      await staffRepository.touch(trx, staff.id, at);
      await insertAudit(trx, staff, { action: 'admin.login', details: { role: staff.role }, at });
    });
    return token;
  }

  toSessionDto(staff: StaffActor): StaffSessionDto {
    return { id: staff.id, name: staff.name, role: staff.role, builtin: staff.builtin ?? false };
  }
}
