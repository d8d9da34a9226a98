import type { TableClient, TenantClientFactory } from '@crm/dynamodb';
import { MemberService } from './member.service.js';

/**
 * The nightly member pass: every live customer of the tenant is evaluated against the tier rules,
 * because CLV moves with each refit and the order window moves with time, neither of which writes
 * an order. Safe to run twice: upgrades are conditional and tiers only go up.
 */
export async function reviewMemberTiers(
  deps: { table: TableClient; tenantClient: TenantClientFactory; clock?: () => Date },
  tenantId: string,
): Promise<{ customers: number; upgraded: number }> {
  return new MemberService({
    tenantClient: deps.tenantClient,
    clock: deps.clock ?? (() => new Date()),
  }).evaluateAll({
    tenantId,
  });
}
