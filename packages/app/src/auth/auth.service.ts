import { DomainError, isUlid, type Locale, newId, type Role, type Tenant, type User } from '@crm/domain';
import {
  AttemptThrottleRepository,
  EmailTokenRepository,
  type Identity,
  IdentityRepository,
  platformKeys,
  SessionRepository,
  type TableClient,
  type TableKey,
  TenantRepository,
  type ThrottleLimit,
  UserRepository,
} from '@crm/dynamodb';
import { renderMail } from '../mail/mail-templates.js';
import type { Mailer } from '../mail/mailer.js';
import { hasPublicUrl, type PublicUrl, publicLink } from '../mail/public-links.js';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from './access-token.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertAcceptablePassword } from './password-policy.js';
import { hashSecret, newSecret, secretMatches } from './secret-token.js';
import type { SigningKeyProvider } from './signing-key.js';

/** Password checks per e-mail (login, and sign-up with an e-mail that has an account). */
export const LOGIN_THROTTLE: ThrottleLimit = { limit: 5, windowMs: 15 * 60 * 1000 };
/** Password-hashing requests per client address, whatever the e-mail (floods of unknown ones). */
export const ADDRESS_THROTTLE: ThrottleLimit = { limit: 60, windowMs: 15 * 60 * 1000 };
/** Password checks per invitation link. */
export const INVITATION_THROTTLE: ThrottleLimit = { limit: 5, windowMs: 15 * 60 * 1000 };
/** Verification and reset mails per address. */
export const MAIL_THROTTLE: ThrottleLimit = { limit: 3, windowMs: 60 * 60 * 1000 };
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
const RESET_TTL_MS = 30 * 60 * 1000;

/** Where a request came from: the client address feeds the per-address throttle. */
export type RequestOrigin = { clientAddress?: string | undefined };

/** What sign-up answers: a session for a new e-mail; the same neutral answer for any known one. */
export type SignupOutcome =
  | ({ kind: 'created'; tenant: Tenant; user: User } & TokenPair)
  | { kind: 'check-email' };

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

// One answer for an unknown, expired or used link AND a wrong password, so neither is an oracle.
const invalidInvitation = () =>
  new DomainError(
    'unauthenticated',
    "This invitation link is invalid or has expired, or the password is not this e-mail's",
  );

const invalidEmailLink = () =>
  new DomainError('validation_failed', 'This link is invalid, expired or already used', {
    fields: [{ path: 'token', message: 'is invalid, expired or already used' }],
  });

const isCancelledTransaction = (error: unknown) =>
  error instanceof Error && error.name === 'TransactionCanceledException';

export type AuthServiceDeps = {
  table: TableClient;
  hasher: PasswordHasher;
  signingKey: SigningKeyProvider;
  clock: () => Date;
  mailer: Mailer;
  publicUrl: PublicUrl | undefined;
};

export class AuthService {
  private readonly deps: AuthServiceDeps;
  private readonly identities: IdentityRepository;
  private readonly tenants: TenantRepository;
  private readonly users: UserRepository;
  private readonly sessions: SessionRepository;
  private readonly throttles: AttemptThrottleRepository;
  private readonly emailTokens: EmailTokenRepository;
  // Verifying against this when the e-mail is unknown keeps response times from revealing accounts.
  private dummyHash: Promise<string> | undefined;

  constructor(deps: AuthServiceDeps) {
    this.deps = deps;
    this.identities = new IdentityRepository(deps.table);
    this.tenants = new TenantRepository(deps.table);
    this.users = new UserRepository(deps.table);
    this.sessions = new SessionRepository(deps.table);
    this.throttles = new AttemptThrottleRepository(deps.table);
    this.emailTokens = new EmailTokenRepository(deps.table);
  }

  /** Claims one attempt against `key` BEFORE the work it guards; 429 when the window is used up. */
  private async claim(key: TableKey, limit: ThrottleLimit, message: string): Promise<void> {
    const decision = await this.throttles.claim({ key, ...limit, now: this.deps.clock() });
    if (!decision.allowed) {
      throw new DomainError('rate_limited', message, {
        details: { retryAfterSeconds: decision.retryAfterSeconds },
      });
    }
  }

  private async claimAddress(origin: RequestOrigin): Promise<void> {
    if (!origin.clientAddress) return;
    await this.claim(
      platformKeys.addressThrottle(origin.clientAddress),
      ADDRESS_THROTTLE,
      'Too many sign-in attempts from this address; try again later',
    );
  }

  private async claimLogin(email: string): Promise<void> {
    await this.claim(
      platformKeys.loginThrottle(email),
      LOGIN_THROTTLE,
      'Too many failed logins for this e-mail; try again later',
    );
  }

  /** Verifies against the stored hash, or a dummy one, so an unknown e-mail costs the same time. */
  private async passwordMatches(password: string, identity: Identity | undefined): Promise<boolean> {
    this.dummyHash ??= this.deps.hasher.hash('dummy password for timing');
    const matches = await this.deps.hasher.verify(password, identity?.passwordHash ?? (await this.dummyHash));
    return Boolean(identity) && matches;
  }

  /**
   * Re-authentication before an irreversible act (deleting the tenant): the person's current
   * password, verified and throttled exactly as a login is. A wrong one is a field-level 400.
   */
  async confirmPassword({ email, password }: { email: string; password: string }): Promise<void> {
    await this.claimLogin(email);
    const identity = await this.identities.getIdentity({ email });
    if (!(await this.passwordMatches(password, identity))) {
      throw new DomainError('validation_failed', 'The password is wrong', {
        fields: [{ path: 'password', message: 'is wrong' }],
      });
    }
    await this.throttles.clear({ key: platformKeys.loginThrottle(email) });
  }

  private link(path: string, token?: string): string {
    return publicLink(this.deps.publicUrl, path, token);
  }

  /**
   * Sign-up still works on a host without PUBLIC_URL, just without its mails (the address then
   * stays unconfirmed); the same for known and new e-mails, so the answer reveals nothing.
   */
  private mailsWithLinks(): boolean {
    if (hasPublicUrl(this.deps.publicUrl)) return true;
    console.warn('PUBLIC_URL is not configured: sign-up mails are not sent');
    return false;
  }

  private async mailVerification(email: string, locale: Locale): Promise<void> {
    if (!this.mailsWithLinks()) return;
    const token = newSecret();
    const now = this.deps.clock();
    await this.emailTokens.create({
      tokenHash: hashSecret(token),
      token: {
        purpose: 'verify-email',
        email,
        createdAt: now.toISOString(),
        validUntil: new Date(now.getTime() + VERIFICATION_TTL_MS).toISOString(),
      },
    });
    await this.deps.mailer.send({
      kind: 'verify-email',
      to: email,
      ...renderMail('verify-email', locale, {
        link: this.link('verify-email', token),
        hours: VERIFICATION_TTL_MS / 3_600_000,
      }),
    });
  }

  /**
   * Creates a tenant and its owner. For a NEW e-mail: the session at once, and a mail to confirm
   * the address. For an e-mail that has an account the answer is always `check-email`, whatever
   * the password (no oracle), after the same throttle as login; the tenant is created only when
   * the password is right and the address is confirmed, and the mail says what happened.
   */
  async signup(
    input: { tenantName: string; email: string; password: string; locale?: Locale },
    origin: RequestOrigin = {},
  ): Promise<SignupOutcome> {
    await this.claimAddress(origin);
    const locale = input.locale ?? 'zh-CN';
    const existing = await this.identities.getIdentity({ email: input.email });
    if (existing) {
      await this.notifyExistingAccount(input, existing);
      return { kind: 'check-email' };
    }
    assertAcceptablePassword(input.password);
    const now = this.deps.clock().toISOString();
    const identity: Identity = {
      email: input.email,
      passwordHash: await this.deps.hasher.hash(input.password),
      createdAt: now,
      updatedAt: now,
    };
    let created: { tenant: Tenant; user: User };
    try {
      created = await this.createTenant(input, identity, { newIdentity: true });
    } catch (error) {
      // A parallel sign-up created the identity first: from here on it is a known e-mail.
      if (isCancelledTransaction(error)) return { kind: 'check-email' };
      throw error;
    }
    await this.mailVerification(input.email, locale);
    const tokens = await this.startSession({ tenantId: created.tenant.id, user: created.user });
    return { kind: 'created', ...created, ...tokens };
  }

  /** Sign-up with a known e-mail: counted like a login; the outcome goes to the address only. */
  private async notifyExistingAccount(
    input: { tenantName: string; email: string; password: string; locale?: Locale },
    existing: Identity,
  ): Promise<void> {
    const locale = input.locale ?? 'zh-CN';
    await this.claimLogin(input.email);
    const matches = await this.passwordMatches(input.password, existing);
    const created =
      matches && existing.emailVerifiedAt ? await this.createTenant(input, existing) : undefined;
    if (matches) await this.throttles.clear({ key: platformKeys.loginThrottle(input.email) });
    if (!this.mailsWithLinks()) return;
    await this.deps.mailer.send({
      kind: 'signup-existing-account',
      to: input.email,
      ...(created ? { tenantId: created.tenant.id } : {}),
      ...renderMail('signup-existing-account', locale, {
        loginLink: this.link('login'),
        resetLink: this.link('forgot-password'),
        ...(created ? { tenantName: created.tenant.name } : {}),
      }),
    });
    if (matches && !existing.emailVerifiedAt) await this.mailVerification(input.email, locale);
  }

  private async createTenant(
    input: { tenantName: string; email: string; locale?: Locale },
    identity: Identity,
    options: { newIdentity?: boolean } = {},
  ): Promise<{ tenant: Tenant; user: User }> {
    const now = this.deps.clock().toISOString();
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
    await this.tenants.createWithOwner({
      tenant,
      owner,
      identity,
      identityExists: !options.newIdentity,
    });
    return { tenant, user: owner };
  }

  /**
   * The attempt is counted BEFORE the password is checked, by a conditional atomic write, so
   * parallel guesses cannot all be evaluated: at most LOGIN_THROTTLE.limit per window, the rest
   * 429 (even with the right password). A right password ends the run.
   */
  async login(input: { email: string; password: string; tenantId?: string }, origin: RequestOrigin = {}) {
    await this.claimAddress(origin);
    await this.claimLogin(input.email);
    const identity = await this.identities.getIdentity({ email: input.email });
    if (!(await this.passwordMatches(input.password, identity))) {
      throw new DomainError('unauthenticated', 'E-mail or password is wrong');
    }
    await this.throttles.clear({ key: platformKeys.loginThrottle(input.email) });
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
    // A role change, disabling or a password reset voids the sessions started before it.
    const revokedAt = await this.users.sessionsRevokedAt({ tenantId: parts.tenantId, userId: user.id });
    if (revokedAt && session.createdAt <= revokedAt) throw invalidRefresh();
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

  /**
   * Throttled per link and answered identically (one scrypt each, one message) for an unknown,
   * expired or used link and for a wrong password of an existing account. The mailed link proves
   * the address, so accepting confirms it.
   */
  async acceptInvitation(
    input: { token: string; password: string; name?: string },
    origin: RequestOrigin = {},
  ) {
    await this.claimAddress(origin);
    const tokenHash = hashSecret(input.token);
    await this.claim(
      platformKeys.invitationThrottle(tokenHash),
      INVITATION_THROTTLE,
      'Too many attempts with this invitation; try again later',
    );
    const now = this.deps.clock();
    const found = await this.users.getInvitation({ tokenHash });
    const invitation = found && new Date(found.expiresAt) > now ? found : undefined;
    const existing = invitation ? await this.identities.getIdentity({ email: invitation.email }) : undefined;
    let passwordHash: string;
    if (existing) {
      if (!(await this.passwordMatches(input.password, existing))) throw invalidInvitation();
      passwordHash = existing.passwordHash;
    } else {
      // The same cost whether or not the link is real.
      passwordHash = await this.deps.hasher.hash(input.password);
      if (!invitation) throw invalidInvitation();
      assertAcceptablePassword(input.password);
    }
    if (!invitation) throw invalidInvitation();
    const tenant = await this.tenants.get({ tenantId: invitation.tenantId });
    if (!tenant) throw invalidInvitation();
    const identity: Identity = existing ?? {
      email: invitation.email,
      passwordHash,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      emailVerifiedAt: now.toISOString(),
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
    try {
      await this.users.acceptInvitation(acceptance);
    } catch (error) {
      // A parallel acceptance consumed the link first.
      if (isCancelledTransaction(error)) throw invalidInvitation();
      throw error;
    }
    if (existing && !existing.emailVerifiedAt) {
      await this.identities.markVerified({ email: existing.email, at: now.toISOString() });
    }
    const user = await this.users.get({ tenantId: invitation.tenantId, userId: invitation.userId });
    if (!user) throw invalidInvitation();
    return { tenant, user, ...(await this.startSession({ tenantId: tenant.id, user })) };
  }

  /**
   * Mails a one-time reset link when the e-mail has an account. The answer never says whether it
   * has; the throttle counts per address asked for, known or not.
   */
  async requestPasswordReset(input: { email: string; locale?: Locale }, origin: RequestOrigin = {}) {
    // Without PUBLIC_URL this throws for every e-mail alike, before anything tells them apart.
    this.link('reset-password');
    await this.claimAddress(origin);
    await this.claimMail(input.email);
    const identity = await this.identities.getIdentity({ email: input.email });
    if (!identity) return;
    const token = newSecret();
    const now = this.deps.clock();
    await this.emailTokens.create({
      tokenHash: hashSecret(token),
      token: {
        purpose: 'password-reset',
        email: input.email,
        createdAt: now.toISOString(),
        validUntil: new Date(now.getTime() + RESET_TTL_MS).toISOString(),
      },
    });
    await this.deps.mailer.send({
      kind: 'password-reset',
      to: input.email,
      ...renderMail('password-reset', input.locale ?? 'zh-CN', {
        link: this.link('reset-password', token),
        minutes: RESET_TTL_MS / 60_000,
      }),
    });
  }

  private async claimMail(email: string): Promise<void> {
    await this.claim(
      platformKeys.mailThrottle(email),
      MAIL_THROTTLE,
      'Too many mails asked for this e-mail; try again later',
    );
  }

  /**
   * Sets a new password with a reset link: the link works once (consumed in the same transaction
   * as the password change), and every session of the person, in every tenant, ends.
   */
  async resetPassword(input: { token: string; password: string }, origin: RequestOrigin = {}): Promise<void> {
    await this.claimAddress(origin);
    const tokenHash = hashSecret(input.token);
    const record = await this.emailTokens.get({ tokenHash });
    const now = this.deps.clock();
    if (record?.purpose !== 'password-reset' || new Date(record.validUntil) <= now) {
      throw invalidEmailLink();
    }
    assertAcceptablePassword(input.password);
    const passwordHash = await this.deps.hasher.hash(input.password);
    const consumed = await this.emailTokens.consumeReset({
      tokenHash,
      email: record.email,
      passwordHash,
      at: now.toISOString(),
    });
    if (!consumed) throw invalidEmailLink();
    const memberships = await this.identities.listMemberships({ email: record.email });
    await Promise.all(
      memberships.map((m) =>
        this.users.revokeSessions({ tenantId: m.tenantId, userId: m.userId, at: now.toISOString() }),
      ),
    );
    await this.throttles.clear({ key: platformKeys.loginThrottle(record.email) });
  }

  /** Mails a new confirmation link to an unconfirmed address; the same answer for any e-mail. */
  async requestEmailVerification(input: { email: string; locale?: Locale }, origin: RequestOrigin = {}) {
    // Without PUBLIC_URL this throws for every e-mail alike, before anything tells them apart.
    this.link('verify-email');
    await this.claimAddress(origin);
    await this.claimMail(input.email);
    const identity = await this.identities.getIdentity({ email: input.email });
    if (!identity || identity.emailVerifiedAt) return;
    await this.mailVerification(input.email, input.locale ?? 'zh-CN');
  }

  /** Confirms the address with the mailed one-time link. */
  async verifyEmail(input: { token: string }): Promise<void> {
    const tokenHash = hashSecret(input.token);
    const record = await this.emailTokens.get({ tokenHash });
    const now = this.deps.clock();
    if (record?.purpose !== 'verify-email' || new Date(record.validUntil) <= now) {
      throw invalidEmailLink();
    }
    const consumed = await this.emailTokens.consumeVerification({
      tokenHash,
      email: record.email,
      at: now.toISOString(),
    });
    if (!consumed) throw invalidEmailLink();
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
