import {
  AnalyticsError,
  compareHoldout,
  dayNumber,
  fitBgNbd,
  isoDay,
  summarizeHoldout,
} from '@crm/analytics';
import { DomainError, type HoldoutCheck } from '@crm/domain';
import { type TableClient, TenantRepository } from '@crm/dynamodb';
import { readOrders } from './refit-runner.js';
import { transactionsOf } from './tenant-model.js';

/** A number the maths left undefined (no holdout purchase at all) is null in the answer. */
function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * The holdout check on a tenant's orders: BG/NBD fitted on the orders up to `cutoff`, compared
 * with what the customers acquired by then did until `end` (per calibration repeat purchases and
 * week by week). Without a cutoff, the period from the first order to `end` is split in half.
 */
export async function runHoldoutCheck(input: {
  client: TableClient;
  tenantId: string;
  /** YYYY-MM-DD; default: halfway between the first order and `end`. */
  cutoff?: string;
  /** YYYY-MM-DD. */
  end: string;
}): Promise<HoldoutCheck> {
  const { client, tenantId } = input;
  const tenant = await new TenantRepository(client).get({ tenantId });
  if (!tenant) throw new DomainError('not_found', 'Tenant not found');
  const currency = tenant.settings.defaultCurrency;
  const { ordersByCustomer } = await readOrders(client, tenantId, currency);
  const transactions = [...ordersByCustomer].flatMap(([customerId, orders]) =>
    transactionsOf(customerId, orders, currency),
  );
  const endDay = dayNumber(input.end);
  let cutoffDay: number;
  if (input.cutoff) cutoffDay = dayNumber(input.cutoff);
  else {
    const firstDay = transactions.reduce((first, t) => Math.min(first, t.day), Number.POSITIVE_INFINITY);
    if (!(firstDay < endDay)) {
      throw new AnalyticsError('invalid_input', `no orders before ${input.end} to check the model on`);
    }
    cutoffDay = firstDay + Math.floor((endDay - firstDay) / 2);
  }
  const customers = summarizeHoldout(transactions, { cutoffDay, endDay });
  const fit = fitBgNbd(customers);
  const { r, alpha, a, b } = fit.params;
  const comparison = compareHoldout(fit.params, customers, { cutoffDay, endDay });
  return {
    cutoff: isoDay(cutoffDay),
    end: isoDay(endDay),
    holdoutWeeks: comparison.holdoutWeeks,
    customers: comparison.customers,
    bgnbd: { r, alpha, a, b },
    byFrequency: comparison.byFrequency,
    cumulative: comparison.cumulative,
    errors: {
      ...comparison.errors,
      cumulativeEndError: finiteOrNull(comparison.errors.cumulativeEndError),
    },
  };
}
