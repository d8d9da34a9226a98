import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import { forEachTenant, type TenantPassOutcome } from './each-tenant.js';

/** What a nightly pass over the tenants is given (the registry passes one tenant at a time). */
export type NightlyPassDeps = {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  tenantIds?: readonly string[];
  concurrency?: number;
};

/** A pass's outcome with its own counts, summed over the tenants. */
export type TenantCounts<Name extends string> = TenantPassOutcome & Record<Name, number>;

/**
 * `forEachTenant` for a pass that counts what it did: the counts named start at 0 and each
 * tenant's pass adds to them through `add` (as soon as it is called, so a tenant that throws
 * half-way keeps what it added before; the tenant itself is reported in `failed`).
 *
 * @example
 * const result = await countPerTenant(deps, ['customers'], async (tenantId, add) => {
 *   add({ customers: (await customersOf(tenantId)).length });
 * });
 */
export async function countPerTenant<const Name extends string>(
  deps: { table: TableClient; tenantIds?: readonly string[] | undefined },
  names: readonly Name[],
  pass: (tenantId: string, add: (counts: Partial<Record<Name, number>>) => void) => Promise<void>,
): Promise<TenantCounts<Name>> {
  const counts = Object.fromEntries(names.map((name) => [name, 0])) as Record<Name, number>;
  const add = (more: Partial<Record<Name, number>>) => {
    for (const name of names) counts[name] += more[name] ?? 0;
  };
  const outcome = await forEachTenant(deps, (tenantId) => pass(tenantId, add));
  return { ...outcome, ...counts };
}
