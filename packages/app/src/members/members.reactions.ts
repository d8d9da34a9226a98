import type { Interaction, Reaction } from '@crm/domain';
import { sharedClientFactory, type TableClient } from '@crm/dynamodb';
import { MemberService } from './member.service.js';

/**
 * 会员升级: an order moves the customer's figures (value, orders in the window), so each live
 * order re-applies the tenant's tier rules to its customer at once. Idempotent: the upgrade is
 * conditional on the tier read and tiers only go up, so a redelivered order finds the tier reached
 * and writes nothing; the care task's id is fixed by the tier. CLV changes with the refit, which
 * the nightly pass follows.
 */
export function memberTierReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const members = new MemberService({
    tenantClient: sharedClientFactory(deps.table),
    clock: deps.clock ?? (() => new Date()),
  });
  return {
    name: 'member-tiers',
    entityTypes: ['interaction'],
    async handle(change) {
      if (change.kind !== 'created') return;
      const interaction = change.after as Interaction | undefined;
      if (interaction?.type !== 'order') return;
      // An import brings history in bulk; the nightly pass rates those customers.
      if (interaction.source?.startsWith('import:')) return;
      await members.evaluate({ tenantId: change.tenantId, customerId: interaction.customerId });
    },
  };
}
