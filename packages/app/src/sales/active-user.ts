import { DomainError } from '@crm/domain';
import { type TenantClientFactory, UserRepository } from '@crm/dynamodb';

/** An owner must be an active user of the tenant; `path` names the field that is not. */
export async function assertActiveUser(
  tenantClient: TenantClientFactory,
  tenantId: string,
  userId: string,
  path: string,
): Promise<void> {
  const user = await new UserRepository(tenantClient(tenantId)).get({ tenantId, userId });
  if (!user || user.status === 'disabled') {
    throw new DomainError('validation_failed', 'Owner is not an active user of this tenant', {
      fields: [{ path, message: 'no such active user' }],
    });
  }
}
