import type { TableClient } from '@crm/dynamodb';
import type { App } from '@crm/http';
import { expect } from 'vitest';
import { mailedToken } from './mailbox.js';
import { call, TEST_PASSWORD, uniqueEmail } from './test-app.js';

export type InvitedUser = {
  email: string;
  userId: string;
  accessToken: string;
  refreshToken: string;
  auth: { Authorization: string };
};

/** Invites a person with `role` as `admin` and accepts through the mailed link. */
export async function inviteUser(
  app: App,
  admin: { Authorization: string },
  role: 'admin' | 'member' | 'partner',
  options: { table?: TableClient } = {},
): Promise<InvitedUser> {
  const email = uniqueEmail(role);
  const invite = await call(app, 'POST', '/v1/users/invitations', { auth: admin, body: { email, role } });
  expect(invite.status).toBe(201);
  const token = await mailedToken(email, 'accept-invitation', options.table);
  const accepted = await call(app, 'POST', '/v1/auth/accept-invitation', {
    body: { token, password: TEST_PASSWORD },
  });
  expect(accepted.status).toBe(200);
  const accessToken = accepted.body.accessToken as string;
  return {
    email,
    userId: invite.body.id as string,
    accessToken,
    refreshToken: accepted.body.refreshToken as string,
    auth: { Authorization: `Bearer ${accessToken}` },
  };
}
