import {
  type CustomerServicePlan,
  type CustomerServicePlans,
  DomainError,
  newId,
  nextPlanDueOn,
  planCustomerOf,
  planStanding,
  type ServicePlan,
  type ServicePlanInput,
  ServicePlanInputSchema,
  type ServicePlanListItem,
  type ServicePlanPatch,
  ServicePlanPatchSchema,
} from '@crm/domain';
import { CustomerRepository, ServicePlanRepository, type TenantClientFactory } from '@crm/dynamodb';
import { parsedInput } from '../parsed-input.js';
import type { ServiceCaller } from './service-request.service.js';

/**
 * Proactive service plans (服务计划): recurring service per customer, optionally only while the
 * customer is in an ABC value class, or for every customer of a class. The nightly run
 * (service.jobs.ts) turns due ones into requests.
 */
export class ServicePlanService {
  private readonly tenantClient: TenantClientFactory;
  private readonly clock: () => Date;

  constructor(deps: { tenantClient: TenantClientFactory; clock: () => Date }) {
    this.tenantClient = deps.tenantClient;
    this.clock = deps.clock;
  }

  private plans(tenantId: string) {
    return new ServicePlanRepository(this.tenantClient(tenantId), tenantId);
  }

  async create(caller: ServiceCaller, body: ServicePlanInput): Promise<ServicePlan> {
    const { customerId, abcClass, ...input } = parsedInput(ServicePlanInputSchema, body);
    if (customerId !== undefined) {
      const customer = await new CustomerRepository(this.tenantClient(caller.tenantId), caller.tenantId).get({
        customerId,
      });
      if (!customer) {
        throw new DomainError('not_found', 'Customer not found', {
          fields: [{ path: 'customerId', message: 'no such customer' }],
        });
      }
      if (customer.archivedAt)
        throw new DomainError('invalid_state', 'The customer is archived; restore it first');
    }
    const at = this.clock().toISOString();
    const plan: ServicePlan = {
      id: newId(),
      customerId: customerId ?? null,
      abcClass: abcClass ?? null,
      ...input,
      occurrences: 0,
      nextDueOn: input.startsOn,
      lastRequestId: null,
      lastRunOn: null,
      createdAt: at,
      createdBy: caller.actorId,
      updatedAt: at,
      version: 1,
    };
    await this.plans(caller.tenantId).create(plan);
    return plan;
  }

  async get({ tenantId, planId }: { tenantId: string; planId: string }): Promise<ServicePlan> {
    const plan = await this.plans(tenantId).get(planId);
    if (!plan) throw new DomainError('not_found', 'Service plan not found');
    return plan;
  }

  /**
   * A page of plans, each with its standing tonight by the nightly run's rule (planStanding), so
   * the list never shows a next date the run would skip: an own plan's customer is read once per
   * page (one batch get); a plan for a whole class is judged for a live customer of its class.
   */
  async list(
    { tenantId }: { tenantId: string },
    query: { customerId?: string; limit: number; cursor?: string },
  ): Promise<{ items: ServicePlanListItem[]; cursor: string | null }> {
    const page = await this.plans(tenantId).list(query);
    const customerIds = [
      ...new Set(page.items.flatMap((plan) => (plan.customerId === null ? [] : [plan.customerId]))),
    ];
    const customers = customerIds.length
      ? await new CustomerRepository(this.tenantClient(tenantId), tenantId).batchGet({ customerIds })
      : [];
    const byId = new Map(customers.map((customer) => [customer.id, customer]));
    const items = page.items.map((plan): ServicePlanListItem => {
      if (plan.customerId === null) {
        // It serves whoever is in its class tonight: judged for such a member, as the run judges each.
        const member = { valueClass: plan.abcClass, archived: false };
        return { ...plan, standing: planStanding(plan, member), customerClass: null };
      }
      // A customer that no longer exists is as good as archived, as in the nightly run.
      const seen = planCustomerOf(byId.get(plan.customerId));
      return {
        ...plan,
        standing: planStanding(plan, seen),
        customerClass: seen.archived ? null : seen.valueClass,
      };
    });
    return { items, cursor: page.cursor };
  }

  /**
   * The plans that serve one customer: its own, and those for every customer of the ABC class it
   * is in tonight (an archived customer is in none: the nightly run does not serve it). Each with
   * its standing and when it next serves the customer, by the nightly run's rule (planStanding): a
   * class plan's next occurrence serves every customer then in the class, so it is the plan's own
   * next due day; an own plan limited to a value class the customer is not in has none (skipped).
   */
  async forCustomer({
    tenantId,
    customerId,
  }: {
    tenantId: string;
    customerId: string;
  }): Promise<CustomerServicePlans> {
    const customer = await new CustomerRepository(this.tenantClient(tenantId), tenantId).get({ customerId });
    if (!customer) throw new DomainError('not_found', 'Customer not found');
    const seen = planCustomerOf(customer);
    const abcClass = seen.archived ? null : seen.valueClass;
    const plans = this.plans(tenantId);
    const [own, ofClass] = await Promise.all([
      plans.list({ customerId, limit: 200 }),
      abcClass ? plans.forClass(abcClass) : Promise.resolve([]),
    ]);
    const applied = (plan: ServicePlan, appliesBy: CustomerServicePlan['appliesBy']): CustomerServicePlan => {
      // The nightly run's own rule: a date shows only when that run would serve the customer then.
      const standing = planStanding(plan, seen);
      return { plan, appliesBy, standing, nextDueOn: standing === 'scheduled' ? plan.nextDueOn : null };
    };
    return {
      customerId,
      abcClass,
      items: [
        ...own.items.map((plan) => applied(plan, 'customer')),
        ...ofClass.map((plan) => applied(plan, 'class')),
      ],
    };
  }

  /** Changes the plan at `expectedVersion`; a new recurrence applies from the next occurrence. */
  async update(
    caller: ServiceCaller & { planId: string },
    body: ServicePlanPatch,
    expectedVersion: number,
  ): Promise<ServicePlan> {
    const { version: _version, ...patch } = parsedInput(ServicePlanPatchSchema, body);
    const plans = this.plans(caller.tenantId);
    const current = await this.get(caller);
    if (current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `The service plan is at version ${current.version}, not ${expectedVersion}; reload it`,
        { details: { current } },
      );
    }
    if (current.abcClass !== null && patch.valueClass) {
      throw new DomainError(
        'validation_failed',
        'Invalid body: valueClass: a plan for a whole class serves that class',
        {
          fields: [
            {
              path: 'valueClass',
              message: 'a plan for a whole class serves that class; leave valueClass out',
            },
          ],
        },
      );
    }
    const next: ServicePlan = {
      ...current,
      ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)),
      updatedAt: this.clock().toISOString(),
    };
    next.nextDueOn = nextPlanDueOn(next);
    return plans.replace(next, expectedVersion);
  }

  async remove(caller: ServiceCaller & { planId: string }, expectedVersion?: number): Promise<void> {
    await this.plans(caller.tenantId).remove(caller.planId, expectedVersion);
  }
}
