import {
  birthdayWindow,
  defaultTaskPolicy,
  plannedCareReminders,
  plannedContactBirthdays,
} from '@crm/domain';
import { ContactRepository, CustomerRepository, TaskRepository } from '@crm/dynamodb';
import pMap from 'p-map';
import { countPerTenant, type NightlyPassDeps } from '../nightly/count-per-tenant.js';
import type { TenantPassOutcome } from '../nightly/each-tenant.js';
import { TaskService } from './tasks.service.js';

export type CareTaskResult = TenantPassOutcome & {
  /** Live customers looked at. */
  customers: number;
  /** Tasks created (a second run the same day creates none). */
  created: number;
  /** Snoozed tasks whose snooze ended, open again. */
  woken: number;
};

/**
 * The nightly care pass (关怀提醒): for each tenant's live customers, the reminders due today
 * (re-order within the lead days, birthdays of customers and of their contacts, anniversaries)
 * become tasks for the owner, and
 * snoozed tasks whose time has come are opened again. Time-driven, so no write would trigger the
 * stream. Safe to run twice: each task's id is fixed by what it is about, and it is written only
 * if absent. Most customers are due for nothing and cost no write.
 */
export async function createCareTasksAllTenants(deps: NightlyPassDeps): Promise<CareTaskResult> {
  const clock = deps.clock ?? (() => new Date());
  const tasks = new TaskService({ tenantClient: deps.tenantClient, clock });
  return countPerTenant(deps, ['customers', 'created', 'woken'], async (tenantId, add) => {
    const client = deps.tenantClient(tenantId);
    const policy = (await new TaskRepository(client, tenantId).getPolicy())?.policy ?? defaultTaskPolicy;
    const today = clock().toISOString();
    let customers = 0;
    let created = 0;
    for await (const page of new CustomerRepository(client, tenantId).liveCustomerPages()) {
      const due = page.flatMap((customer) =>
        plannedCareReminders(customer, policy, today).map((reminder) => ({ customer, reminder })),
      );
      const made = await pMap(
        due,
        ({ customer, reminder }) => tasks.raise(tenantId, { ...reminder, customerId: customer.id, customer }),
        { concurrency: deps.concurrency ?? 8 },
      );
      customers += page.length;
      created += made.filter(Boolean).length;
    }
    // Contacts' birthdays from their index: only the few days ahead are read, not every contact.
    if (policy.kinds.birthday) {
      const { from, to } = birthdayWindow(today, policy.dateLeadDays);
      const contacts = await new ContactRepository(client, tenantId).withBirthdayBetween(from, to);
      const made = await pMap(
        contacts.flatMap((contact) =>
          plannedContactBirthdays([contact], policy, today).map((reminder) => ({ contact, reminder })),
        ),
        // Raised for the contact's customer, read there: an archived customer gets none.
        ({ contact, reminder }) => tasks.raise(tenantId, { ...reminder, customerId: contact.customerId }),
        { concurrency: deps.concurrency ?? 8 },
      );
      created += made.filter(Boolean).length;
    }
    const woken = await tasks.wakeSnoozed(tenantId);
    add({ customers, created, woken });
    deps.log?.('tenant care tasks', { tenantId, customers, created, woken });
  });
}
