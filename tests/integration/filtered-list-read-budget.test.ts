import { type Alert, type Lead, newId, type Task } from '@crm/domain';
import { AlertRepository, LeadRepository, TaskRepository } from '@crm/dynamodb';
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

async function inChunks<T>(values: T[], write: (value: T) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < values.length; start += 50) {
    await Promise.all(values.slice(start, start + 50).map(write));
  }
}

describe('the alert inbox with a filter that matches one alert of 600', () => {
  const tenantId = newTestTenantId();
  const counting = queryCountingClient();
  const alerts = new AlertRepository(counting.client, tenantId);
  // The inbox is newest first: the one match is the oldest alert, at the far end.
  const alert = (index: number): Alert => {
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
    return {
      id: newId(),
      type: 'churn',
      kind: 'churn.risk.raised',
      customerId: newId(),
      customerName: `Kunde ${index}`,
      status: 'open',
      reasons: [],
      suggestion: null,
      assigneeId: index === 0 ? 'far-owner' : 'near-owner',
      createdAt,
      updatedAt: createdAt,
      updatedBy: 'system:test',
      snoozedUntil: null,
      resolvedAt: null,
    };
  };
  const stored = Array.from({ length: ITEMS }, (_, index) => alert(index));
  beforeAll(() => inChunks(stored, (value) => alerts.createIfAbsent(value)));

  it('stops a page after its read budget, and its cursor pages on to the match', async () => {
    const read = await readList(counting, (cursor) =>
      alerts.list({ assigneeId: 'far-owner', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    );

    expect(read.firstPageEvaluated).toBeLessThanOrEqual(BUDGET);
    expect(read.firstPage).toEqual({ items: [], nextCursor: expect.any(String) });
    expect(read.ids).toEqual([stored[0]?.id]);
  });
});

describe('the task list with a filter that matches one task of 600', () => {
  const tenantId = newTestTenantId();
  const counting = queryCountingClient();
  const tasks = new TaskRepository(counting.client, tenantId);
  // The list is by due day, earliest first: the one match is due last, at the far end.
  const task = (index: number): Task => {
    const dueOn = new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10);
    const far = index === ITEMS - 1;
    return {
      id: newId(),
      kind: far ? 'birthday' : 'reorder',
      customerId: newId(),
      customerName: `Kunde ${index}`,
      status: 'open',
      dueOn,
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
  };
  const stored = Array.from({ length: ITEMS }, (_, index) => task(index));
  beforeAll(() => inChunks(stored, (value) => tasks.createIfAbsent(value)));

  it('stops a page after its read budget, and its cursor pages on to the match', async () => {
    const read = await readList(counting, (cursor) =>
      tasks.list({ kind: 'birthday', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    );

    expect(read.firstPageEvaluated).toBeLessThanOrEqual(BUDGET);
    expect(read.firstPage).toEqual({ items: [], nextCursor: expect.any(String) });
    expect(read.ids).toEqual([stored[ITEMS - 1]?.id]);
  });
});

describe('the lead list with a filter that matches one lead of 600', () => {
  const tenantId = newTestTenantId();
  const counting = queryCountingClient();
  const leads = new LeadRepository(counting.client, tenantId);
  // Newest first: the one match is the oldest lead, at the far end.
  const lead = (index: number): Lead => {
    const createdAt = new Date(Date.UTC(2026, 0, 1, 0, index)).toISOString();
    return {
      id: newId(),
      name: `Lead ${index}`,
      source: index === 0 ? 'trade-fair' : 'website',
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
  };
  const stored = Array.from({ length: ITEMS }, (_, index) => lead(index));
  beforeAll(() => inChunks(stored, (value) => leads.create(value)));

  it('stops a page after its read budget, and its cursor pages on to the match', async () => {
    const read = await readList(counting, (cursor) =>
      leads.list({ source: 'trade-fair', limit: LIMIT, ...(cursor ? { cursor } : {}) }),
    );

    expect(read.firstPageEvaluated).toBeLessThanOrEqual(BUDGET);
    expect(read.firstPage).toEqual({ items: [], nextCursor: expect.any(String) });
    expect(read.ids).toEqual([stored[0]?.id]);
  });
});
