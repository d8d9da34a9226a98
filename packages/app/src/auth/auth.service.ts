import { DomainError, isUlid, type Locale, newId, type Role, type Tenant, type User } from '@crm/domain';
import {
  IdentityRepository,
  SessionRepository,
  type TableClient,
  TenantRepository,
  UserRepository,
} from '@crm/dynamodb';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-token.js';
import type { PasswordHasher } from './password-hasher.js';
import { hashSecret, newSecret, secretMatches } from './secret-token.js';
import type { SigningKeyProvider } from './signing-key.js';

export const LOGIN_FAILURE_LIMIT = 5;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type TokenPair = {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
};

type RefreshTokenParts = { tenantId: string; familyId: string; secret: string };

// `<tenantId>.<familyId>.<secret>`: the first two say where the session lives, the secret proves it.
function formatRefreshToken(parts: RefreshTokenParts): string {
  return `${parts.tenantId}.${parts.familyId}.${parts.secret}`;
}

function parseRefreshToken(token: string): RefreshTokenParts | undefined {
  const [tenantId, familyId, secret, ...rest] = token.split('.');
  if (!tenantId || !familyId || !secret || rest.length > 0) return undefined;
  if (!isUlid(tenantId) || !isUlid(familyId)) return undefined;
  return { tenantId, familyId, secret };
}

const invalidRefresh = () =>
  new DomainError('unauthenticated', 'Refresh token is invalid, expired or revoked');

export type AuthServiceDeps = {
  table: TableClient;
  hasher: PasswordHasher;
  signingKey: SigningKeyProvider;
  clock: () => Date;
};

export class AuthService {
  private readonly deps: AuthServiceDeps;
  private readonly identities: IdentityRepository;
  private readonly tenants: TenantRepository;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  // Verifying against this when the e-mail is unknown keeps response times from revealing accounts.
  private dummyHash: Promise<string> | undefined;

  constructor(deps: AuthServiceDeps) {
    this.deps = deps;
    this.identities = new IdentityRepository(deps.table);
    this.tenants = new TenantRepository(deps.table);
    this.users = new UserRepository(deps.table);
    this.sessions = new SessionRepository(deps.table);
  }

  async signup(input: { tenantName: string; email: string; password: string; locale?: Locale }) {
    const now = this.deps.clock().toISOString();
    const existing = await this.identities.getIdentity({ email: input.email });
    if (existing && !(await this.deps.hasher.verify(input.password, existing.passwordHash))) {
      throw new DomainError(
        'already_exists',
        'This e-mail already has an account: sign up with its password, or log in',
        {
          fields: [{ path: 'email', message: 'already has an account with another password' }],
        },
      );
    }
    const locale = input.locale ?? 'zh-CN';
    const tenant: Tenant = {
      id: newId(),
      name: input.tenantName,
      settings: { locale, defaultCurrency: locale === 'zh-CN' ? 'CNY' : 'USD', timezone: 'Asia/Shanghai' },
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    if (locale === 'en') tenant.settings.timezone = 'UTC';
    const owner: User = {
      id: newId(),
      email: input.email,
      name: input.email.split('@')[0] ?? input.email,
      role: 'owner',
      status: 'active',
      locale,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const identity = existing ?? {
      email: input.email,
      passwordHash: await this.deps.hasher.hash(input.password),
      createdAt: now,
      updatedAt: now,
    };
    await this.tenants.createWithOwner({ tenant, owner, identity, identityExists: Boolean(existing) });
    const tokens = await this.startSession({ tenantId: tenant.id, user: owner });
    return { tenant, user: owner, ...tokens };
  }

  async login(input: { email: string; password: string; tenantId?: string }) {
    const now = this.deps.clock();
    const since = new Date(now.getTime() - LOGIN_FAILURE_WINDOW_MS);
    const failures = await this.identities.recentLoginFailures({ email: input.email, since });
    if (failures.length >= LOGIN_FAILURE_LIMIT) {
      const oldest = failures[failures.length - LOGIN_FAILURE_LIMIT] ?? now;
      const retryAfter = Math.max(
        1,
        Math.ceil((oldest.getTime() + LOGIN_FAILURE_WINDOW_MS - now.getTime()) / 1000),
      );
      throw new DomainError('rate_limited', 'Too many failed logins for this e-mail; try again later', {
        details: { retryAfterSeconds: retryAfter },
      });
    }
    const identity = await this.identities.getIdentity({ email: input.email });
    this.dummyHash ??= this.deps.hasher.hash('dummy password for timing');
    const passwordOk = await this.deps.hasher.verify(
      input.password,
      identity?.passwordHash ?? (await this.dummyHash),
    );
    if (!identity || !passwordOk) {
      await this.identities.recordLoginFailure({
        email: input.email,
        at: now,
        window: LOGIN_FAILURE_WINDOW_MS,
      });
      throw new DomainError('unauthenticated', 'E-mail or password is wrong');
    }
    const memberships = await this.identities.listMemberships({ email: input.email });
    const candidates = input.tenantId
      ? memberships.filter((m) => m.tenantId === input.tenantId)
      : memberships;
    if (candidates.length === 0) throw new DomainError('unauthenticated', 'E-mail or password is wrong');
    if (candidates.length > 1) {
      throw new DomainError(
        'tenant_choice_required',
        'This e-mail belongs to several tenants: pass tenantId',
        {
          details: { tenants: candidates.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenantName })) },
        },
      );
    }
    const membership = candidates[0] as (typeof candidates)[number];
    const user = await this.users.get({ tenantId: membership.tenantId, userId: membership.userId });
    if (user?.status !== 'active') throw new DomainError('unauthenticated', 'This account is not active');
    await this.identities.clearLoginFailures({ email: input.email });
    const tenant = await this.tenants.get({ tenantId: membership.tenantId });
    if (!tenant) throw new DomainError('unauthenticated', 'This account is not active');
    const tokens = await this.startSession({ tenantId: membership.tenantId, user });
    return { tenant, user, ...tokens };
  }

  /** Rotates the refresh token; a replayed (already rotated) token revokes the whole family. */
  async refresh({ refreshToken }: { refreshToken: string }): Promise<TokenPair> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) throw invalidRefresh();
    const session = await this.sessions.get(parts);
    const now = this.deps.clock();
    if (!session || session.revoked || new Date(session.expiresAt) <= now) throw invalidRefresh();
    if (!secretMatches(parts.secret, session.currentHash)) {
      await this.sessions.revoke(parts);
      throw new DomainError(
        'unauthenticated',
        'Refresh token was already used; every session of this login is revoked',
      );
    }
    const user = await this.users.get({ tenantId: parts.tenantId, userId: session.userId });
    if (user?.status !== 'active') throw invalidRefresh();
    const secret = newSecret();
    const rotated = await this.sessions.rotate({
      tenantId: parts.tenantId,
      familyId: parts.familyId,
      fromHash: session.currentHash,
      toHash: hashSecret(secret),
      now: now.toISOString(),
    });
    if (!rotated) {
      await this.sessions.revoke(parts);
      throw invalidRefresh();
    }
    return this.tokenPair({
      tenantId: parts.tenantId,
      user,
      refreshToken: formatRefreshToken({ ...parts, secret }),
    });
  }

  async logout({ refreshToken }: { refreshToken: string }): Promise<void> {
    const parts = parseRefreshToken(refreshToken);
    if (!parts) return;
    const session = await this.sessions.get(parts);
    if (session && secretMatches(parts.secret, session.currentHash)) await this.sessions.revoke(parts);
  }

  async acceptInvitation(input: { token: string; password: string; name?: string }) {
    const tokenHash = hashSecret(input.token);
    const invitation = await this.users.getInvitation({ tokenHash });
    const now = this.deps.clock();
    if (!invitation || new Date(invitation.expiresAt) <= now) {
      throw new DomainError('not_found', 'This invitation link is invalid or has expired');
    }
    const existing = await this.identities.getIdentity({ email: invitation.email });
    if (existing && !(await this.deps.hasher.verify(input.password, existing.passwordHash))) {
      throw new DomainError('unauthenticated', 'This e-mail already has an account: use its password');
    }
    const tenant = await this.tenants.get({ tenantId: invitation.tenantId });
    if (!tenant) throw new DomainError('not_found', 'This invitation link is invalid or has expired');
    const identity = existing ?? {
      email: invitation.email,
      passwordHash: await this.deps.hasher.hash(input.password),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const acceptance: Parameters<UserRepository['acceptInvitation']>[0] = {
      tokenHash,
      invitation,
      tenantName: tenant.name,
      identity,
      identityExists: Boolean(existing),
      now: now.toISOString(),
    };
    if (input.name) acceptance.name = input.name;
    await this.users.acceptInvitation(acceptance);
    const user = await this.users.get({ tenantId: invitation.tenantId, userId: invitation.userId });
    if (!user) throw new DomainError('not_found', 'Invited user no longer exists');
    return { tenant, user, ...(await this.startSession({ tenantId: tenant.id, user })) };
  }

  private async startSession({ tenantId, user }: { tenantId: string; user: User }): Promise<TokenPair> {
    const now = this.deps.clock();
    const familyId = newId();
    const secret = newSecret();
    await this.sessions.create({
      tenantId,
      session: {
        familyId,
        userId: user.id,
        currentHash: hashSecret(secret),
        revoked: false,
        createdAt: now.toISOString(),
        rotatedAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS).toISOString(),
      },
    });
    return this.tokenPair({
      tenantId,
      user,
      refreshToken: formatRefreshToken({ tenantId, familyId, secret }),
    });
  }

  private async tokenPair(input: { tenantId: string; user: User; refreshToken: string }): Promise<TokenPair> {
    const role: Role = input.user.role;
    const accessToken = await issueAccessToken(
      this.deps.signingKey,
      { kind: 'user', tenantId: input.tenantId, userId: input.user.id, role },
      this.deps.clock(),
    );
    return {
      accessToken,
      refreshToken: input.refreshToken,
      tokenType: 'Bearer',
      expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    };
  }
}
