import { type Alert, type Lead, newId, type Opportunity, type Task } from '@crm/domain';
import {
  AlertRepository,
  CustomerRepository,
  LeadRepository,
  OpportunityRepository,
  type TableClient,
  TaskRepository,
} from '@crm/dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryCountingClient } from '../support/query-counting-client.js';
import { newTestTenantId } from '../support/test-tenant.js';

/**
 * The alert inbox, the task list and the sales lists (leads, deals) fill a page from an index partition through a filter. A filter
 * that matches little must not read the whole partition for one page: a page stops after a read
 * budget (four times the page, at least 200 items evaluated) and its cursor goes on from there.
 */

const ITEMS = 600;
const LIMIT = 50;
const BUDGET = 200;

type ListPage = { items: { id: string }[]; nextCursor: string | null };

/**
 * Reads a list page by page to its end (`list` takes the cursor, none for the first page) and
 * answers what the first page cost in items evaluated, what it held, and the ids of the whole list.
 */
async function readList(
  counting: { evaluated: () => number },
  list: (cursor?: string) => Promise<ListPage>,
): Promise<{ firstPageEvaluated: number; firstPage: ListPage; ids: string[] }> {
  const before = counting.evaluated();
  const firstPage = await list();
  const firstPageEvaluated = counting.evaluated() - before;
  const ids = firstPage.items.map((item) => item.id);
  let cursor = firstPage.nextCursor;
  while (cursor) {
    const page = await list(cursor);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  }
  return { firstPageEvaluated, firstPage, ids };
}

/** Runs `write` over `values` fifty at a time; answers what each write answered, in order. */
async function inChunks<T, R>(values: T[], write: (value: T) => Promise<R>): Promise<R[]> {
  const written: R[] = [];
  for (let start = 0; start < values.length; start += 50) {
    written.push(...(await Promise.all(values.slice(start, start + 50).map(write))));
  }
  return written;
}

/** One filtered list: how to store its items on a tenant of its own, and how to read it filtered. */
type FilteredList = {
  name: string;
  /** The index of the one item the filter matches: the far end of the list's order. */
  matchAt: number;
  open: (
    client: TableClient,
    tenantId: string,
  ) => {
    /** Stores the item at `index` (matching the filter or not) and answers its id. */
    store: (index: number, matches: boolean) => Promise<string>;
    /** One page of the list, filtered to the matching item. */
    page: (cursor?: string) => Promise<ListPage>;
  };
};

const lists: FilteredList[] = [
  {
    name: 'the alert inbox',
    // Newest first: the one match is the oldest alert.
    matchAt: 0,
    open: (client, tenantId) => {
      const alerts = new AlertRepository(client, tenantId);
      return {
        store: async (index, matches) => {
          const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
          const alert: Alert = {
            id: newId(),
            type: 'churn',
            kind: 'churn.risk.raised',
            customerId: newId(),
            customerName: `Kunde ${index}`,
            status: 'open',
            reasons: [],
            suggestion: null,
            assigneeId: matches ? 'far-owner' : 'near-owner',
            createdAt,
            updatedAt: createdAt,
            updatedBy: 'system:test',
            snoozedUntil: null,
            resolvedAt: null,
          };
          await alerts.createIfAbsent(alert);
          return alert.id;
        },
        page: (cursor) =>
          alerts.list({ assigneeId: 'far-owner', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
      };
    },
  },
  {
    name: 'the task list',
    // By due day, earliest first: the one match is due last.
    matchAt: ITEMS - 1,
    open: (client, tenantId) => {
      const tasks = new TaskRepository(client, tenantId);
      return {
        store: async (index, matches) => {
          const task: Task = {
            id: newId(),
            kind: matches ? 'birthday' : 'reorder',
            customerId: newId(),
            customerName: `Kunde ${index}`,
            status: 'open',
            dueOn: new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10),
            ref: null,
            details: {},
            assigneeId: null,
            snoozedUntil: null,
            completedAt: null,
            completedBy: null,
            note: null,
            createdAt: '2026-01-01T00:00:00.000Z',
            createdBy: 'system:tasks',
            updatedAt: '2026-01-01T00:00:00.000Z',
            updatedBy: 'system:tasks',
            version: 1,
          };
          await tasks.createIfAbsent(task);
          return task.id;
        },
        page: (cursor) => tasks.list({ kind: 'birthday', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
      };
    },
  },
  {
    name: 'the lead list',
    // Newest first: the one match is the oldest lead.
    matchAt: 0,
    open: (client, tenantId) => {
      const leads = new LeadRepository(client, tenantId);
      return {
        store: async (index, matches) => {
          const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
          const lead: Lead = {
            id: newId(),
            name: `Lead ${index}`,
            source: matches ? 'trade-fair' : 'website',
            ownerId: null,
            grade: 'B',
            gradedBy: 'rules',
            status: 'open',
            createdAt,
            createdBy: 'system:test',
            updatedAt: createdAt,
            updatedBy: 'system:test',
            version: 1,
          };
          await leads.create(lead);
          return lead.id;
        },
        page: (cursor) => leads.list({ source: 'trade-fair', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
      };
    },
  },
  {
    name: "a customer's open deals (the 360° card)",
    // Newest first: the one open deal is the customer's oldest, behind 599 closed ones.
    matchAt: 0,
    open: (client, tenantId) => {
      const deals = new OpportunityRepository(client, tenantId);
      const customerId = newId();
      // A deal is written only for a live customer.
      const customer = new CustomerRepository(client, tenantId).create({
        customer: {
          id: customerId,
          name: 'Long-time buyer',
          kind: 'business',
          status: 'active',
          tags: [],
          customFields: {},
          stats: {
            interactionCount: 0,
            orderCount: 0,
            orderValue: 0,
            orderValueByCurrency: {},
            paymentValue: 0,
          },
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
          createdBy: 'system:test',
          version: 1,
        },
        uniqueValues: [],
      });
      return {
        store: async (index, matches) => {
          await customer;
          const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
          const deal: Opportunity = {
            id: newId(),
            customerId,
            leadId: null,
            name: `Deal ${index}`,
            amount: 1_000,
            currency: 'CNY',
            expectedCloseDate: null,
            pipeline: 'default',
            stage: 'qualify',
            stageEnteredAt: createdAt,
            stageHistory: [{ stage: 'qualify', enteredAt: createdAt, leftAt: null, by: 'system:test' }],
            competitors: [],
            nextActivity: null,
            lastActivityAt: createdAt,
            status: matches ? 'open' : 'won',
            ownerId: null,
            lostReason: null,
            lostCompetitor: null,
            closeNote: null,
            closedAt: matches ? null : createdAt,
            closedBy: matches ? null : 'system:test',
            createdAt,
            createdBy: 'system:test',
            updatedAt: createdAt,
            updatedBy: 'system:test',
            version: 1,
          };
          await deals.create(deal);
          return deal.id;
        },
        page: (cursor) =>
          deals.list({ customerId, status: 'open', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
      };
    },
  },
];

for (const { name, matchAt, open } of lists) {
  describe(`${name} with a filter that matches one item of ${ITEMS}`, () => {
    const counting = queryCountingClient();
    const list = open(counting.client, newTestTenantId());
    let matchId: string | undefined;
    beforeAll(async () => {
      const indices = Array.from({ length: ITEMS }, (_, index) => index);
      const ids = await inChunks(indices, (index) => list.store(index, index === matchAt));
      matchId = ids[matchAt];
    });

    it('stops a page after its read budget, and its cursor pages on to the match', async () => {
      const read = await readList(counting, list.page);

      expect(read.firstPageEvaluated).toBeLessThanOrEqual(BUDGET);
      expect(read.firstPage).toEqual({ items: [], nextCursor: expect.any(String) });
      expect(read.ids).toEqual([matchId]);
    });
  });
}
