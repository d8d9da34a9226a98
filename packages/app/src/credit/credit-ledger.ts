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

  /**
   * Records the receivable an order or invoice creates, then spends any credit waiting for it.
   * `unapplied` is the credit waiting before the charge; the credit waiting after it is returned.
   */
  async recordCharge(
    interaction: Interaction,
    options: { termDays: number; receivableFrom: 'invoice' | 'order'; at: string; unapplied: number },
  ): Promise<number> {
    const fromOrder = interaction.type === 'order';
    if (fromOrder && options.receivableFrom === 'invoice') {
      // An order the tenant will invoice later is exposure now but never overdue by itself.
      await this.repository.addReceivable(this.receivable(interaction, '9999-12-31', 'order'));
      return options.unapplied;
    }
    const due = dueDateFor(interaction.occurredAt, options.termDays, interaction.dueDate);
    const added = await this.repository.addReceivable(
      this.receivable(interaction, due, fromOrder ? 'order' : 'invoice'),
    );
    if (!added) return options.unapplied;
    if (interaction.type === 'invoice' && interaction.appliesTo) {
      await this.replaceInvoicedOrder(interaction, options.at);
    }
    return this.spendCredit(interaction, options.at, options.unapplied);
  }

  /**
   * Settles receivables with a payment, once. `unapplied` is the credit waiting before it; the
   * credit waiting after it (plus what the payment leaves over) is returned.
   */
  async recordPayment(
    payment: Interaction,
    options: { marginDays: number; at: string; unapplied: number },
  ): Promise<number> {
    const receivables = await this.repository.listReceivables(payment.customerId);
    const settlement = settlePayment(receivables, {
      amount: payment.amount ?? 0,
      ...(payment.appliesTo ? { appliesTo: payment.appliesTo } : {}),
    });
    const applied = await this.repository.applyOnce({
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
    return applied ? options.unapplied + settlement.unapplied : options.unapplied;
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

  /** Credit left over from earlier payments pays the new receivable first; returns what is left. */
  private async spendCredit(charge: Interaction, at: string, credit: number): Promise<number> {
    if (credit <= 0) return credit;
    const receivables = await this.repository.listReceivables(charge.customerId);
    const settlement = settlePayment(receivables, { amount: credit, appliesTo: charge.id });
    const applied = await this.repository.applyOnce({
      customerId: charge.customerId,
      appliedId: `credit:${charge.id}`,
      changed: this.changed(receivables, settlement.receivables as StoredReceivable[], charge.occurredAt, 0),
      // Negative: the credit this application consumed.
      unapplied: settlement.unapplied - credit,
      at,
    });
    return applied ? settlement.unapplied : credit;
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
