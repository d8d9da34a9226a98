import { createHash } from 'node:crypto';
import {
  type Customer,
  customerMatchesSegment,
  DomainError,
  deterministicUlid,
  receiveServiceRequest,
  type ServicePlan,
  type ServiceSlaPolicy,
  type ServiceValueClass,
} from '@crm/domain';
import { CustomerRepository, type TableClient } from '@crm/dynamodb';
import pMap from 'p-map';
import { SERVICE_PLAN_ACTOR } from './service-plan-actor.js';
import { recordServiceRequest } from './service-timeline.js';

const LIST_PAGE = 200;
const DAY_MS = 86_400_000;

/**
 * The customers currently in `abcClass`, page by page: the customer list partitions the segments
 * feature reads (a Query per shard, never a Scan), kept by the segments' own membership rule.
 */
async function* customersInClass(
  customers: CustomerRepository,
  tenantId: string,
  abcClass: ServiceValueClass,
): AsyncGenerator<Customer[]> {
  let cursor: string | undefined;
  do {
    const page = await customers.list({
      tenantId,
      sort: 'createdAt',
      order: 'asc',
      limit: LIST_PAGE,
      archived: false,
      filters: {},
      ...(cursor ? { cursor } : {}),
    });
    yield page.items.filter((customer) => customerMatchesSegment(customer, { abcClass: [abcClass] }));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * The request a class plan owes one customer for one due day: its id is derived from the plan,
 * the customer and the day, so writing it is a conditional put that a second run (or a run
 * resumed after a crash) finds already there instead of serving the customer twice.
 */
export function classPlanRequestId(planId: string, customerId: string, dueOn: string): string {
  const seed = createHash('sha256').update(`${planId}|${customerId}|${dueOn}`).digest('hex');
  return deterministicUlid(Date.parse(`${dueOn}T00:00:00.000Z`), seed);
}

/**
 * Serves one occurrence of a plan for a whole value class: one request (received, on the
 * timeline) for each customer in the class tonight. Answers how many were generated now; the
 * ones already there (an earlier, interrupted or concurrent run) count as served and are skipped.
 */
export async function serveClassPlan(args: {
  client: TableClient;
  tenantId: string;
  plan: ServicePlan & { abcClass: ServiceValueClass };
  dueOn: string;
  now: Date;
  policy: ServiceSlaPolicy;
  concurrency: number;
}): Promise<number> {
  const { client, tenantId, plan, dueOn, now, policy } = args;
  const customers = new CustomerRepository(client, tenantId);
  const from = `${dueOn}T00:00:00.000Z`;
  let generated = 0;
  for await (const members of customersInClass(customers, tenantId, plan.abcClass)) {
    const outcomes = await pMap(
      members,
      async (customer) => {
        const request = receiveServiceRequest({
          id: classPlanRequestId(plan.id, customer.id, dueOn),
          input: {
            customerId: customer.id,
            summary: plan.title,
            category: plan.category,
            priority: plan.priority,
            channel: 'other',
            requestedWindow: { from, to: new Date(Date.parse(from) + 7 * DAY_MS).toISOString() },
          },
          actor: { actorId: SERVICE_PLAN_ACTOR, role: 'owner' },
          now,
          plan: { planId: plan.id, dueOn },
          policy,
        });
        try {
          await recordServiceRequest(client, tenantId, request);
          return true;
        } catch (error) {
          // Already served for this day, or archived since the list was read: nothing to do.
          if (
            error instanceof DomainError &&
            ['already_exists', 'invalid_state', 'not_found'].includes(error.code)
          ) {
            return false;
          }
          throw error;
        }
      },
      { concurrency: args.concurrency },
    );
    generated += outcomes.filter(Boolean).length;
  }
  return generated;
}
