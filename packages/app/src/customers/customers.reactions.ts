import { createHash } from 'node:crypto';
import {
  authorOfCustomerChange,
  type Customer,
  describeCustomerChange,
  deterministicUlid,
  type Reaction,
} from '@crm/domain';
import { CustomerRepository, type TableClient } from '@crm/dynamodb';

/**
 * The audit trail (who changed what and when), written from the stream: every customer change
 * becomes a history entry, without the request paying for a second write. Idempotent: the entry's
 * id comes from the stream record's eventId, so a redelivered record rewrites the same entry.
 * Imports are recorded once on their import job, not per customer.
 */
export function customerHistoryReaction(deps: { table: TableClient }): Reaction {
  return {
    name: 'customer-history',
    entityTypes: ['customer'],
    async handle(change) {
      if (change.kind === 'removed') return;
      const before = change.before as Partial<Customer> | undefined;
      const after = change.after as Customer;
      const described = describeCustomerChange(before, after);
      if (!described || described.action === 'imported') return;
      const { actorId, at, organisationId } = authorOfCustomerChange(before, after, change.occurredAt);
      const seed = createHash('sha256').update(`customer-history|${change.eventId}`).digest('hex');
      await new CustomerRepository(deps.table, change.tenantId).putHistory({
        id: deterministicUlid(Date.parse(at), seed),
        customerId: after.id,
        at,
        actorId,
        ...(organisationId ? { organisationId } : {}),
        action: described.action,
        ...(described.changes ? { changes: described.changes } : {}),
      });
    },
  };
}
