import { addDays, dueDateFor, type Interaction, settlePayment } from '@crm/domain';
import type { CreditRepository, StoredReceivable } from '@crm/dynamodb';

/**
 * The receivables side of credit (应收账款), moved by the timeline: an invoice (or an order, where
 * the tenant invoices on order) becomes a receivable due after the customer's term; a payment
 * settles the one it names, then the oldest. Each step is applied once, however often the stream
 * delivers the record.
 */
export class CreditLedger {
  constructor(private readonly repository: CreditRepository) {}

  /** Records the receivable an order or invoice creates, then spends any credit waiting for it. */
  async recordCharge(
    interaction: Interaction,
    options: { termDays: number; receivableFrom: 'invoice' | 'order'; at: string },
  ): Promise<void> {
    const fromOrder = interaction.type === 'order';
    if (fromOrder && options.receivableFrom === 'invoice') {
      // An order the tenant will invoice later is exposure now but never overdue by itself.
      await this.repository.addReceivable(this.receivable(interaction, '9999-12-31', 'order'));
      return;
    }
    const due = dueDateFor(interaction.occurredAt, options.termDays, interaction.dueDate);
    const added = await this.repository.addReceivable(
      this.receivable(interaction, due, fromOrder ? 'order' : 'invoice'),
    );
    if (!added) return;
    if (interaction.type === 'invoice' && interaction.appliesTo) {
      await this.replaceInvoicedOrder(interaction, options.at);
    }
    await this.spendCredit(interaction, options.at);
  }

  /** Settles receivables with a payment, once. */
  async recordPayment(payment: Interaction, options: { marginDays: number; at: string }): Promise<void> {
    const receivables = await this.repository.listReceivables(payment.customerId);
    const settlement = settlePayment(receivables, {
      amount: payment.amount ?? 0,
      ...(payment.appliesTo ? { appliesTo: payment.appliesTo } : {}),
    });
    await this.repository.applyOnce({
      customerId: payment.customerId,
      appliedId: payment.id,
      changed: this.changed(
        receivables,
        settlement.receivables as StoredReceivable[],
        payment.occurredAt,
        options.marginDays,
      ),
      unapplied: settlement.unapplied,
      at: options.at,
    });
  }

  private receivable(
    interaction: Interaction,
    dueDate: string,
    source: 'order' | 'invoice',
  ): StoredReceivable {
    return {
      id: interaction.id,
      customerId: interaction.customerId,
      issuedAt: interaction.occurredAt,
      dueDate,
      amount: interaction.amount ?? 0,
      paid: 0,
      source,
      currency: interaction.currency ?? '',
    };
  }

  /** An invoice for an order takes the order's place: the order's receivable closes. */
  private async replaceInvoicedOrder(invoice: Interaction, at: string): Promise<void> {
    const receivables = await this.repository.listReceivables(invoice.customerId);
    const order = receivables.find(
      (receivable) => receivable.id === invoice.appliesTo && receivable.source === 'order',
    );
    if (!order || order.paid >= order.amount) return;
    await this.repository.applyOnce({
      customerId: invoice.customerId,
      appliedId: `invoiced:${invoice.id}`,
      // Invoiced, not paid: it says nothing about payment behaviour, so no `settledOnTime`.
      changed: [{ ...order, paid: order.amount, settledAt: invoice.occurredAt }],
      unapplied: 0,
      at,
    });
  }

  /** Credit left over from earlier payments pays the new receivable first. */
  private async spendCredit(charge: Interaction, at: string): Promise<void> {
    const credit = await this.repository.unappliedCredit(charge.customerId);
    if (credit <= 0) return;
    const receivables = await this.repository.listReceivables(charge.customerId);
    const settlement = settlePayment(receivables, { amount: credit, appliesTo: charge.id });
    await this.repository.applyOnce({
      customerId: charge.customerId,
      appliedId: `credit:${charge.id}`,
      changed: this.changed(receivables, settlement.receivables as StoredReceivable[], charge.occurredAt, 0),
      // Negative: the credit this application consumed.
      unapplied: settlement.unapplied - credit,
      at,
    });
  }

  private changed(
    before: readonly StoredReceivable[],
    after: readonly StoredReceivable[],
    paidAt: string,
    marginDays: number,
  ): StoredReceivable[] {
    return after
      .filter((receivable, index) => receivable.paid !== before[index]?.paid)
      .map((receivable) =>
        receivable.paid >= receivable.amount
          ? {
              ...receivable,
              settledAt: paidAt,
              settledOnTime: paidAt.slice(0, 10) <= addDays(receivable.dueDate, marginDays),
            }
          : receivable,
      );
  }
}
