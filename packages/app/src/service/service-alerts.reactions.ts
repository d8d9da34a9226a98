import type { Reaction, ServiceRequest } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';

const BY = 'system:service-sla';

/**
 * The escalation service requests ask for, as complaints have: when the nightly SLA pass
 * escalates a late status (the request gains an escalation, the catalog's `service.overdue`), an
 * alert lands in the inbox of the technician the request was dispatched to, else of the
 * customer's owner, one per status visit (its id comes from the request and the missed due time,
 * so a redelivered record finds it). The request moving on, or closing, resolves it.
 */
export function serviceAlertsReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const alerts = new AlertService({
    tenantClient: sharedClientFactory(deps.table),
    clock: deps.clock ?? (() => new Date()),
  });
  return {
    name: 'service-alerts',
    entityTypes: ['serviceRequest'],
    async handle(change) {
      const after = change.after as ServiceRequest | undefined;
      const before = change.before as ServiceRequest | undefined;
      if (!after) {
        if (before?.id) await alerts.resolveServiceRequest(change.tenantId, before.id, BY);
        return;
      }
      if (before && before.status !== after.status) {
        await alerts.resolveServiceRequest(change.tenantId, after.id, BY);
      }
      const escalations = after.escalations ?? [];
      const latest = escalations.at(-1);
      const gained = escalations.length > (before?.escalations?.length ?? 0);
      // An escalation of a status the request has already left is history, not news.
      if (!gained || !latest || latest.step !== after.status) return;
      await alerts.raise(change.tenantId, {
        type: 'service',
        kind: 'service.escalated',
        customerId: after.customerId,
        serviceRequestId: after.id,
        ...(after.assignee?.kind === 'user' ? { assigneeId: after.assignee.userId } : {}),
        episode: latest.dueAt,
        reasons: [
          {
            code: 'service.overdue',
            figures: {
              status: latest.step,
              dueAt: latest.dueAt,
              priority: after.priority,
              summary: after.summary,
            },
          },
        ],
        suggestion: 'move_service_request_on',
        by: BY,
      });
    },
  };
}
