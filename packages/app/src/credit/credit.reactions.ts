import { DomainError, type Interaction, type Reaction } from '@crm/domain';
import { CreditRepository, sharedClientFactory, type TableClient, TenantRepository } from '@crm/dynamodb';
import { AlertService } from '../alerts/alerts.service.js';
import { syncCreditAlert } from '../alerts/credit-alerts.js';
import { CreditService } from './credit.service.js';
import { CreditLedger } from './credit-ledger.js';

const CREDIT_TYPES = new Set(['order', 'invoice', 'payment']);

/**
 * 动态监控: every order, invoice or payment re-rates its customer within moments of being written.
 * A new charge becomes a receivable, a payment settles receivables, then the file is evaluated and
 * saved only if it changed; an order that the evaluation holds is marked `held` on the timeline.
 * Idempotent: receivables and applications are written once by their ids, and an evaluation of
 * unchanged facts writes nothing. A hold raises a credit alert for the owner (one per hold), a
 * release resolves it (`afterEvaluation`). Edits of an interaction (`updated`) carry no new money.
 */
export function creditReaction(deps: { table: TableClient; clock?: () => Date }): Reaction {
  const clock = deps.clock ?? (() => new Date());
  const tenantClient = sharedClientFactory(deps.table);
  const alerts = new AlertService({ tenantClient, clock });
  const credit = new CreditService({
    tenantClient,
    clock,
    afterEvaluation: (tenantId, file, saved) => syncCreditAlert(alerts, tenantId, file, saved),
  });
  return {
    name: 'credit',
    entityTypes: ['interaction'],
    async handle(change) {
      if (change.kind === 'updated') return;
      const interaction = (change.after ?? change.before) as Interaction | undefined;
      if (!interaction || !CREDIT_TYPES.has(interaction.type)) return;
      // Imported history (a migration from another system, the CDNOW demo) says nothing about
      // what is still unpaid: it is taken as settled, and credit starts from what arrives live.
      if (interaction.source?.startsWith('import:')) return;
      const client = tenantClient(change.tenantId);
      const repository = new CreditRepository(client, change.tenantId);
      const at = clock().toISOString();
      if (change.kind === 'removed') {
        // A deleted charge owes nothing any more; a deleted payment's settlements stand (refunds are
        // their own entries), so only charges are undone.
        if (interaction.type !== 'payment')
          await repository.removeReceivable(interaction.customerId, interaction.id);
      } else {
        const tenant = await new TenantRepository(client).get({ tenantId: change.tenantId });
        if (!tenant || (interaction.currency && interaction.currency !== tenant.settings.defaultCurrency))
          return;
        const [{ policy }, file] = await Promise.all([
          credit.policy({ tenantId: change.tenantId }),
          // A customer erased since the write has no credit to keep.
          credit
            .file({ tenantId: change.tenantId, customerId: interaction.customerId })
            .catch((error: unknown) => {
              if (error instanceof DomainError && error.code === 'not_found') return undefined;
              throw error;
            }),
        ]);
        if (!file) return;
        const ledger = new CreditLedger(repository);
        if (interaction.type === 'payment') {
          await ledger.recordPayment(interaction, { marginDays: policy.maturityMarginDays, at });
        } else {
          await ledger.recordCharge(interaction, {
            termDays: file.termDays,
            receivableFrom: policy.receivableFrom,
            at,
          });
        }
      }
      const file = await credit.reevaluate({
        tenantId: change.tenantId,
        customerId: interaction.customerId,
        cause: `interaction:${interaction.id}`,
        seed: `credit|${change.eventId}`,
      });
      if (change.kind === 'created' && interaction.type === 'order' && file.status === 'hold') {
        await repository.markOrderHeld(interaction, { reasons: file.reasons, at: change.occurredAt });
      }
    },
  };
}
