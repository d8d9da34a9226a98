import { type TableClient, type TenantClientFactory, TenantRepository } from '@crm/dynamodb';
import { AnalyticsService } from './analytics.service.js';

export type NightlyRefitResult = {
  tenants: number;
  succeeded: number;
  failed: { tenantId: string; code: string }[];
  ms: number;
};

/**
 * Refits every registered tenant (the `P#TENANTS` registry written at sign-up), one after the
 * other, so one process never holds two tenants' orders at once. A tenant whose fit fails is
 * recorded (its failed fit is stored by the service) and the walk goes on.
 */
export async function refitAllTenants(deps: {
  table: TableClient;
  tenantClient: TenantClientFactory;
  clock?: () => Date;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** Default: every registered tenant. An operator may re-run a few (e.g. the failed ones). */
  tenantIds?: readonly string[];
}): Promise<NightlyRefitResult> {
  const started = performance.now();
  const analytics = new AnalyticsService({
    tenantClient: deps.tenantClient,
    clock: deps.clock ?? (() => new Date()),
  });
  const tenantIds = deps.tenantIds ?? (await new TenantRepository(deps.table).listTenantIds());
  const result: NightlyRefitResult = { tenants: tenantIds.length, succeeded: 0, failed: [], ms: 0 };
  for (const tenantId of tenantIds) {
    const outcome = await analytics.refit({ tenantId, trigger: 'schedule', waitMs: Number.MAX_SAFE_INTEGER });
    if (outcome.status === 'succeeded') result.succeeded++;
    else result.failed.push({ tenantId, code: outcome.fit.error?.code ?? outcome.status });
    deps.log?.('tenant refit', { tenantId, status: outcome.status, diagnostics: outcome.fit.diagnostics });
  }
  result.ms = Math.round(performance.now() - started);
  return result;
}
