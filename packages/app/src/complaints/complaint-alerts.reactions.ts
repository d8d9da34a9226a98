import type { Complaint, Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';

const BY = 'system:complaint-sla';

/**
 * The escalation the complaint process asks for (客户投诉: each step has an SLA and an escalation
 * alert): when the nightly SLA pass escalates a step (the complaint gains an escalation, the
 * catalog's `complaint.overdue`), an alert lands in the inbox of the customer's owner, one per
 * step visit (its id comes from the complaint and the step's due time, so a redelivered record
 * finds it). The complaint leaving that step, or closing, resolves it.
 */
export function complaintAlertsReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const alerts = new AlertService({
    tenantClient: sharedClientFactory(deps.table),
    clock: deps.clock ?? (() => new Date()),
  });
  return {
    name: 'complaint-alerts',
    entityTypes: ['complaint'],
    async handle(change) {
      const after = change.after as Complaint | undefined;
      const before = change.before as Complaint | undefined;
      if (!after) {
        if (before?.id) await alerts.resolveComplaint(change.tenantId, before.id, BY);
        return;
      }
      if (before && before.step !== after.step) {
        await alerts.resolveComplaint(change.tenantId, after.id, BY);
      }
      const latest = after.escalations.at(-1);
      const gained = after.escalations.length > (before?.escalations.length ?? 0);
      // An escalation of a step the complaint has already left is history, not news.
      if (!gained || !latest || latest.step !== after.step) return;
      await alerts.raise(change.tenantId, {
        type: 'complaint',
        kind: 'complaint.escalated',
        customerId: after.customerId,
        complaintId: after.id,
        episode: latest.dueAt,
        reasons: [
          {
            code: 'complaint.overdue',
            figures: {
              step: latest.step,
              dueAt: latest.dueAt,
              severity: after.severity,
              summary: after.summary,
            },
          },
        ],
        suggestion: 'move_complaint_on',
        by: BY,
      });
    },
  };
}
