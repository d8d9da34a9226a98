import {
  DomainError,
  figureMoves,
  type Interaction,
  type ServicePlan,
  type ServiceRequest,
} from '@crm/domain';
import {
  FiguresBusyError,
  InteractionRepository,
  ServiceRequestRepository,
  type TableClient,
  TenantRepository,
} from '@crm/dynamodb';
import pRetry from 'p-retry';

/** The customer item may be held by an order's transaction for a moment: resend, as the timeline does. */
const BUSY_RETRY = { retries: 20, minTimeout: 5, factor: 1.5, maxTimeout: 200, randomize: true } as const;

/**
 * Writes a received request with its entry on the customer's timeline (an interaction of type
 * `service`, same id, `reference` = the request) and the customer's figures, in one transaction;
 * from a plan, the plan's move to its next occurrence joins it. Used by the desk and the nightly run.
 */
export async function recordServiceRequest(
  client: TableClient,
  tenantId: string,
  request: ServiceRequest,
  plan?: { next: ServicePlan; expectedVersion: number },
): Promise<void> {
  const tenant = await new TenantRepository(client).get({ tenantId });
  if (!tenant) throw new DomainError('not_found', 'Tenant not found');
  const timelineEntry: Interaction = {
    id: request.id,
    customerId: request.customerId,
    type: 'service',
    occurredAt: request.receivedAt,
    channel: request.channel,
    subject: request.summary.slice(0, 200),
    ...(request.description ? { text: request.description } : {}),
    actorId: request.receivedBy,
    reference: request.id,
    source: 'api',
    createdAt: request.createdAt,
    createdBy: request.receivedBy,
    version: 1,
  };
  const moves = figureMoves(timelineEntry, tenant.settings.defaultCurrency);
  const requests = new ServiceRequestRepository(client, tenantId);
  await pRetry(() => requests.record({ request, timelineEntry, moves, ...(plan ? { plan } : {}) }), {
    ...BUSY_RETRY,
    shouldRetry: ({ error }) => error instanceof FiguresBusyError,
  });
  await new InteractionRepository(client, tenantId).moveFigureInstants({
    customerId: request.customerId,
    moves,
  });
}
