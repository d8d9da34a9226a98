import type { AlertReason, CreditFile } from '@crm/domain';
import type { CreditEvaluated } from '../credit/credit.service.js';
import type { AlertService } from './alerts.service.js';

const BY = 'system:credit';

/** The first step for a hold: collect what is overdue, else look at the limit. */
function suggestionFor(file: CreditFile): string {
  const overdue = file.reasons.some(
    (reason) => reason.code === 'overdue_amount' || reason.code === 'days_overdue',
  );
  return overdue ? 'collect_payment' : 'review_limit';
}

/**
 * Keeps the credit alert in step with the file: a file on hold has its alert (one per hold, by
 * `heldSince`), a released one has none open. Only evaluations that placed or released the hold
 * touch the alerts, or ones that saved nothing: a redelivered record after a crash between the
 * save and this call saves nothing, and so puts the alert right. Every other order of a customer
 * on hold (each moves the exposure and saves the file) costs the alerts nothing.
 */
export async function syncCreditAlert(alerts: AlertService, evaluated: CreditEvaluated): Promise<void> {
  const { tenantId, file, saved, decisions, customer } = evaluated;
  if (file.status === 'hold' && file.heldSince) {
    if (saved && !decisions.includes('hold_placed')) return;
    await alerts.raise(tenantId, {
      type: 'credit',
      kind: 'credit.hold.placed',
      customerId: file.customerId,
      customer,
      episode: file.heldSince,
      reasons: file.reasons.map(({ code, ...figures }): AlertReason => ({ code, figures })),
      suggestion: suggestionFor(file),
      by: BY,
    });
    return;
  }
  if (saved && !decisions.includes('hold_released')) return;
  await alerts.resolveOpen(tenantId, file.customerId, 'credit', BY);
}
