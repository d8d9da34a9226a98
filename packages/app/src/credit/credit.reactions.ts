import { DomainError, type Interaction, type Reaction } from '@crm/domain';
import { CreditRepository, sharedClientFactory, type TableClient } from '@crm/dynamodb';
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
    afterEvaluation: (evaluated) => syncCreditAlert(alerts, evaluated),
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
      const repository = new CreditRepository(tenantClient(change.tenantId), change.tenantId);
      const at = clock().toISOString();
      // Customer, tenant, policy, file and receivables summary are read once, here, and handed on.
      const context = await credit
        .context(change.tenantId, interaction.customerId)
        .catch((error: unknown) => {
          // A customer erased since the write has no credit to keep.
          if (error instanceof DomainError && error.code === 'not_found') return undefined;
          throw error;
        });
      if (!context) return;
      const ledger = new CreditLedger(repository);
      let summary = context.summary;
      if (change.kind === 'removed') {
        // A deleted charge owes nothing any more; a deleted payment's settlements stand (refunds are
        // their own entries), so only charges are undone.
        if (interaction.type !== 'payment') {
          summary = await ledger.removeCharge(interaction.customerId, interaction.id, summary);
        }
      } else {
        if (interaction.currency && interaction.currency !== context.tenant.settings.defaultCurrency) return;
        if (interaction.type === 'payment') {
          summary = await ledger.recordPayment(interaction, {
            marginDays: context.policy.maturityMarginDays,
            at,
            summary,
          });
        } else {
          // The term of the customer's grade; a customer never evaluated is rated first.
          const termDays =
            context.stored?.termDays ??
            (await credit.evaluate(change.tenantId, interaction.customerId, context)).file.termDays;
          summary = await ledger.recordCharge(interaction, {
            termDays,
            receivableFrom: context.policy.receivableFrom,
            marginDays: context.policy.maturityMarginDays,
            at,
            summary,
          });
        }
      }
      const file = await credit.reevaluate({
        tenantId: change.tenantId,
        customerId: interaction.customerId,
        cause: `interaction:${interaction.id}`,
        seed: `credit|${change.eventId}`,
        // The ledger wrote the summary it returned: a derived one is stored now.
        context: { ...context, summary, summaryDerived: false },
      });
      if (change.kind === 'created' && interaction.type === 'order' && file.status === 'hold') {
        await repository.markOrderHeld(interaction, { reasons: file.reasons, at: change.occurredAt });
      }
    },
  };
}
