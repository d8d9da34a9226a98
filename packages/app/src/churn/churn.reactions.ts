import type { Interaction, Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';
import { ChurnService } from './churn.service.js';

/**
 * A purchase moves the customer's churn state at once (back to `active`, resolving a churn
 * alert), before the next fit. Idempotent: the state is recomputed from what is stored and written
 * only when it moved; the alert's id is fixed by its episode.
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
      await churn.evaluate({
        tenantId: change.tenantId,
        customerId: interaction.customerId,
        justOrdered: true,
      });
    },
  };
}
