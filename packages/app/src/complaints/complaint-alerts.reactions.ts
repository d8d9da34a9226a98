import type { Complaint, Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';
import { syncEscalationAlert } from '../alerts/escalation-alerts.js';

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
      await syncEscalationAlert({
        before: change.before as Complaint | undefined,
        after: change.after as Complaint | undefined,
        stepOf: (complaint) => complaint.step,
        escalationsOf: (complaint) => complaint.escalations,
        resolve: (complaintId) => alerts.resolveComplaint(change.tenantId, complaintId, BY),
        raise: (complaint, latest) =>
          alerts.raise(change.tenantId, {
            type: 'complaint',
            kind: 'complaint.escalated',
            customerId: complaint.customerId,
            complaintId: complaint.id,
            episode: latest.dueAt,
            reasons: [
              {
                code: 'complaint.overdue',
                figures: {
                  step: latest.step,
                  dueAt: latest.dueAt,
                  severity: complaint.severity,
                  summary: complaint.summary,
                },
              },
            ],
            suggestion: 'move_complaint_on',
            by: BY,
          }),
      });
    },
  };
}
