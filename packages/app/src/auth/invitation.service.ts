import { canAssignRole, DomainError, type Locale, newId, type Role, type User } from '@crm/domain';
import { type TableClient, TenantRepository, UserRepository } from '@crm/dynamodb';
import { renderMail } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';
import { type PublicUrl, publicLink } from '../mail/public-links.js';
import type { Principal } from './principal.js';
import { hashSecret, newSecret } from './secret-token.js';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const INVITATION_TTL_DAYS = INVITATION_TTL_MS / (24 * 60 * 60 * 1000);

/** Admins invite people by e-mail; the one-time link leaves through the mailer. */
export class InvitationService {
  private readonly table: TableClient;
  private readonly clock: () => Date;
  private readonly mailer: Mailer;
  private readonly publicUrl: PublicUrl | undefined;

  constructor(deps: {
    table: TableClient;
    clock: () => Date;
    mailer: Mailer;
    publicUrl: PublicUrl | undefined;
  }) {
    this.table = deps.table;
    this.clock = deps.clock;
    this.mailer = deps.mailer;
    this.publicUrl = deps.publicUrl;
  }

  async invite(input: {
    actor: Extract<Principal, { kind: 'user' }>;
    email: string;
    role: Role;
    name?: string;
    locale?: Locale;
    organisationId?: string;
  }): Promise<User> {
    const { actor } = input;
    if (!canAssignRole(actor.role, input.role)) {
      throw new DomainError('forbidden', `A ${actor.role} cannot invite a ${input.role}`);
    }
    return this.create(input);
  }

  /**
   * A partner organisation's admin invites a partner user into its own organisation: the caller
   * has checked that the actor manages `organisationId`; the role is always partner.
   */
  async inviteToOrganisation(input: {
    actor: Extract<Principal, { kind: 'user' }>;
    organisationId: string;
    email: string;
    name?: string;
    locale?: Locale;
  }): Promise<User> {
    return this.create({ ...input, role: 'partner' });
  }

  private async create(input: {
    actor: Extract<Principal, { kind: 'user' }>;
    email: string;
    role: Role;
    name?: string;
    locale?: Locale;
    organisationId?: string;
  }): Promise<User> {
    const { actor } = input;
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
      ...(input.organisationId ? { organisationId: input.organisationId } : {}),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    };
    const token = newSecret();
    // From configuration only: a Host header must never choose where the link points.
    const link = publicLink(this.publicUrl, 'accept-invitation', token);
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
    });
    await this.mailer.send({
      kind: 'invitation',
      to: input.email,
      tenantId: actor.tenantId,
      ...renderMail('invitation', user.locale, {
        tenantName: tenant.name,
        link,
        token,
        days: INVITATION_TTL_DAYS,
      }),
    });
    return user;
  }
}
