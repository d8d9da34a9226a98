import { canAssignRole, DomainError, type Locale, newId, type Role, type User } from '@crm/domain';
import { type TableClient, TenantRepository, UserRepository } from '@crm/dynamodb';
import type { Principal } from './principal.js';
import { hashSecret, newSecret } from './secret-token.js';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Admins invite people by e-mail; the mail with the one-time link goes to the tenant's outbox. */
export class InvitationService {
  private readonly table: TableClient;
  private readonly clock: () => Date;

  constructor(deps: { table: TableClient; clock: () => Date }) {
    this.table = deps.table;
    this.clock = deps.clock;
  }

  async invite(input: {
    actor: Extract<Principal, { kind: 'user' }>;
    email: string;
    role: Role;
    name?: string;
    locale?: Locale;
    acceptUrl: string;
  }): Promise<User> {
    const { actor } = input;
    if (!canAssignRole(actor.role, input.role)) {
      throw new DomainError('forbidden', `A ${actor.role} cannot invite a ${input.role}`);
    }
    const users = new UserRepository(this.table);
    if (await users.findByEmail({ tenantId: actor.tenantId, email: input.email })) {
      throw new DomainError('validation_failed', 'This e-mail is already a user of this tenant', {
        fields: [{ path: 'email', message: 'is already a user of this tenant' }],
      });
    }
    const tenant = await new TenantRepository(this.table).get({ tenantId: actor.tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const now = this.clock();
    const user: User = {
      id: newId(),
      email: input.email,
      name: input.name ?? input.email.split('@')[0] ?? input.email,
      role: input.role,
      status: 'invited',
      locale: input.locale ?? tenant.settings.locale,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const token = newSecret();
    const link = `${input.acceptUrl}?token=${encodeURIComponent(token)}`;
    await users.createInvitation({
      user,
      tokenHash: hashSecret(token),
      invitation: {
        tenantId: actor.tenantId,
        userId: user.id,
        email: input.email,
        invitedBy: actor.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
      },
      mail: {
        id: newId(),
        to: input.email,
        subject: `You are invited to ${tenant.name} · 邀请您加入 ${tenant.name}`,
        text: `Accept within 7 days · 请在 7 天内接受:\n${link}\n\ntoken: ${token}`,
        createdAt: now.toISOString(),
      },
    });
    return user;
  }
}
