import { type TableClient, TenantRepository } from '@crm/dynamodb';

/** What every nightly pass reports, beside its own counts. */
export type TenantPassOutcome = {
  tenants: number;
  failed: { tenantId: string; message: string }[];
  ms: number;
};

/**
 * Runs one nightly pass over every registered tenant (or the ones given), one after the other:
 * a tenant whose pass throws is reported in `failed` and blocks no other.
 */
export async function forEachTenant(
  deps: { table: TableClient; tenantIds?: readonly string[] | undefined },
  pass: (tenantId: string) => Promise<void>,
): Promise<TenantPassOutcome> {
  const started = performance.now();
  const tenantIds = deps.tenantIds ?? (await new TenantRepository(deps.table).listTenantIds());
  const failed: TenantPassOutcome['failed'] = [];
  for (const tenantId of tenantIds) {
    try {
      await pass(tenantId);
    } catch (error) {
      failed.push({ tenantId, message: (error as Error).message });
    }
  }
  return { tenants: tenantIds.length, failed, ms: Math.round(performance.now() - started) };
}
