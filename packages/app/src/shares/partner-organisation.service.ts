import {
  DomainError,
  isAdmin,
  type Locale,
  newId,
  type PartnerOrganisation,
  type PartnerOrganisationCreate,
  type PartnerOrganisationPatch,
  type User,
} from '@crm/domain';
import { PartnerOrganisationRepository, type TenantClientFactory, UserRepository } from '@crm/dynamodb';
import type { Principal } from '../auth/principal.js';
import type { UserService } from '../users/user.service.js';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;
type Actor = { tenantId: string; actorId: string };

/**
 * Partner organisations (经销商): tenant admins create, rename, disable them and name their admin;
 * the organisation's admin (a partner user) invites and disables the organisation's own users.
 */
export class PartnerOrganisationService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly users: UserService;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; users: UserService }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.users = deps.users;
  }

  private repositories(tenantId: string) {
    const client = this.tenantClient(tenantId);
    return {
      organisations: new PartnerOrganisationRepository(client, tenantId),
      users: new UserRepository(client),
    };
  }

  async list({ tenantId }: { tenantId: string }): Promise<PartnerOrganisation[]> {
    const organisations = await this.repositories(tenantId).organisations.list();
    return organisations.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  async get({ tenantId, organisationId }: { tenantId: string; organisationId: string }) {
    const organisation = await this.repositories(tenantId).organisations.get(organisationId);
    if (!organisation) throw new DomainError('not_found', 'Partner organisation not found');
    return organisation;
  }

  async create({ tenantId, actorId }: Actor, input: PartnerOrganisationCreate): Promise<PartnerOrganisation> {
    const now = this.clock().toISOString();
    const organisation: PartnerOrganisation = {
      id: newId(),
      name: input.name,
      status: 'active',
      adminUserId: null,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.repositories(tenantId).organisations.create(organisation);
    return organisation;
  }

  /** Renames, disables or enables the organisation, or names its admin, against its version. */
  async update(
    { tenantId }: Actor,
    input: {
      organisationId: string;
      expectedVersion: number;
      patch: Omit<PartnerOrganisationPatch, 'version'>;
    },
  ): Promise<PartnerOrganisation> {
    const { organisations, users } = this.repositories(tenantId);
    const current = await this.get({ tenantId, organisationId: input.organisationId });
    if (current.version !== input.expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Partner organisation is at version ${current.version}, not ${input.expectedVersion}`,
        { details: { current } },
      );
    }
    const { adminUserId } = input.patch;
    if (adminUserId) {
      const admin = await users.get({ tenantId, userId: adminUserId });
      if (admin?.role !== 'partner' || admin.organisationId !== current.id) {
        throw new DomainError('validation_failed', 'The admin must be a partner user of this organisation', {
          fields: [{ path: 'adminUserId', message: 'is not a partner user of this organisation' }],
        });
      }
    }
    const next: PartnerOrganisation = {
      ...current,
      ...(input.patch.name !== undefined ? { name: input.patch.name } : {}),
      ...(input.patch.status !== undefined ? { status: input.patch.status } : {}),
      ...(adminUserId !== undefined ? { adminUserId } : {}),
      updatedAt: this.clock().toISOString(),
      version: current.version + 1,
    };
    await organisations.replace(next, input.expectedVersion);
    return next;
  }

  /** The organisation's users (invited, active and disabled). */
  async members({ tenantId, organisationId }: { tenantId: string; organisationId: string }): Promise<User[]> {
    await this.get({ tenantId, organisationId });
    const all = await this.repositories(tenantId).users.list({ tenantId });
    return all.filter((user) => user.organisationId === organisationId);
  }

  /**
   * The organisation a caller may manage: any of the tenant's for its admins, only its own (while
   * active) for the partner user named its admin. Anyone else is refused (403).
   */
  async managed(principal: Principal, organisationId?: string): Promise<PartnerOrganisation> {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people manage partner users');
    if (isAdmin(principal.role)) {
      if (!organisationId) throw new DomainError('not_found', 'Partner organisation not found');
      return this.get({ tenantId: principal.tenantId, organisationId });
    }
    const own = await this.ownOrganisation(principal);
    const manages = own?.status === 'active' && own.adminUserId === principal.userId;
    if (!own || !manages || (organisationId && organisationId !== own.id)) {
      throw new DomainError('forbidden', 'Only the organisation’s admin manages its users');
    }
    return own;
  }

  /** The partner user's own organisation, or undefined for a partner without one. */
  async ownOrganisation(principal: UserPrincipal): Promise<PartnerOrganisation | undefined> {
    const { users, organisations } = this.repositories(principal.tenantId);
    const user = await users.get({ tenantId: principal.tenantId, userId: principal.userId });
    return user?.organisationId ? organisations.get(user.organisationId) : undefined;
  }

  /** Invites a partner user into the organisation (the ordinary invitation mail and link). */
  async invite(
    principal: Principal,
    input: { organisationId?: string; email: string; name?: string; locale?: Locale },
  ): Promise<User> {
    const organisation = await this.managed(principal, input.organisationId);
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'Only people invite people');
    return this.users.inviteToOrganisation(principal, { ...input, organisationId: organisation.id });
  }

  /** Disables or re-enables one of the organisation's users (never the caller itself). */
  async setMemberStatus(
    principal: Principal,
    input: {
      organisationId?: string;
      userId: string;
      status: 'active' | 'disabled';
      expectedVersion: number;
    },
  ): Promise<User> {
    const organisation = await this.managed(principal, input.organisationId);
    const member = await this.repositories(principal.tenantId).users.get({
      tenantId: principal.tenantId,
      userId: input.userId,
    });
    // A user of another organisation (or none) reads as absent, as another tenant's would.
    if (!member || member.organisationId !== organisation.id) {
      throw new DomainError('not_found', 'User not found');
    }
    return this.users.update(principal, {
      userId: input.userId,
      expectedVersion: input.expectedVersion,
      changes: { status: input.status },
    });
  }

  /**
   * Moves a partner user to another organisation of the tenant (admins only): its organisation's
   * shares stop reaching it at its next request (rights are read fresh every request) and the new
   * organisation's start; its own shares stay. The move is appended to the user's
   * `organisationMoves`; a user who was the old organisation's admin is its admin no more.
   */
  async moveMember(
    principal: Principal,
    input: { organisationId: string; userId: string; toOrganisationId: string; expectedVersion: number },
  ): Promise<User> {
    if (principal.kind !== 'user' || !isAdmin(principal.role)) {
      throw new DomainError('forbidden', 'Only the tenant’s admins move partner users');
    }
    const { tenantId } = principal;
    const { users, organisations } = this.repositories(tenantId);
    const from = await this.get({ tenantId, organisationId: input.organisationId });
    const member = await users.get({ tenantId, userId: input.userId });
    if (!member || member.organisationId !== from.id) throw new DomainError('not_found', 'User not found');
    const fieldError = (message: string) =>
      new DomainError('validation_failed', `toOrganisationId: ${message}`, {
        fields: [{ path: 'toOrganisationId', message }],
      });
    if (input.toOrganisationId === from.id) throw fieldError('is the user’s organisation already');
    const to = await organisations.get(input.toOrganisationId);
    if (!to) throw fieldError('no such partner organisation');
    if (to.status !== 'active')
      throw new DomainError('invalid_state', 'The partner organisation is disabled');
    const at = this.clock().toISOString();
    const moved = await users.update({
      tenantId,
      userId: member.id,
      expectedVersion: input.expectedVersion,
      changes: {
        organisationId: to.id,
        organisationMoves: [
          ...(member.organisationMoves ?? []),
          { from: from.id, to: to.id, at, by: principal.userId },
        ],
      },
      now: at,
    });
    // The old organisation's admin it was, is no longer: nobody manages a dealer from outside it.
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await organisations.get(from.id);
      if (current?.adminUserId !== member.id) break;
      try {
        await organisations.replace(
          { ...current, adminUserId: null, updatedAt: at, version: current.version + 1 },
          current.version,
        );
        break;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'version_conflict')) throw error;
      }
    }
    return moved;
  }
}
