import type { TenantClientFactory } from '@crm/dynamodb';
import { AlertService } from './alerts.service.js';

/**
 * The nightly alerts pass: a snoozed alert comes back to the inbox (`open`) once its snooze has
 * ended, as a snoozed task does; time alone moves it, so no write would trigger the stream. Safe
 * to run twice: only an alert still snoozed past its time is changed.
 */
export async function wakeSnoozedAlerts(
  deps: { tenantClient: TenantClientFactory; clock?: () => Date },
  tenantId: string,
): Promise<{ woken: number }> {
  const alerts = new AlertService({
    tenantClient: deps.tenantClient,
    clock: deps.clock ?? (() => new Date()),
  });
  return { woken: await alerts.wakeSnoozed(tenantId) };
}
