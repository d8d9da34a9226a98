import type { Reaction, ServiceRequest } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';
import { syncEscalationAlert } from '../alerts/escalation-alerts.js';

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
      await syncEscalationAlert({
        before: change.before as ServiceRequest | undefined,
        after: change.after as ServiceRequest | undefined,
        stepOf: (request) => request.status,
        // Requests stored before service SLAs existed have no escalations.
        escalationsOf: (request) => request.escalations ?? [],
        resolve: (requestId) => alerts.resolveServiceRequest(change.tenantId, requestId, BY),
        raise: (request, latest) =>
          alerts.raise(change.tenantId, {
            type: 'service',
            kind: 'service.escalated',
            customerId: request.customerId,
            serviceRequestId: request.id,
            ...(request.assignee?.kind === 'user' ? { assigneeId: request.assignee.userId } : {}),
            episode: latest.dueAt,
            reasons: [
              {
                code: 'service.overdue',
                figures: {
                  status: latest.step,
                  dueAt: latest.dueAt,
                  priority: request.priority,
                  summary: request.summary,
                },
              },
            ],
            suggestion: 'move_service_request_on',
            by: BY,
          }),
      });
    },
  };
}
