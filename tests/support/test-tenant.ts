import { newId } from '@crm/domain';

/**
 * A tenant id no other suite or test uses (a ULID): the unit of isolation on the shared table.
 *
 * @example
 * const tenantId = newTestTenantId();
 */
export function newTestTenantId(): string {
  return newId();
}
