import {
  addDays,
  dueDateFor,
  type Interaction,
  isOverdue,
  type ReceivablesSummary,
  settlePayment,
  withReceivableChange,
} from '@crm/domain';
import type { CreditRepository, LedgerWrite, StoredReceivable } from '@crm/dynamodb';
import pRetry from 'p-retry';

/** Another write moved the customer's receivables summary between our read and our write. */
class SummaryMoved extends Error {}

/** Writers of one busy customer meet on its summary: the loser reads again, soon and briefly. */
const LEDGER_RETRY = { retries: 10, minTimeout: 5, factor: 2, maxTimeout: 200, randomize: true } as const;

/**
 * The receivables side of credit (应收账款), moved by the timeline: an invoice (or an order, where
 * the tenant invoices on order) becomes a receivable due after the customer's term; a payment
 * settles the one it names, then the oldest. Each step is applied once, however often the stream
 * delivers the record, and moves the customer's receivables summary in the same transaction (the
 * summary is what evaluations read). Each method takes the summary as last read and returns it as
 * it stands after the step.
 */
export class CreditLedger {
  constructor(private readonly repository: CreditRepository) {}

  /**
   * Records the receivable an order or invoice creates, then spends any credit waiting for it.
   */
  async recordCharge(
    interaction: Interaction,
    options: {
      termDays: number;
      receivableFrom: 'invoice' | 'order';
      /** The policy's maturity margin: a charge already overdue when recorded is written marked. */
      marginDays: number;
      at: string;
      summary: ReceivablesSummary | undefined;
    },
  ): Promise<ReceivablesSummary> {
    const fromOrder = interaction.type === 'order';
    // An order the tenant will invoice later is exposure now but never overdue by itself.
    const invoicedLater = fromOrder && options.receivableFrom === 'invoice';
    const receivable = invoicedLater
      ? this.receivable(interaction, '9999-12-31', 'order')
      : this.receivable(
          interaction,
          dueDateFor(interaction.occurredAt, options.termDays, interaction.dueDate),
          fromOrder ? 'order' : 'invoice',
        );
    // Recorded late (a back-dated order or invoice): marked now, so no evaluation has to read
    // the receivables to find it, and `invoice.overdue` is announced from its insert.
    if (isOverdue(receivable, options.at, options.marginDays)) receivable.overdueAt = options.at;
    let summary = await this.write(interaction.customerId, options.summary, (current) =>
      this.repository.addReceivable(receivable, withReceivableChange(current, undefined, receivable)),
    );
    if (invoicedLater) return summary;
    // The steps below are once-only by their own markers, so a redelivery finishes what a failed
    // delivery started.
    if (interaction.type === 'invoice' && interaction.appliesTo) {
      summary = await this.replaceInvoicedOrder(interaction, options.at, summary);
    }
    return this.spendCredit(interaction, options.at, summary);
  }

  /** Settles receivables with a payment, once; what it leaves over becomes waiting credit. */
  async recordPayment(
    payment: Interaction,
    options: { marginDays: number; at: string; summary: ReceivablesSummary | undefined },
  ): Promise<ReceivablesSummary> {
    return this.write(payment.customerId, options.summary, async (current) => {
      const receivables = await this.repository.listReceivables(payment.customerId);
      const settlement = settlePayment(receivables, {
        amount: payment.amount ?? 0,
        ...(payment.appliesTo ? { appliesTo: payment.appliesTo } : {}),
      });
      const changed = this.changed(
        receivables,
        settlement.receivables as StoredReceivable[],
        payment.occurredAt,
        options.marginDays,
      );
      return this.repository.applyOnce({
        customerId: payment.customerId,
        appliedId: payment.id,
        changed,
        unapplied: settlement.unapplied,
        at: options.at,
        summary: this.afterChanges(current, receivables, changed, settlement.unapplied),
      });
    });
  }

  /**
   * A deleted charge owes nothing any more: its receivable goes, and the summary forgets it
   * (nothing when it is gone already).
   */
  async removeCharge(
    customerId: string,
    receivableId: string,
    summary: ReceivablesSummary | undefined,
  ): Promise<ReceivablesSummary> {
    return this.write(customerId, summary, async (current) => {
      const receivable = await this.repository.getReceivable(customerId, receivableId);
      if (!receivable) return { outcome: 'duplicate' };
      const result = await this.repository.removeReceivable(
        receivable,
        withReceivableChange(current, receivable, undefined),
      );
      // Changed since it was read (paid meanwhile): read both again.
      return result.outcome === 'duplicate' ? { outcome: 'conflict' } : result;
    });
  }

  /** The summary as stored, or derived once from the receivables for a file that predates it. */
  async summary(customerId: string): Promise<ReceivablesSummary> {
    return (
      (await this.repository.getSummary(customerId)) ?? (await this.repository.deriveSummary(customerId))
    );
  }

  /**
   * Runs one ledger write against the summary, reading the summary again while other writers
   * move it first. Returns the summary after the write (or as read, when the write was done before).
   */
  private async write(
    customerId: string,
    given: ReceivablesSummary | undefined,
    attempt: (summary: ReceivablesSummary) => Promise<LedgerWrite>,
  ): Promise<ReceivablesSummary> {
    let first = given;
    return pRetry(
      async () => {
        const summary = first ?? (await this.summary(customerId));
        first = undefined;
        const result = await attempt(summary);
        if (result.outcome === 'conflict') throw new SummaryMoved('receivables summary moved');
        return result.outcome === 'written' ? result.summary : summary;
      },
      { ...LEDGER_RETRY, shouldRetry: ({ error }) => error instanceof SummaryMoved },
    );
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
  private async replaceInvoicedOrder(
    invoice: Interaction,
    at: string,
    summary: ReceivablesSummary,
  ): Promise<ReceivablesSummary> {
    const orderId = invoice.appliesTo;
    if (!orderId) return summary;
    return this.write(invoice.customerId, summary, async (current) => {
      const order = await this.repository.getReceivable(invoice.customerId, orderId);
      if (order?.source !== 'order' || order.paid >= order.amount) return { outcome: 'duplicate' };
      // Invoiced, not paid: it says nothing about payment behaviour, so no `settledOnTime`.
      const closed: StoredReceivable = { ...order, paid: order.amount, settledAt: invoice.occurredAt };
      return this.repository.applyOnce({
        customerId: invoice.customerId,
        appliedId: `invoiced:${invoice.id}`,
        changed: [closed],
        unapplied: 0,
        at,
        summary: withReceivableChange(current, order, closed),
      });
    });
  }

  /** Credit left over from earlier payments pays the new receivable first. */
  private async spendCredit(
    charge: Interaction,
    at: string,
    summary: ReceivablesSummary,
  ): Promise<ReceivablesSummary> {
    if (summary.unapplied <= 0) return summary;
    return this.write(charge.customerId, summary, async (current) => {
      const credit = current.unapplied;
      if (credit <= 0) return { outcome: 'duplicate' };
      const receivables = await this.repository.listReceivables(charge.customerId);
      const settlement = settlePayment(receivables, { amount: credit, appliesTo: charge.id });
      const changed = this.changed(
        receivables,
        settlement.receivables as StoredReceivable[],
        charge.occurredAt,
        0,
      );
      // Negative: the credit this application consumed.
      const consumed = settlement.unapplied - credit;
      return this.repository.applyOnce({
        customerId: charge.customerId,
        appliedId: `credit:${charge.id}`,
        changed,
        unapplied: consumed,
        at,
        summary: this.afterChanges(current, receivables, changed, consumed),
      });
    });
  }

  /** The summary once `changed` replaces the receivables it names and `unapplied` is added. */
  private afterChanges(
    summary: ReceivablesSummary,
    before: readonly StoredReceivable[],
    changed: readonly StoredReceivable[],
    unapplied: number,
  ): ReceivablesSummary {
    const byId = new Map(before.map((receivable) => [receivable.id, receivable]));
    let next = { ...summary, unapplied: summary.unapplied + unapplied };
    for (const receivable of changed) next = withReceivableChange(next, byId.get(receivable.id), receivable);
    return next;
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
