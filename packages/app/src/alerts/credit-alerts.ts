import type { AlertReason, CreditFile } from '@crm/domain';
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
 * Keeps the credit alert in step with the file, from the file's state rather than from the
 * change that led there: a file on hold has its alert (one per hold, by `heldSince`, so a replay
 * or the nightly pass finds it there). Open alerts are looked for only when this evaluation saved
 * the file off hold: the stream does no extra read for the many orders that change nothing, at
 * the price that a crash between the save and this call leaves the alert open until the next change.
 */
export async function syncCreditAlert(
  alerts: AlertService,
  tenantId: string,
  file: CreditFile,
  saved: boolean,
): Promise<void> {
  if (file.status === 'hold' && file.heldSince) {
    await alerts.raise(tenantId, {
      type: 'credit',
      kind: 'credit.hold.placed',
      customerId: file.customerId,
      episode: file.heldSince,
      reasons: file.reasons.map(({ code, ...figures }): AlertReason => ({ code, figures })),
      suggestion: suggestionFor(file),
      by: BY,
    });
    return;
  }
  if (saved) await alerts.resolveOpen(tenantId, file.customerId, 'credit', BY);
}
