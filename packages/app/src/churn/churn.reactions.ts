import { defaultChurnPolicy, type Interaction, type Reaction } from '@crm/domain';
import { ChurnRepository, sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';
import { ChurnService } from './churn.service.js';

/**
 * A purchase moves the customer's churn state at once (back to `active`, resolving a churn
 * alert), before the next fit. Idempotent: the state is recomputed from what is stored and written
 * only when it moved; the alert's id is fixed by its episode. Only live orders count (not
 * payments, edits or imports), and each costs one read: the customer, the policy and the churn
 * file together. The usual order, an active customer buying again, writes nothing.
 */
export function churnReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(deps.table);
  const churn = new ChurnService({ tenantClient, clock, alerts: new AlertService({ tenantClient, clock }) });
  return {
    name: 'churn',
    entityTypes: ['interaction'],
    async handle(change) {
      if (change.kind !== 'created') return;
      const interaction = change.after as Interaction | undefined;
      if (interaction?.type !== 'order') return;
      // An import brings history in bulk; the nightly pass rates those customers.
      if (interaction.source?.startsWith('import:')) return;
      const stored = await new ChurnRepository(
        tenantClient(change.tenantId),
        change.tenantId,
      ).getForEvaluation(interaction.customerId);
      // A customer erased since the write has no churn state to keep.
      if (!stored.customer) return;
      await churn.evaluate({
        tenantId: change.tenantId,
        customerId: interaction.customerId,
        justOrdered: true,
        customer: stored.customer,
        policy: stored.policy?.policy ?? defaultChurnPolicy,
        previous: stored.file ?? null,
      });
    },
  };
}
