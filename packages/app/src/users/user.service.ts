import {
  canAssignRole,
  DomainError,
  isAdmin,
  type Locale,
  type Role,
  type Tenant,
  type User,
  type UserStatus,
} from '@crm/domain';
import {
  type Mail,
  MailOutboxRepository,
  PartnerOrganisationRepository,
  type TableClient,
  type TenantClientFactory,
  TenantRepository,
  UserRepository,
} from '@crm/dynamodb';
import { InvitationService } from '../auth/invitation.service.js';
import type { LivePrincipals } from '../auth/live-principals.js';
import type { Principal } from '../auth/principal.js';
import type { Mailer } from '../mail/mailer.js';
import type { PublicUrl } from '../mail/public-links.js';

type UserChanges = {
  name?: string;
  role?: Role;
  status?: Extract<UserStatus, 'active' | 'disabled'>;
  locale?: Locale;
};

/** Who the caller is, as `GET /v1/me` shows it. */
export type Caller =
  | { tenant: Tenant; role: Role; user: User }
  | { tenant: Tenant; role: 'member'; apiKey: { id: string; scope: 'read' | 'write' } };

/** The people of a tenant: invitations, roles and status, and who the caller is. */
export class UserService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly invitations: InvitationService;
  private readonly principals: LivePrincipals;
  private readonly table: TableClient;

  constructor(deps: {
    table: TableClient;
    tenantClient: TenantClientFactory;
    clock: () => Date;
    mailer: Mailer;
    publicUrl: PublicUrl | undefined;
    principals: LivePrincipals;
  }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.principals = deps.principals;
    this.table = deps.table;
    this.invitations = new InvitationService({
      table: deps.table,
      clock: deps.clock,
      mailer: deps.mailer,
      publicUrl: deps.publicUrl,
    });
  }

  private users(tenantId: string) {
    return new UserRepository(this.tenantClient(tenantId));
  }

  async list({ tenantId }: { tenantId: string }): Promise<User[]> {
    return this.users(tenantId).list({ tenantId });
  }

  /** Invites a person by e-mail; the one-time link points at the configured public URL. */
  async invite(
    principal: Principal,
    input: { email: string; role: Role; name?: string; locale?: Locale; organisationId?: string },
  ): Promise<User> {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people invite people');
    if (input.organisationId) {
      if (input.role !== 'partner') {
        throw new DomainError('validation_failed', 'Only partner users belong to a partner organisation', {
          fields: [{ path: 'organisationId', message: 'needs role partner' }],
        });
      }
      await this.activeOrganisation(principal.tenantId, input.organisationId);
    }
    return this.invitations.invite({ actor: principal, ...input });
  }

  /**
   * A partner organisation's admin invites a partner user into that organisation, through the
   * same one-time link as any invitation. The caller has checked the admin's rights.
   */
  async inviteToOrganisation(
    principal: Extract<Principal, { kind: 'user' }>,
    input: { organisationId: string; email: string; name?: string; locale?: Locale },
  ): Promise<User> {
    await this.activeOrganisation(principal.tenantId, input.organisationId);
    return this.invitations.inviteToOrganisation({ actor: principal, ...input });
  }

  private async activeOrganisation(tenantId: string, organisationId: string) {
    const organisation = await new PartnerOrganisationRepository(this.tenantClient(tenantId), tenantId).get(
      organisationId,
    );
    if (!organisation) throw new DomainError('not_found', 'Partner organisation not found');
    if (organisation.status !== 'active') {
      throw new DomainError('invalid_state', 'The partner organisation is disabled');
    }
    return organisation;
  }

  /** Admins see every user; anyone else only themself. Anything else reads as absent. */
  async get(principal: Principal, { userId }: { userId: string }): Promise<User> {
    const isSelf = principal.kind === 'user' && principal.userId === userId;
    const mayRead = isSelf || (principal.kind === 'user' && isAdmin(principal.role));
    const user = mayRead
      ? await this.users(principal.tenantId).get({ tenantId: principal.tenantId, userId })
      : undefined;
    if (!user) throw new DomainError('not_found', 'User not found');
    return user;
  }

  /**
   * Changes a user's name, role, status or locale. Only an owner changes an owner, nobody gives a
   * role they may not assign, and nobody changes their own role or status.
   */
  async update(
    principal: Principal,
    { userId, expectedVersion, changes }: { userId: string; expectedVersion: number; changes: UserChanges },
  ): Promise<User> {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people manage users');
    const users = this.users(principal.tenantId);
    const target = await users.get({ tenantId: principal.tenantId, userId });
    if (!target) throw new DomainError('not_found', 'User not found');
    if (target.role === 'owner' && principal.role !== 'owner') {
      throw new DomainError('forbidden', 'Only an owner can change an owner');
    }
    if (changes.role && !canAssignRole(principal.role, changes.role)) {
      throw new DomainError('forbidden', `A ${principal.role} cannot make someone ${changes.role}`);
    }
    if (userId === principal.userId && (changes.role || changes.status)) {
      throw new DomainError('forbidden', 'You cannot change your own role or status');
    }
    const now = this.clock().toISOString();
    const updated = await users.update({
      tenantId: principal.tenantId,
      userId,
      expectedVersion,
      changes,
      now,
    });
    if (updated.role !== target.role || updated.status !== target.status) {
      // Sessions started under the old role or status end; their access tokens already follow
      // the live role (LivePrincipals), and so do the API keys this user created.
      await users.revokeSessions({ tenantId: principal.tenantId, userId, at: now });
      this.principals.invalidate({ tenantId: principal.tenantId, userId });
    }
    return updated;
  }

  /** The caller, its role and its tenant; a caller whose tenant or user is gone is not signed in. */
  async me(principal: Principal): Promise<Caller> {
    const client = this.tenantClient(principal.tenantId);
    const tenant = await new TenantRepository(client).get({ tenantId: principal.tenantId });
    if (!tenant) throw new DomainError('unauthenticated', 'Tenant no longer exists');
    if (principal.kind === 'apiKey') {
      return { tenant, role: principal.role, apiKey: { id: principal.keyId, scope: principal.scope } };
    }
    const user = await new UserRepository(client).get({
      tenantId: principal.tenantId,
      userId: principal.userId,
    });
    if (user?.status !== 'active') throw new DomainError('unauthenticated', 'User is not active');
    return { tenant, role: user.role, user };
  }

  /** Every mail the outbox mailer kept (any tenant, or none), newest first: the local mailbox page. */
  async mailbox(): Promise<Mail[]> {
    return new MailOutboxRepository(this.table).listPlatform();
  }

  /** The tenant's outgoing mail (invitation links), newest first: the local runtime's mailbox. */
  async outbox({ tenantId }: { tenantId: string }): Promise<Mail[]> {
    return this.users(tenantId).listMail({ tenantId });
  }
}
