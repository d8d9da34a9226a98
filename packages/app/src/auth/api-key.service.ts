import { type ApiKey, type ApiKeyScope, isAdmin, isUlid, newId } from '@crm/domain';
import { type ApiKeyRecord, ApiKeyRepository, type TenantClientFactory } from '@crm/dynamodb';
import type { LivePrincipals } from './live-principals.js';
import type { Principal } from './principal.js';
import { hashSecret, newSecret, secretMatches } from './secret-token.js';

const API_KEY_PREFIX = 'crm_';
// lastUsedAt is a hint for admins, not an audit log: one write a minute per key is plenty.
const TOUCH_INTERVAL_MS = 60_000;

export function isApiKeyToken(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

function parseApiKey(token: string): { tenantId: string; keyId: string; secret: string } | undefined {
  const [tenantId, keyId, secret, ...rest] = token.slice(API_KEY_PREFIX.length).split('.');
  if (!tenantId || !keyId || !secret || rest.length > 0) return undefined;
  if (!isUlid(tenantId) || !isUlid(keyId)) return undefined;
  return { tenantId, keyId, secret };
}

function view(record: ApiKeyRecord): ApiKey {
  const { secretHash: _secretHash, ...rest } = record;
  return rest;
}

/** Integration keys: `crm_<tenantId>.<keyId>.<secret>`, shown once, stored as a hash, revocable. */
export class ApiKeyService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;
  private readonly principals: LivePrincipals;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date; principals: LivePrincipals }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
    this.principals = deps.principals;
  }

  private repository(tenantId: string): ApiKeyRepository {
    return new ApiKeyRepository(this.tenantClient(tenantId));
  }

  async create(input: { tenantId: string; name: string; scope: ApiKeyScope; createdBy: string }) {
    const id = newId();
    const secret = newSecret();
    const record: ApiKeyRecord = {
      id,
      name: input.name,
      scope: input.scope,
      secretHash: hashSecret(secret),
      createdBy: input.createdBy,
      createdAt: this.clock().toISOString(),
    };
    await this.repository(input.tenantId).create({ tenantId: input.tenantId, apiKey: record });
    return { ...view(record), key: `${API_KEY_PREFIX}${input.tenantId}.${id}.${secret}` };
  }

  async list({ tenantId }: { tenantId: string }): Promise<ApiKey[]> {
    return (await this.repository(tenantId).list({ tenantId })).map(view);
  }

  async revoke({ tenantId, keyId }: { tenantId: string; keyId: string }): Promise<void> {
    await this.repository(tenantId).revoke({ tenantId, keyId, now: this.clock().toISOString() });
  }

  /** The principal for a presented key, or undefined for a wrong, unknown or revoked one. */
  async authenticate(token: string): Promise<Extract<Principal, { kind: 'apiKey' }> | undefined> {
    const parts = parseApiKey(token);
    if (!parts) return undefined;
    const repository = this.repository(parts.tenantId);
    const record = await repository.get({ tenantId: parts.tenantId, keyId: parts.keyId });
    if (!record || record.revokedAt || !secretMatches(parts.secret, record.secretHash)) return undefined;
    // A key acts on its creator's authority: it stops working while the creator is disabled,
    // gone or no longer an admin (and works again if they are restored).
    const creator = await this.principals.user({ tenantId: parts.tenantId, userId: record.createdBy });
    if (creator?.status !== 'active' || !isAdmin(creator.role)) return undefined;
    const now = this.clock();
    if (!record.lastUsedAt || now.getTime() - new Date(record.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
      await repository.touch({ tenantId: parts.tenantId, keyId: parts.keyId, now: now.toISOString() });
    }
    return {
      kind: 'apiKey',
      tenantId: parts.tenantId,
      keyId: parts.keyId,
      role: 'member',
      scope: record.scope,
    };
  }
}
