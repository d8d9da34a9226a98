import { AnalyticsError, dayNumber } from '@crm/analytics';
import { DomainError, type ModelFit } from '@crm/domain';
import {
  CustomerRepository,
  ModelRepository,
  type OrderFact,
  type TableClient,
  TenantRepository,
} from '@crm/dynamodb';
import pMap from 'p-map';
import { firstUnstorableNumber, storableCopy } from './storable-numbers.js';
import { fitTenantModel, type TenantCustomer } from './tenant-model.js';

/** Customers whose orders are read at once during a refit. */
const READ_CONCURRENCY = 32;

export type RefitOutcome = { status: 'succeeded' | 'failed' | 'running'; fit: ModelFit };

/**
 * A customer whose orders all fell on one day, in the default currency, is fully described by its
 * stats (one purchase day of amount orderValue: x = 0): its timeline need not be read. On CDNOW
 * that is about half the customers, and half the refit's reads.
 */
function singleDayOrders(customer: TenantCustomer, currency: string): OrderFact[] | undefined {
  const { firstOrderAt, lastOrderAt, orderValueByCurrency, orderValue } = customer.stats;
  if (!firstOrderAt || !lastOrderAt || dayNumber(firstOrderAt) !== dayNumber(lastOrderAt)) return undefined;
  if (Object.keys(orderValueByCurrency).some((code) => code !== currency)) return undefined;
  return [{ occurredAt: firstOrderAt, amount: orderValue, currency }];
}

/** Every live customer and the orders of those with any, `READ_CONCURRENCY` partitions at once. */
export async function readOrders(client: TableClient, tenantId: string, currency: string) {
  const customerRepository = new CustomerRepository(client, tenantId);
  const models = new ModelRepository(client, tenantId);
  const customers: TenantCustomer[] = [];
  for await (const page of customerRepository.liveCustomerPages()) {
    for (const customer of page) customers.push({ id: customer.id, stats: customer.stats });
  }
  const ordersByCustomer = new Map<string, OrderFact[]>();
  const buyers: TenantCustomer[] = [];
  for (const customer of customers) {
    if (customer.stats.orderCount === 0) continue;
    const single = singleDayOrders(customer, currency);
    if (single) ordersByCustomer.set(customer.id, single);
    else buyers.push(customer);
  }
  await pMap(
    buyers,
    async (customer) => {
      ordersByCustomer.set(customer.id, await models.listOrders({ customerId: customer.id }));
    },
    { concurrency: READ_CONCURRENCY },
  );
  return { customers, ordersByCustomer };
}

/**
 * The fit, with numeric breakdowns on degenerate data (a series that does not converge for
 * parameters at the edge of their range) told as such rather than as an unexpected failure.
 */
function fitOrExplain(input: Parameters<typeof fitTenantModel>[0]): ReturnType<typeof fitTenantModel> {
  try {
    return fitTenantModel(input);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new AnalyticsError(
      'degenerate_data',
      `The orders give the models no stable answer (too few repeat buyers?): ${error.message}`,
    );
  }
}

/**
 * One refit, start to end: reads every customer's orders, fits, writes the scores, then stores
 * the fit. A failed fit is stored as such, never as numbers.
 */
export async function runRefit(input: {
  client: TableClient;
  tenantId: string;
  started: ModelFit;
  clock: () => Date;
}): Promise<RefitOutcome> {
  const { client, tenantId, started, clock } = input;
  const t0 = performance.now();
  const models = new ModelRepository(client, tenantId);
  try {
    const tenant = await new TenantRepository(client).get({ tenantId });
    if (!tenant) throw new DomainError('not_found', 'Tenant not found');
    const currency = tenant.settings.defaultCurrency;
    const [{ customers, ordersByCustomer }, policy] = await Promise.all([
      readOrders(client, tenantId, currency),
      models.getPolicy(),
    ]);
    const pin = policy?.policy;
    const readMs = performance.now() - t0;
    const { fit, scores } = fitOrExplain({
      fitId: started.id,
      startedAt: started.startedAt,
      trigger: started.trigger,
      currency,
      cutoffDay: dayNumber(clock().toISOString()),
      ...(pin && pin.model !== 'auto'
        ? { pinnedModel: { model: pin.model, ...(pin.k === null ? {} : { k: pin.k }) } }
        : {}),
      customers,
      ordersByCustomer,
      now: clock,
    });
    const unstorable = firstUnstorableNumber({ fit, scores });
    if (unstorable) {
      throw new AnalyticsError(
        'degenerate_data',
        'The orders give the models no stable answer (too few repeat buyers for this many customers): ' +
          `${unstorable} came out beyond any storable number`,
        { at: unstorable, repeaters: fit.diagnostics?.repeaters ?? null, customers: customers.length },
      );
    }
    const writeStarted = performance.now();
    // Scores first, then the fit: the latest fit never points at scores not yet written.
    await models.setScoresMany(scores);
    fit.diagnostics = {
      ...fit.diagnostics,
      readMs: Math.round(readMs),
      scoreMs: Math.round((fit.diagnostics?.scoreMs ?? 0) + performance.now() - writeStarted),
      totalMs: Math.round(performance.now() - t0),
    };
    await models.saveFit(fit);
    return { status: 'succeeded', fit };
  } catch (error) {
    const known = error instanceof AnalyticsError || error instanceof DomainError;
    const failed: ModelFit = {
      ...started,
      status: 'failed',
      fittedAt: clock().toISOString(),
      diagnostics: { converged: false, totalMs: Math.round(performance.now() - t0) },
      error: known
        ? {
            code: error.code,
            message: error.message,
            ...(error.details ? { details: storableCopy(error.details) } : {}),
          }
        : { code: 'internal', message: 'The fit failed unexpectedly' },
    };
    if (!known) console.error('analytics refit failed', error);
    try {
      await models.saveFit(failed);
    } catch (saveError) {
      // The run must not stay `running`: store it failed without the details that would not go in.
      console.error('analytics refit: the failed fit could not be stored with its details', saveError);
      const { details: _dropped, ...error } = failed.error ?? { code: 'internal', message: '' };
      await models.saveFit({ ...failed, diagnostics: { converged: false }, error });
    }
    return { status: 'failed', fit: failed };
  }
}
