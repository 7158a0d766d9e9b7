import { expect } from 'vitest';
import { adminClient, Client, type TestApp } from '../../../support/app.ts';

export type Role = 'owner' | 'facilitator' | 'support';

export interface StaffMember {
  id: number;
  name: string;
  role: Role;
  token: string;
  client: Client;
}

/** The owner (ADMIN_TOKEN) creates a staff member, who then signs in with their own token. */
export async function createStaff(t: TestApp, owner: Client, name: string, role: Role): Promise<StaffMember> {
  const created = await owner.post('/api/admin/staff', { name, role });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { staff, token } = created.body as { staff: { id: number }; token: string };
  const client = await signIn(t, token);
  return { id: staff.id, name, role, token, client };
}

export async function signIn(t: TestApp, token: string): Promise<Client> {
  const client = new Client(t.app);
  const res = await client.post('/api/admin/login', { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return client;
}

/** The owner, a facilitator and a support member, each signed in with their own token. */
export async function staffTrio(t: TestApp) {
  const owner = await adminClient(t);
  const facilitator = await createStaff(t, owner, 'Fumi Facilitator', 'facilitator');
  const support = await createStaff(t, owner, 'Sam Support', 'support');
  return { owner, facilitator, support };
}
